using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.StudyMeetings;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;
using static RegionalWorkspace.Tests.Features.StudyMeetings.StudyMeetingFixtures;

namespace RegionalWorkspace.Tests.Features.Studies;

/// <summary>An app whose uploaded files go into its own data directory (not the shared test binaries' folder).</summary>
public abstract class PublicationsHostFixtureBase(DatabaseProvider provider) : IAsyncLifetime
{
    public AppHost Host { get; private set; } = default!;

    public string Folder { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var data = Directory.CreateTempSubdirectory("rw-publications-").FullName;
        Folder = Path.Combine(data, "attachments");
        Host = await AppHost.StartAsync(provider, new Dictionary<string, string?> { ["Attachments:Path"] = Folder }, data);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class PublicationsHostFixture() : PublicationsHostFixtureBase(DatabaseProvider.Sqlite);

public sealed class PublicationsPostgresHostFixture() : PublicationsHostFixtureBase(DatabaseProvider.Postgres);

/// <summary>Publications: who sees them, who records them, the General Assembly approval and the document, on a real database.</summary>
public abstract class PublicationsServiceTestsBase(PublicationsHostFixtureBase fixture)
{
    protected AppHost Host => fixture.Host;

    private PublicationsService Publications => Host.Get<PublicationsService>();

    private DateTime Today => Host.Get<WorkspaceTime>().Now.Date;

    [Fact]
    public async Task Unapproved_IsSeenByCeseStaffOnly_ThenByEveryoneOnceApproved()
    {
        var title = $"Étude sur l'attractivité territoriale {Guid.NewGuid():N}";
        var id = await CreatePublicationAsync(Host, approved: false, title);
        var query = new PublicationQuery { Text = title };

        Assert.Single((await Publications.ListAsync(await Host.PrincipalAsync(Cese), query)).Items);
        foreach (var email in new[] { RskOfficer, "leadership@demo.ma", "arm@demo.ma", "admin@demo.ma" })
        {
            var user = await Host.PrincipalAsync(email);
            Assert.Equal(0, (await Publications.ListAsync(user, query)).Total);
            await Assert.ThrowsAsync<NotFoundException>(() => Publications.GetAsync(user, id));
        }

        await ApproveAsync(Host, id, session: 57);

        foreach (var email in new[] { RskOfficer, SmOfficer, "leadership@demo.ma", "dgct@demo.ma" })
        {
            var row = Assert.Single((await Publications.ListAsync(await Host.PrincipalAsync(email), query)).Items);
            Assert.True(row.IsApproved);
            Assert.Equal((57, DateOnly.FromDateTime(Today.AddDays(-30))), (row.AssemblySessionNumber!.Value, row.AssemblyApprovedOn!.Value));
        }
    }

    [Fact]
    public async Task Create_BadInput_IsRefusedFieldByField_AndNothingIsSaved()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var before = await CountAsync();
        var input = new PublicationInput { TitleFr = "  ", TitleAr = "", Kind = (PublicationKind)42, Commission = null, Summary = new string('x', 8_001) };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Publications.CreateAsync(cese, input));

        Assert.Equal(
            ["Commission:Validation.Choose", "Kind:Validation.Choose", "Summary:Validation.TooLong", "TitleAr:Validation.Required", "TitleFr:Validation.Required"],
            error.Errors.Select(e => $"{e.Field}:{e.MessageKey}").Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData(RskOfficer)]
    [InlineData("arm@demo.ma")]
    [InlineData("admin@demo.ma")]
    [InlineData("leadership@demo.ma")]
    public async Task Manage_OtherThanCeseStaff_IsRefused(string email)
    {
        var user = await Host.PrincipalAsync(email);
        var id = await CreatePublicationAsync(Host, approved: true);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Publications.CreateAsync(user, Publication()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Publications.UpdateAsync(user, id, Publication()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Publications.ApproveAsync(user, id, new ApprovalInput { SessionNumber = 1, ApprovedOn = Today }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Publications.UploadDocumentAsync(user, id, "avis.pdf", new MemoryStream(PdfBytes())));
    }

    [Fact]
    public async Task StudyRequestLink_OnlyAnAdoptedOrPublishedRequest()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var inProgress = await CreateRequestAsync(StudyRequestStatus.InProgress);
        var adopted = await CreateRequestAsync(StudyRequestStatus.Adopted);
        var input = Publication($"Avis en réponse {Guid.NewGuid():N}");

        input.StudyRequestId = inProgress;
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Publications.CreateAsync(cese, input));
        Assert.Equal("StudyRequestId:Validation.RequestNotAdopted", Assert.Single(refused.Errors.Select(e => $"{e.Field}:{e.MessageKey}")));

        input.StudyRequestId = adopted;
        var id = await Publications.CreateAsync(cese, input);

        var detail = await Publications.GetAsync(cese, id);
        Assert.Equal(adopted, detail.Request!.Id);
        Assert.Contains(await Publications.RequestChoicesAsync(cese), c => c.Id == adopted);
        Assert.DoesNotContain(await Publications.RequestChoicesAsync(cese), c => c.Id == inProgress);
    }

    [Fact]
    public async Task Approve_BadInput_IsRefused_AndNothingChanges()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await CreatePublicationAsync(Host, approved: false);
        var version = (await Publications.GetAsync(cese, id)).Row.Version;

        async Task<string> RefusalAsync(ApprovalInput input)
        {
            input.Version = version;
            var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Publications.ApproveAsync(cese, id, input));
            return string.Join(" ", error.Errors.Select(e => $"{e.Field}:{e.MessageKey}").Order(StringComparer.Ordinal));
        }

        Assert.Equal("ApprovedOn:Validation.Required SessionNumber:Validation.Required", await RefusalAsync(new ApprovalInput()));
        Assert.Equal("SessionNumber:Validation.Range", await RefusalAsync(new ApprovalInput { SessionNumber = 0, ApprovedOn = Today }));
        Assert.Equal("SessionNumber:Validation.Range", await RefusalAsync(new ApprovalInput { SessionNumber = -3, ApprovedOn = Today }));
        Assert.Equal("ApprovedOn:Validation.ApprovalInFuture", await RefusalAsync(new ApprovalInput { SessionNumber = 12, ApprovedOn = Today.AddDays(1) }));

        var detail = await Publications.GetAsync(cese, id);
        Assert.False(detail.Row.IsApproved);
        Assert.Equal(version, detail.Row.Version);

        await Publications.ApproveAsync(cese, id, new ApprovalInput { SessionNumber = 12, ApprovedOn = Today, Version = version });
        Assert.True((await Publications.GetAsync(cese, id)).Row.IsApproved);
    }

    [Fact]
    public async Task Approve_OnAStaleVersion_IsAConflict_WithTheStoredValues()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await CreatePublicationAsync(Host, approved: false);
        var stale = (await Publications.GetAsync(cese, id)).Row.Version;
        await Publications.ApproveAsync(cese, id, new ApprovalInput { SessionNumber = 8, ApprovedOn = Today.AddDays(-2), Version = stale });

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Publications.ApproveAsync(cese, id, new ApprovalInput { SessionNumber = 9, ApprovedOn = Today, Version = stale }));

        var stored = Assert.IsType<ApprovalInput>(conflict.Current);
        Assert.Equal(8, stored.SessionNumber);
        Assert.Equal("Leila Kabbaj", conflict.UpdatedBy);
        Assert.Equal(8, (await Publications.GetAsync(cese, id)).Row.AssemblySessionNumber);
    }

    [Fact]
    public async Task WithdrawApproval_OnceAMeetingPresentsIt_IsRefused_OtherwiseAllowed()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var presented = await CreatePublicationAsync(Host, approved: true);
        var meetingId = await Host.Get<StudyMeetingsService>().ScheduleAsync(cese, Meeting(presented, Today.AddDays(10).AddHours(10)));
        var notPresented = await CreatePublicationAsync(Host, approved: true);

        var version = (await Publications.GetAsync(cese, presented)).Row.Version;
        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Publications.WithdrawApprovalAsync(cese, presented, version));
        Assert.Equal("Validation.ApprovalPresented", Assert.Single(refusal.Errors).MessageKey);
        Assert.True((await Publications.GetAsync(cese, presented)).Row.IsApproved);
        Assert.Contains((await Publications.GetAsync(cese, presented)).Meetings, m => m.Id == meetingId);

        await Publications.WithdrawApprovalAsync(cese, notPresented, (await Publications.GetAsync(cese, notPresented)).Row.Version);
        Assert.False((await Publications.GetAsync(cese, notPresented)).Row.IsApproved);
        await Assert.ThrowsAsync<NotFoundException>(async () => await Publications.GetAsync(await Host.PrincipalAsync(RskOfficer), notPresented));
    }

    [Fact]
    public async Task Document_ATextFileRenamedPdf_IsRefused_AndNothingIsKept()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await CreatePublicationAsync(Host, approved: true);
        var filesBefore = Files();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Publications.UploadDocumentAsync(cese, id, "avis.pdf", new MemoryStream(Encoding.UTF8.GetBytes("Ceci n'est pas un PDF, juste du texte."))));

        var field = Assert.Single(error.Errors);
        Assert.Equal(("File", "Validation.PublicationDocumentType", "PDF, DOCX"), (field.Field, field.MessageKey, (string)field.Arguments[0]));
        Assert.Null((await Publications.GetAsync(cese, id)).DocumentFileName);
        Assert.Equal(filesBefore, Files());
    }

    [Fact]
    public async Task Document_AnImage_IsRefusedForAPublication_AndNotKeptOnDisk()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await CreatePublicationAsync(Host, approved: true);
        var filesBefore = Files();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Publications.UploadDocumentAsync(cese, id, "couverture.png", new MemoryStream(Png())));

        Assert.Equal("Validation.PublicationDocumentType", Assert.Single(error.Errors).MessageKey);
        Assert.Equal(filesBefore, Files());
    }

    [Fact]
    public async Task Document_Pdf_IsDownloadedByEveryone_ReplacingRemovesTheOldFile()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await CreatePublicationAsync(Host, approved: true);
        await Publications.UploadDocumentAsync(cese, id, "avis v1.pdf", new MemoryStream(PdfBytes()));
        var first = Path.Combine(fixture.Folder, await StoredNameAsync(id));
        Assert.True(File.Exists(first));
        var second = PdfBytes().Concat(Encoding.ASCII.GetBytes("% version 2\n")).ToArray();

        await Publications.UploadDocumentAsync(cese, id, "avis v2.pdf", new MemoryStream(second));

        var (document, content) = await Publications.OpenDocumentAsync(await Host.PrincipalAsync(SmOfficer), id);
        await using (content)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(second, copy.ToArray());
        }

        Assert.Equal(("avis v2.pdf", "application/pdf"), (document.FileName, document.ContentType));
        Assert.False(File.Exists(first));
        Assert.True(File.Exists(Path.Combine(fixture.Folder, await StoredNameAsync(id))));
    }

    [Fact]
    public async Task DocumentEndpoint_UnapprovedPublication_IsNotFoundForAnOfficer_ButServedToCeseStaff()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await CreatePublicationAsync(Host, approved: false);
        await Publications.UploadDocumentAsync(cese, id, "projet.pdf", new MemoryStream(PdfBytes()));

        using var officer = await SignedInClientAsync(RskOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(PublicationEndpoints.DocumentUrl(id))).StatusCode);

        using var staff = await SignedInClientAsync(Cese);
        using var response = await staff.GetAsync(PublicationEndpoints.DocumentUrl(id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(PdfBytes(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task List_Filters_ByKindCommissionApprovalAndText()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var marker = Guid.NewGuid().ToString("N");
        var opinion = await Publications.CreateAsync(cese, Publication($"Avis {marker} emploi des jeunes"));
        var report = Publication($"Rapport {marker} eau");
        report.Kind = PublicationKind.Report;
        report.Commission = CeseCommission.EnvironmentAndSustainableDevelopment;
        var reportId = await Publications.CreateAsync(cese, report);
        await ApproveAsync(Host, reportId);

        async Task<int[]> IdsAsync(PublicationQuery query)
        {
            query.Text ??= marker;
            return (await Publications.ListAsync(cese, query)).Items.Select(p => p.Id).Order().ToArray();
        }

        Assert.Equal([opinion, reportId], await IdsAsync(new PublicationQuery()));
        Assert.Equal([reportId], await IdsAsync(new PublicationQuery { Kind = PublicationKind.Report }));
        Assert.Equal([reportId], await IdsAsync(new PublicationQuery { Commission = CeseCommission.EnvironmentAndSustainableDevelopment }));
        Assert.Equal([reportId], await IdsAsync(new PublicationQuery { Approved = true }));
        Assert.Equal([opinion], await IdsAsync(new PublicationQuery { Approved = false }));
        Assert.Equal([opinion], await IdsAsync(new PublicationQuery { Text = $"{marker} EMPLOI" }));
    }

    [Fact]
    public async Task Changes_ToAnUnapprovedPublication_ReachCeseStaffOnly()
    {
        var received = new List<WorkspaceEvent>();
        using var subscription = Host.Get<IWorkspaceBus>().Subscribe(e =>
        {
            if (e.EntityType == "Publication")
            {
                lock (received)
                {
                    received.Add(e);
                }
            }
        });
        var id = await CreatePublicationAsync(Host, approved: false);
        await ApproveAsync(Host, id);

        WorkspaceEvent[] events;
        lock (received)
        {
            events = received.Where(e => e.EntityId == id).ToArray();
        }

        Assert.Equal([Audience.CeseStaff, Audience.SignedIn], events.Select(e => e.Audience));
        var officer = new RegionalWorkspace.Features.Accounts.Actor("x", "x", RegionalWorkspace.Features.Accounts.WorkspaceRole.RegionalOfficer, Rsk);
        var staff = officer with { Role = RegionalWorkspace.Features.Accounts.WorkspaceRole.CeseStaff, RegionId = null };
        Assert.Equal([false, true], events.Select(e => e.IsVisibleTo(officer)));
        Assert.Equal([true, true], events.Select(e => e.IsVisibleTo(staff)));
    }

    private async Task<string> StoredNameAsync(int id)
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.Publications.Where(p => p.Id == id).Select(p => p.DocumentStoredName!).SingleAsync();
    }

    private List<string> Files() =>
        Directory.Exists(fixture.Folder) ? Directory.EnumerateFiles(fixture.Folder).Order(StringComparer.Ordinal).ToList() : [];

    private async Task<int> CountAsync()
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.Publications.CountAsync();
    }

    private async Task<int> CreateRequestAsync(StudyRequestStatus status)
    {
        await using var db = await Host.CreateDbContextAsync();
        var request = new StudyRequest
        {
            Title = $"Demande {status} {Guid.NewGuid():N}",
            Question = "Quels leviers pour l'emploi des jeunes dans les régions ?",
            Rationale = "Forte demande des conseils régionaux.",
            RequestedByUserId = await Host.UserIdAsync("arm@demo.ma"),
            Status = status,
            SubmittedAtUtc = DateTime.UtcNow.AddMonths(-6),
        };
        request.Regions.Add(new StudyRequestRegion { RegionId = Rsk });
        db.StudyRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    private async Task<HttpClient> SignedInClientAsync(string email)
    {
        var cookies = await HubClient.SignInAsync(Host.BaseUrl, email);
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Host.BaseUrl };
    }
}

public sealed class PublicationsServiceTests(PublicationsHostFixture fixture) : PublicationsServiceTestsBase(fixture), IClassFixture<PublicationsHostFixture>;

public sealed class PublicationsServicePostgresTests(PublicationsPostgresHostFixture fixture) : PublicationsServiceTestsBase(fixture), IClassFixture<PublicationsPostgresHostFixture>;

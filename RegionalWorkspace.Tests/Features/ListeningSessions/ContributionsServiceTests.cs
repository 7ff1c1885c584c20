using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.ListeningSessions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;
using static RegionalWorkspace.Tests.Features.ListeningSessions.ListeningFixtures;

namespace RegionalWorkspace.Tests.Features.ListeningSessions;

/// <summary>Contributions: who may post, read, withdraw and download, until when; their files; their live events.</summary>
public abstract class ContributionsServiceTestsBase(ListeningHostFixture fixture)
{
    protected AppHost Host => fixture.Host;

    private ContributionsService Contributions => Host.Get<ContributionsService>();

    [Fact]
    public async Task Contribute_OfficerOfAnInvitedRegion_ForOneOfItsBodies_WithFiles_IsListedAndAnnouncedLive()
    {
        var id = await OrganiseRunningNowAsync(Host);
        var youth = await Host.BodyIdAsync("RSK", BodyKind.Youth);
        var rsk = await RegionIdAsync(Host, "RSK");
        var heard = new List<WorkspaceEvent>();
        using var subscription = Host.Get<IWorkspaceBus>().Subscribe(e =>
        {
            lock (heard)
            {
                heard.Add(e);
            }
        });
        var pdf = PdfBytes();

        var contributionId = await ContributeAsync(Host, id, "Le conseil des jeunes propose un guichet unique.", RskOfficer, youth, ("propositions.pdf", pdf), ("annexe.pdf", pdf));

        var rows = await Contributions.ListAsync(await Host.PrincipalAsync(Cese), id);
        var row = Assert.Single(rows, r => r.Id == contributionId);
        Assert.Equal((rsk, (int?)youth, "Khadija Alami", "Le conseil des jeunes propose un guichet unique."), (row.RegionId, row.BodyId, row.AuthorName, row.Text));
        Assert.Equal(["propositions.pdf", "annexe.pdf"], row.Files.Select(f => f.FileName));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), row.Files[0].Sha256);
        Assert.Equal(await BodyNameAsync(youth), row.BodyNameFr);

        WorkspaceEvent announced;
        lock (heard)
        {
            announced = Assert.Single(heard, e => e.EntityType == "Contribution" && e.EntityId == contributionId);
        }

        Assert.Equal((Capability.ListeningSessions, ChangeKind.Created, ListeningSessionsService.SessionKey(id), Audience.ConcernedRegions), (announced.Capability, announced.Kind, announced.Scope, announced.Audience));
        Assert.Equal(new[] { rsk, await RegionIdAsync(Host, "FM") }.Order(), announced.ConcernedRegionIds!.Order());
        var sm = await Host.Get<RegionalWorkspace.Features.Accounts.AccessControl>().FindActorAsync(await Host.PrincipalAsync(SmOfficer));
        Assert.False(announced.IsVisibleTo(sm!));
    }

    [Fact]
    public async Task Contributions_AreListedNewestFirst_AndNarrowedToTheIdsOfABurst()
    {
        var id = await OrganiseRunningNowAsync(Host);
        var first = await ContributeAsync(Host, id, "Première contribution");
        var second = await ContributeAsync(Host, id, "Deuxième contribution");
        var third = await ContributeAsync(Host, id, "Troisième contribution");
        var reader = await Host.PrincipalAsync("leadership@demo.ma");

        Assert.Equal([third, second, first], (await Contributions.ListAsync(reader, id)).Select(r => r.Id));
        Assert.Equal([third, first], (await Contributions.ListAsync(reader, id, [first, third])).Select(r => r.Id));
        Assert.Equal(3, (await Host.Get<ListeningSessionsService>().GetAsync(reader, id)).ContributionCount);
    }

    [Fact]
    public async Task OfficerOfARegionNotInvited_CanNeitherReadNorContributeNorDownload_AndNothingIsSaved()
    {
        var id = await OrganiseRunningNowAsync(Host);
        var contributionId = await ContributeAsync(Host, id, "Contribution de Rabat-Salé-Kénitra", RskOfficer, null, ("note.pdf", PdfBytes()));
        var fileId = (await Contributions.ListAsync(await Host.PrincipalAsync(Cese), id)).Single(r => r.Id == contributionId).Files[0].Id;
        var sm = await Host.PrincipalAsync(SmOfficer);
        var before = await CountAsync(id);

        var contribute = await Assert.ThrowsAsync<NotFoundException>(() => ContributeAsync(Host, id, "Souss-Massa voudrait parler", SmOfficer, null, ("note.pdf", PdfBytes())));
        var read = await Assert.ThrowsAsync<NotFoundException>(() => Contributions.ListAsync(sm, id));
        var open = await Assert.ThrowsAsync<NotFoundException>(() => Contributions.OpenFileAsync(sm, fileId));
        await Assert.ThrowsAsync<NotFoundException>(() => Contributions.DeleteAsync(sm, contributionId));

        Assert.Equal(ListeningSessionsService.NotFoundKey, contribute.Message);
        Assert.Equal(ListeningSessionsService.NotFoundKey, read.Message);
        Assert.Equal("Error.AttachmentNotFound", open.Message);
        Assert.Equal(before, await CountAsync(id));
        Assert.Single(Directory.EnumerateFiles(fixture.Folder), f => f.EndsWith(".pdf", StringComparison.Ordinal) && Path.GetFileName(f) == StoredName(fileId));

        using var smHttp = await ClientAsync(Host, SmOfficer);
        using var smResponse = await smHttp.GetAsync(new Uri(ListeningSessionsSetup.FileUrl(fileId), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, smResponse.StatusCode);
        foreach (var email in new[] { RskOfficer, Cese })
        {
            using var http = await ClientAsync(Host, email);
            using var response = await http.GetAsync(new Uri(ListeningSessionsSetup.FileUrl(fileId), UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(PdfBytes(), await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        }
    }

    [Theory]
    [InlineData("cese@demo.ma")]
    [InlineData("arm@demo.ma")]
    [InlineData("admin@demo.ma")]
    public async Task Contribute_SomeoneWhoIsNotARegionalOfficer_IsRefused(string email)
    {
        var id = await OrganiseRunningNowAsync(Host);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => ContributeAsync(Host, id, "Une contribution", email));

        Assert.Equal("Error.ContributeInvitedOnly", refused.Message);
        Assert.Equal(0, await CountAsync(id));
    }

    [Fact]
    public async Task Contribute_ForABodyNotInvited_OrOfAnotherRegion_IsRefused()
    {
        var id = await OrganiseRunningNowAsync(Host);
        foreach (var bodyId in new[] { await Host.BodyIdAsync("RSK", BodyKind.EconomicActors), await Host.BodyIdAsync("FM", BodyKind.Youth) })
        {
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => ContributeAsync(Host, id, "Au nom d'une instance", RskOfficer, bodyId));
            Assert.Equal(("BodyId", "Validation.ContributionBody"), (Assert.Single(refused.Errors).Field, refused.Errors[0].MessageKey));
        }

        Assert.Equal(0, await CountAsync(id));
    }

    [Fact]
    public async Task Contribute_EmptyTooLongOrControlText_IsRefused()
    {
        var id = await OrganiseRunningNowAsync(Host);

        foreach (var (text, key) in new[] { ("   ", "Validation.Required"), (new string('a', ContributionInput.MaxTextLength + 1), "Validation.TooLong"), ("Texte\u0007caché", "Validation.ControlCharacters") })
        {
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => ContributeAsync(Host, id, text));
            Assert.Equal(("Text", key), (Assert.Single(refused.Errors).Field, refused.Errors[0].MessageKey));
        }

        await ContributeAsync(Host, id, new string('a', ContributionInput.MaxTextLength) + "\n");
        Assert.Equal(1, await CountAsync(id));
    }

    [Fact]
    public async Task Contribute_AfterTheClosingTime_IsRefusedWithTheTime_AndWithdrawingToo()
    {
        var id = await OrganiseRunningNowAsync(Host);
        var posted = await ContributeAsync(Host, id, "Posté à temps");
        // Whole seconds: PostgreSQL keeps microseconds, not .NET's ticks.
        var now = DateTime.UtcNow;
        var closedAt = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, DateTimeKind.Utc).AddMinutes(-1);
        await SetCloseAsync(Host, id, closedAt);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => ContributeAsync(Host, id, "Trop tard", RskOfficer, null, ("note.pdf", PdfBytes())));
        var withdraw = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Contributions.DeleteAsync(await Host.PrincipalAsync(RskOfficer), posted));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("", "Validation.ContributionsClosed"), (error.Field, error.MessageKey));
        Assert.Equal(Host.Get<WorkspaceTime>().ToLocal(closedAt), Assert.Single(error.Arguments));
        Assert.Equal("Validation.ContributionsClosed", Assert.Single(withdraw.Errors).MessageKey);
        Assert.Equal([posted], (await Contributions.ListAsync(await Host.PrincipalAsync(Cese), id)).Select(r => r.Id));
    }

    [Fact]
    public async Task Contribute_WithATextFileRenamedPdf_IsRefusedNamingThatFile_AndLeavesNothing()
    {
        var id = await OrganiseRunningNowAsync(Host);
        var before = Snapshot();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => ContributeAsync(Host, id, "Avec deux fichiers", RskOfficer, null,
            ("bon.pdf", PdfBytes()), ("rapport.pdf", Encoding.UTF8.GetBytes("Ceci est un simple texte, pas un PDF.\n"))));

        var error = Assert.Single(refused.Errors);
        Assert.Equal((ContributionsService.FileField(1), "Validation.FileType"), (error.Field, error.MessageKey));
        Assert.Equal(before, Snapshot());
        Assert.Equal(0, await CountAsync(id));
        await using var db = await Host.CreateDbContextAsync();
        Assert.False(await db.ContributionAttachments.AnyAsync(a => a.FileName == "bon.pdf"));
    }

    [Fact]
    public async Task Withdraw_ByItsAuthor_RemovesItAndItsFiles_ByAnyoneElse_IsRefused()
    {
        var id = await OrganiseRunningNowAsync(Host);
        var posted = await ContributeAsync(Host, id, "À retirer", RskOfficer, null, ("retirer.pdf", PdfBytes()));
        var file = (await Contributions.ListAsync(await Host.PrincipalAsync(Cese), id)).Single().Files.Single();
        var stored = StoredName(file.Id);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(async () => await Contributions.DeleteAsync(await Host.PrincipalAsync(Cese), posted));
        Assert.Equal("Error.NotYourContribution", refused.Message);
        Assert.True(File.Exists(Path.Combine(fixture.Folder, stored)));

        await Contributions.DeleteAsync(await Host.PrincipalAsync(RskOfficer), posted);

        Assert.Equal(0, await CountAsync(id));
        Assert.False(File.Exists(Path.Combine(fixture.Folder, stored)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await Contributions.OpenFileAsync(await Host.PrincipalAsync(Cese), file.Id));
    }

    private async Task<int> CountAsync(int sessionId)
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.Contributions.CountAsync(c => c.ListeningSessionId == sessionId);
    }

    private string StoredName(int attachmentId)
    {
        using var db = Host.CreateDbContextAsync().GetAwaiter().GetResult();
        return db.ContributionAttachments.AsNoTracking().Where(a => a.Id == attachmentId).Select(a => a.StoredName).Single();
    }

    private async Task<string> BodyNameAsync(int bodyId)
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.Bodies.Where(b => b.Id == bodyId).Select(b => b.NameFr).SingleAsync();
    }

    private IReadOnlyList<string> Snapshot() =>
        Directory.Exists(fixture.Folder) ? Directory.EnumerateFiles(fixture.Folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList() : [];
}

public sealed class ContributionsServiceSqliteTests(ListeningHostFixture fixture) : ContributionsServiceTestsBase(fixture), IClassFixture<ListeningHostFixture>;

/// <summary>The same use cases on PostgreSQL.</summary>
public sealed class ContributionsServicePostgresTests(ListeningPostgresHostFixture fixture) : ContributionsServiceTestsBase(fixture), IClassFixture<ListeningPostgresHostFixture>;

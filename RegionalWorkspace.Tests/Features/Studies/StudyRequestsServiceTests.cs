using System.Net;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;
using static RegionalWorkspace.Tests.Features.Studies.StudyFixtures;

namespace RegionalWorkspace.Tests.Features.Studies;

/// <summary>Filing, reading, editing and files of study requests, and who is notified.</summary>
public abstract class StudyRequestsServiceTestsBase(AppHost host)
{
    private static readonly byte[] s_pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();

    protected AppHost Host { get; } = host;

    private StudyRequestsService Studies => Host.Get<StudyRequestsService>();

    [Theory]
    [InlineData("cese@demo.ma")]
    [InlineData("officer.rsk@demo.ma")]
    [InlineData("trainer@demo.ma")]
    [InlineData("leadership@demo.ma")]
    [InlineData("admin@demo.ma")]
    public async Task File_ByAnyoneButACoordinator_IsRefused_AndNothingIsCreated(string email)
    {
        var before = await CountAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Studies.FileAsync(await Host.PrincipalAsync(email), Input("Refusée")));

        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("arm@demo.ma", StudyRequester.Arm)]
    [InlineData("dgct@demo.ma", StudyRequester.Dgct)]
    public async Task File_ByACoordinator_TheRequesterFollowsFromTheRole_AndTheHistoryStarts(string email, StudyRequester expected)
    {
        var input = Input("  Emploi des jeunes dans le Souss  ", Sm, Rsk);
        input.DesiredTimeline = null;
        input.DesiredBy = new DateOnly(2030, 6, 30);

        var id = await Studies.FileAsync(await Host.PrincipalAsync(email), input);

        var detail = await Studies.GetAsync(await Host.PrincipalAsync("leadership@demo.ma"), id);
        Assert.Equal(("Emploi des jeunes dans le Souss", expected, StudyRequestStatus.Submitted, 1), (detail.Title, detail.Requester, detail.Status, detail.Version));
        Assert.Equal([Rsk, Sm], detail.RegionIds);
        Assert.Equal(await Host.UserIdAsync(email), detail.RequestedByUserId);
        var line = Assert.Single(detail.History);
        Assert.Equal(((StudyRequestStatus?)null, StudyRequestStatus.Submitted), (line.FromStatus, line.ToStatus));
    }

    [Fact]
    public async Task File_WithNothingFilledIn_NamesEveryMissingField_AndCreatesNothing()
    {
        var before = await CountAsync();
        var input = new StudyRequestInput { Title = " ", Question = "", Rationale = "", Scope = null, RegionIds = [], DesiredTimeline = " ", DesiredBy = null };

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Studies.FileAsync(await Host.PrincipalAsync(Arm), input));

        Assert.Equal(
            [("DesiredTimeline", "Validation.TimelineRequired"), ("Question", "Validation.Required"), ("Rationale", "Validation.Required"),
             ("RegionIds", "Validation.RegionsRequired"), ("Scope", "Validation.Choose"), ("Title", "Validation.Required")],
            refused.Errors.Select(e => (e.Field, e.MessageKey)).Order());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task File_WithAnUnknownRegionATooLongTitleOrAPastDate_IsRefused()
    {
        var input = Input(new string('x', 301), Rsk, 999);
        input.DesiredBy = new DateOnly(2020, 1, 1);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Studies.FileAsync(await Host.PrincipalAsync(Arm), input));

        Assert.Equal([("DesiredBy", "Validation.DateInPast"), ("RegionIds", "Validation.Choose"), ("Title", "Validation.TooLong")], refused.Errors.Select(e => (e.Field, e.MessageKey)).Order());
    }

    [Fact]
    public async Task AnotherRegionsOfficer_CannotReadTheRequest_NorFindItInTheList()
    {
        var id = await FileAsync(Host, Arm, Input("Confidentiel RSK " + Guid.NewGuid().ToString("N")[..6], Rsk));
        var sm = await Host.PrincipalAsync("officer.sm@demo.ma");
        var rsk = await Host.PrincipalAsync("officer.rsk@demo.ma");

        await Assert.ThrowsAsync<NotFoundException>(() => Studies.GetAsync(sm, id));
        Assert.DoesNotContain(id, (await Studies.ListAsync(sm, new StudyRequestQuery { PageSize = 100 })).Items.Select(r => r.Id));
        Assert.Equal(id, (await Studies.GetAsync(rsk, id)).Id);
        Assert.Contains(id, (await Studies.ListAsync(rsk, new StudyRequestQuery { PageSize = 100 })).Items.Select(r => r.Id));
        Assert.All((await Studies.ListAsync(sm, new StudyRequestQuery { PageSize = 100 })).Items, r => Assert.Contains(Sm, r.RegionIds));
    }

    [Fact]
    public async Task List_FiltersCombine_AndPagesAreBounded()
    {
        var dgct = await Host.PrincipalAsync("dgct@demo.ma");
        var input = Input("Filtrage " + Guid.NewGuid().ToString("N")[..6], Sm);
        input.Scope = StudyScope.SustainableRegionalDevelopment;
        var match = await Studies.FileAsync(dgct, input);
        var otherScope = await Studies.FileAsync(dgct, Input("Autre champ", Sm));
        var otherRegion = input.Copy();
        otherRegion.RegionIds = [Rsk];
        var notThere = await Studies.FileAsync(dgct, otherRegion);

        var page = await Studies.ListAsync(await Host.PrincipalAsync(Cese), new StudyRequestQuery
        {
            Status = StudyRequestStatus.Submitted, Scope = StudyScope.SustainableRegionalDevelopment, RegionId = Sm, Requester = StudyRequester.Dgct, PageSize = 100,
        });
        var small = await Studies.ListAsync(await Host.PrincipalAsync(Cese), new StudyRequestQuery { PageSize = 2 });

        Assert.Contains(match, page.Items.Select(r => r.Id));
        Assert.DoesNotContain(otherScope, page.Items.Select(r => r.Id));
        Assert.DoesNotContain(notThere, page.Items.Select(r => r.Id));
        Assert.All(page.Items, r => Assert.Equal((StudyRequestStatus.Submitted, StudyRequester.Dgct), (r.Status, r.Requester)));
        Assert.Equal(2, small.Items.Count);
        Assert.True(small.Total > 2);
    }

    [Fact]
    public async Task Edit_OnlyByItsRequester_OnlyWhileSubmitted_AndFromTheCurrentVersion()
    {
        var id = await FileAsync(Host, Arm, Input("À modifier"));
        var arm = await Host.PrincipalAsync(Arm);
        var edit = Input("Modifiée par l'ARM", Rsk, Sm);
        edit.Version = 1;

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Studies.UpdateAsync(await Host.PrincipalAsync("dgct@demo.ma"), id, edit));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Studies.UpdateAsync(await Host.PrincipalAsync(Cese), id, edit));
        await Studies.UpdateAsync(arm, id, edit);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Studies.UpdateAsync(arm, id, edit));
        await Studies.StartReviewAsync(await Host.PrincipalAsync(Cese), id, 2);
        edit.Version = 3;
        var closed = await Assert.ThrowsAsync<ValidationFailedException>(() => Studies.UpdateAsync(arm, id, edit));

        Assert.Equal("Validation.StudyNotEditable", Assert.Single(closed.Errors).MessageKey);
        var detail = await Studies.GetAsync(arm, id);
        Assert.Equal(("Modifiée par l'ARM", 3), (detail.Title, detail.Version));
        Assert.Equal([Rsk, Sm], detail.RegionIds);
    }

    [Fact]
    public async Task Files_RequesterWhileSubmitted_CeseStaffAlways_ReadersDownload_AnotherRegionGets404()
    {
        var id = await FileAsync(Host, Arm, Input("Avec pièces", Rsk));
        var mine = await UploadAsync(Arm, id, "note de cadrage.pdf");
        await Studies.StartReviewAsync(await Host.PrincipalAsync(Cese), id, 1);
        await Assert.ThrowsAsync<AccessDeniedException>(() => UploadAsync(Arm, id, "trop tard.pdf"));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Studies.DeleteAttachmentAsync(await Host.PrincipalAsync(Arm), mine.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => UploadAsync("officer.rsk@demo.ma", id, "officier.pdf"));
        await Assert.ThrowsAsync<NotFoundException>(() => UploadAsync("officer.sm@demo.ma", id, "intrus.pdf"));
        var cese = await UploadAsync(Cese, id, "termes de référence.pdf");

        await Assert.ThrowsAsync<NotFoundException>(async () => await Studies.OpenAttachmentAsync(await Host.PrincipalAsync("officer.sm@demo.ma"), mine.Id));
        await Assert.ThrowsAsync<NotFoundException>(async () => await Studies.DeleteAttachmentAsync(await Host.PrincipalAsync("officer.sm@demo.ma"), mine.Id));
        using var sm = await ClientAsync("officer.sm@demo.ma");
        using var rsk = await ClientAsync("officer.rsk@demo.ma");
        using (var hidden = await sm.GetAsync(new Uri(StudyRequestsService.DownloadUrl(mine.Id), UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            Assert.DoesNotContain("cadrage", await hidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var shown = await rsk.GetAsync(new Uri(StudyRequestsService.DownloadUrl(cese.Id), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(s_pdf, await shown.Content.ReadAsByteArrayAsync());
        Assert.Equal("termes de référence.pdf", shown.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(["note de cadrage.pdf", "termes de référence.pdf"], (await Studies.GetAsync(await Host.PrincipalAsync(Arm), id)).Attachments.Select(a => a.FileName));
    }

    [Fact]
    public async Task Notifications_ReachTheRequesterAndTheConcernedOfficers_NeverTheActorOrOthers()
    {
        var id = await FileAsync(Host, Arm, Input("Notifiée " + Guid.NewGuid().ToString("N")[..6], Rsk));

        // Filed: CESE staff and the concerned officer hear of it; the requester does not notify themself.
        Assert.Equal((1, 1, 0, 0, 0, 0), (
            await NotificationsAsync(Host, Cese, id), await NotificationsAsync(Host, "officer.rsk@demo.ma", id), await NotificationsAsync(Host, Arm, id),
            await NotificationsAsync(Host, "officer.sm@demo.ma", id), await NotificationsAsync(Host, "dgct@demo.ma", id), await NotificationsAsync(Host, "leadership@demo.ma", id)));

        await Studies.StartReviewAsync(await Host.PrincipalAsync(Cese), id, 1);

        Assert.Equal((1, 2, 1, 0, 0, 0), (
            await NotificationsAsync(Host, Cese, id), await NotificationsAsync(Host, "officer.rsk@demo.ma", id), await NotificationsAsync(Host, Arm, id),
            await NotificationsAsync(Host, "officer.sm@demo.ma", id), await NotificationsAsync(Host, "dgct@demo.ma", id), await NotificationsAsync(Host, "leadership@demo.ma", id)));
        var armId = await Host.UserIdAsync(Arm);
        await using var db = await Host.CreateDbContextAsync();
        var link = StudyRequestsService.Link(id);
        var note = await db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == armId && n.Link == link);
        Assert.Equal("Notification.StudyUnderReview", note.MessageKey);
        Assert.StartsWith("Notifiée ", note.Arguments, StringComparison.Ordinal);
        Assert.EndsWith("\tLeila Kabbaj", note.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryCommit_GoesLive_ToTheConcernedRegionsOnly()
    {
        var id = await FileAsync(Host, Arm, Input("En direct", Rsk));

        await Studies.StartReviewAsync(await Host.PrincipalAsync(Cese), id, 1);

        await using var db = await Host.CreateDbContextAsync();
        var entries = await db.Activity.AsNoTracking().Where(a => a.Capability == Capability.Studies && a.EntityId == id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([ChangeKind.Created, ChangeKind.Updated], entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Equal((Audience.ConcernedRegions, ",4,", StudyRequestsService.Link(id), "StudyRequest"), (e.Audience, e.ConcernedRegions, e.Link, e.EntityType)));
    }

    private async Task<StudyAttachmentRow> UploadAsync(string email, int id, string fileName)
    {
        using var content = new MemoryStream(s_pdf);
        return await Studies.UploadAsync(await Host.PrincipalAsync(email), id, fileName, content);
    }

    private async Task<HttpClient> ClientAsync(string email)
    {
        var cookies = await HubClient.SignInAsync(Host.BaseUrl, email);
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Host.BaseUrl };
    }

    private async Task<int> CountAsync()
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.StudyRequests.CountAsync();
    }
}

public sealed class StudyRequestsServiceSqliteTests(AppHostFixture fixture) : StudyRequestsServiceTestsBase(fixture.Host), IClassFixture<AppHostFixture>;

public sealed class StudyRequestsServicePostgresTests(PostgresAppHostFixture fixture) : StudyRequestsServiceTestsBase(fixture.Host), IClassFixture<PostgresAppHostFixture>;

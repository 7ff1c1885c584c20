using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.ListeningSessions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;
using static RegionalWorkspace.Tests.Features.ListeningSessions.ListeningFixtures;

namespace RegionalWorkspace.Tests.Features.ListeningSessions;

/// <summary>Organising listening sessions, who may do what with them, minutes, participants and the publication link, on a real database.</summary>
public abstract class ListeningSessionsServiceTestsBase(AppHost host)
{
    protected AppHost Host { get; } = host;

    private ListeningSessionsService Sessions => Host.Get<ListeningSessionsService>();

    private WorkspaceTime Time => Host.Get<WorkspaceTime>();

    private DateTime InAWeek => Time.Now.Date.AddDays(7).AddHours(10);

    [Fact]
    public async Task Organise_IsReadWithItsInvitationsAndContributionsCloseAtTheEndByDefault()
    {
        var input = await InputAsync(Host, InAWeek, durationMinutes: 150);
        input.OnlineLink = "https://visio.example.ma/ecoute";

        var id = await Sessions.OrganiseAsync(await Host.PrincipalAsync(Cese), input);

        var session = await Sessions.GetAsync(await Host.PrincipalAsync("leadership@demo.ma"), id);
        Assert.Equal((input.Topic, input.TopicAr, "https://visio.example.ma/ecoute"), (session.Topic, session.TopicAr, session.OnlineLink));
        Assert.Equal(InAWeek, Time.ToLocal(session.StartsAtUtc));
        Assert.Equal(InAWeek.AddMinutes(150), Time.ToLocal(session.ContributionsCloseAtUtc));
        Assert.Equal(input.RegionIds.Order(), session.RegionIds);
        var body = Assert.Single(session.Bodies);
        Assert.Equal((await Host.BodyIdAsync("RSK", BodyKind.Youth), await RegionIdAsync(Host, "RSK")), (body.Id, body.RegionId));
        Assert.Equal(ListeningSessionState.Upcoming, session.StateAt(DateTime.UtcNow));
        Assert.True(session.ContributionsOpenAt(DateTime.UtcNow));

        await using var db = await Host.CreateDbContextAsync();
        var entry = await db.Activity.AsNoTracking().SingleAsync(a => a.EntityType == "ListeningSession" && a.EntityId == id);
        Assert.Equal((Capability.ListeningSessions, Audience.ConcernedRegions), (entry.Capability, entry.Audience));
        Assert.Equal(ActivityEntry.Encode(session.RegionIds), entry.ConcernedRegions);
    }

    [Fact]
    public async Task Organise_BadInput_IsRefusedFieldByFieldAndNothingIsSaved()
    {
        var input = await InputAsync(Host, InAWeek);
        input.Topic = "  ";
        input.OnlineLink = "javascript:alert(1)";
        input.RegionIds = [];
        input.DurationMinutes = 5;
        var before = await CountAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Sessions.OrganiseAsync(await Host.PrincipalAsync(Cese), input));

        Assert.Equal(
            ["BodyIds:Validation.BodiesOfInvitedRegions", "DurationMinutes:Validation.Range", "OnlineLink:Validation.Url", "RegionIds:Validation.RegionsRequired", "Topic:Validation.Required"],
            error.Errors.Select(e => $"{e.Field}:{e.MessageKey}").Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Organise_NoPlaceNorLink_OrABodyOfARegionNotInvited_IsRefused()
    {
        var input = await InputAsync(Host, InAWeek);
        input.Place = null;
        input.BodyIds = [.. input.BodyIds, await Host.BodyIdAsync("SM", BodyKind.EquityAndGender)];
        var before = await CountAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Sessions.OrganiseAsync(await Host.PrincipalAsync(Cese), input));

        Assert.Equal(["BodyIds:Validation.BodiesOfInvitedRegions", "Place:Validation.PlaceOrLink"], error.Errors.Select(e => $"{e.Field}:{e.MessageKey}").Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Organise_ContributionsClosingInThePast_OrADeclinedStudyRequest_IsRefused()
    {
        var declined = await StudyRequestAsync(StudyRequestStatus.Declined);
        var accepted = await StudyRequestAsync(StudyRequestStatus.Accepted);
        var input = await InputAsync(Host, InAWeek);
        input.ContributionsCloseAt = Time.Now.AddMinutes(-1);
        input.StudyRequestId = declined;

        var error = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Sessions.OrganiseAsync(await Host.PrincipalAsync(Cese), input));

        Assert.Equal(["StudyRequestId:Validation.StudyRequestChoice"], error.Errors.Select(e => $"{e.Field}:{e.MessageKey}").ToArray());
        input.StudyRequestId = accepted;
        error = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Sessions.OrganiseAsync(await Host.PrincipalAsync(Cese), input));
        Assert.Equal(["ContributionsCloseAt:Validation.ContributionsCloseInPast"], error.Errors.Select(e => $"{e.Field}:{e.MessageKey}").ToArray());

        var choices = await Sessions.StudyRequestChoicesAsync(await Host.PrincipalAsync(Cese));
        Assert.Contains(choices, c => c.Id == accepted);
        Assert.DoesNotContain(choices, c => c.Id == declined);

        input.ContributionsCloseAt = InAWeek.AddDays(-1);
        var id = await Sessions.OrganiseAsync(await Host.PrincipalAsync(Cese), input);
        var session = await Sessions.GetAsync(await Host.PrincipalAsync(Cese), id);
        Assert.Equal((accepted, InAWeek.AddDays(-1)), (session.StudyRequestId, Time.ToLocal(session.ContributionsCloseAtUtc)));
    }

    [Theory]
    [InlineData("officer.rsk@demo.ma")]
    [InlineData("arm@demo.ma")]
    [InlineData("dgct@demo.ma")]
    [InlineData("admin@demo.ma")]
    [InlineData("leadership@demo.ma")]
    [InlineData("trainer@demo.ma")]
    public async Task RunningSessions_AnyoneButCeseStaff_IsRefusedAndNothingChanges(string email)
    {
        var id = await OrganiseRunningNowAsync(Host);
        var user = await Host.PrincipalAsync(email);
        var session = await Sessions.GetAsync(await Host.PrincipalAsync(Cese), id);
        var input = await InputAsync(Host, InAWeek);
        input.Version = session.Version;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.OrganiseAsync(user, input));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.UpdateAsync(user, id, input));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.SetCancelledAsync(user, id, true, session.Version));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.SaveRecordAsync(user, id, new ListeningRecordInput { Minutes = "Compte rendu", Version = session.Version }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.SetPublicationAsync(user, id, new ListeningPublicationInput { Version = session.Version }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.AddParticipantAsync(user, id, new ListeningParticipantInput { FullName = "Nadia Amrani" }));

        var after = await Sessions.GetAsync(await Host.PrincipalAsync(Cese), id);
        Assert.Equal((session.Version, session.Topic, false, (string?)null), (after.Version, after.Topic, after.IsCancelled, after.Minutes));
        Assert.Empty(after.Participants);
    }

    [Fact]
    public async Task Read_OfficerOfARegionNotInvited_SeesNeitherTheSessionNorItInTheList()
    {
        var id = await OrganiseAsync(Host, InAWeek);
        var sm = await Host.PrincipalAsync(SmOfficer);

        var notFound = await Assert.ThrowsAsync<NotFoundException>(() => Sessions.GetAsync(sm, id));
        Assert.Equal(ListeningSessionsService.NotFoundKey, notFound.Message);
        var smList = await Sessions.ListAsync(sm, new ListeningSessionQuery { PageSize = 100 });
        Assert.DoesNotContain(smList.Items, s => s.Id == id);
        var smRegion = await RegionIdAsync(Host, "SM");
        Assert.All(smList.Items, s => Assert.Contains(smRegion, s.RegionIds));

        var rskList = await Sessions.ListAsync(await Host.PrincipalAsync(RskOfficer), new ListeningSessionQuery { PageSize = 100 });
        Assert.Contains(rskList.Items, s => s.Id == id);
        Assert.Equal(id, (await Sessions.GetAsync(await Host.PrincipalAsync(RskOfficer), id)).Id);
        Assert.Equal(id, (await Sessions.GetAsync(await Host.PrincipalAsync("arm@demo.ma"), id)).Id);
    }

    [Fact]
    public async Task List_SplitsUpcomingAndPast_PagesAndFindsByTopic()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var marker = "Marqueur " + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var input = await InputAsync(Host, InAWeek.AddDays(i));
            input.Topic = $"{marker} séance {i}";
            ids.Add(await Sessions.OrganiseAsync(cese, input));
        }

        var running = await OrganiseRunningNowAsync(Host);
        var past = await OrganiseRunningNowAsync(Host);
        await using (var db = await Host.CreateDbContextAsync())
        {
            var longAgo = DateTime.UtcNow.AddDays(-30);
            await db.ListeningSessions.Where(s => s.Id == past).ExecuteUpdateAsync(u => u.SetProperty(s => s.StartsAtUtc, longAgo).SetProperty(s => s.ContributionsCloseAtUtc, longAgo.AddHours(3)));
        }

        var first = await Sessions.ListAsync(cese, new ListeningSessionQuery { Text = marker.ToUpperInvariant(), PageSize = 2 });
        var second = await Sessions.ListAsync(cese, new ListeningSessionQuery { Text = marker, PageSize = 2, Page = 1 });
        Assert.Equal((3, 3), (first.Total, second.Total));
        Assert.Equal(ids, first.Items.Concat(second.Items).Select(s => s.Id));

        var upcoming = await Sessions.ListAsync(cese, new ListeningSessionQuery { PageSize = 100 });
        var over = await Sessions.ListAsync(cese, new ListeningSessionQuery { Period = ListeningPeriod.Past, PageSize = 100 });
        Assert.Contains(upcoming.Items, s => s.Id == running);
        Assert.DoesNotContain(upcoming.Items, s => s.Id == past);
        Assert.Contains(over.Items, s => s.Id == past);
        Assert.DoesNotContain(over.Items, s => s.Id == running);
        Assert.Equal(upcoming.Items.Select(s => s.StartsAtUtc).Order(), upcoming.Items.Select(s => s.StartsAtUtc));
        Assert.Equal(over.Items.Select(s => s.StartsAtUtc).OrderDescending(), over.Items.Select(s => s.StartsAtUtc));

        var fm = await RegionIdAsync(Host, "FM");
        var byRegion = await Sessions.ListAsync(cese, new ListeningSessionQuery { RegionId = fm, Text = marker });
        Assert.Equal(3, byRegion.Total);
        var byOther = await Sessions.ListAsync(cese, new ListeningSessionQuery { RegionId = await RegionIdAsync(Host, "DOD"), Text = marker });
        Assert.Equal(0, byOther.Total);
    }

    [Fact]
    public async Task Update_FromAStaleVersion_IsAConflictCarryingTheStoredValues()
    {
        var id = await OrganiseAsync(Host, InAWeek);
        var cese = await Host.PrincipalAsync(Cese);
        var version = (await Sessions.GetAsync(cese, id)).Version;
        var first = await InputAsync(Host, InAWeek);
        first.Place = "Salle Ibn Khaldoun, Rabat";
        first.Version = version;
        await Sessions.UpdateAsync(cese, id, first);
        var second = await InputAsync(Host, InAWeek);
        second.Place = "Hôtel de la Région, Fès";
        second.Version = version;

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Sessions.UpdateAsync(cese, id, second));

        Assert.Equal("Salle Ibn Khaldoun, Rabat", Assert.IsType<ListeningSessionInput>(conflict.Current).Place);
        Assert.Equal("Leila Kabbaj", conflict.UpdatedBy);
        Assert.Equal("Salle Ibn Khaldoun, Rabat", (await Sessions.GetAsync(cese, id)).Place);
    }

    [Fact]
    public async Task Update_RemovingARegionThatContributed_IsRefused()
    {
        var id = await OrganiseRunningNowAsync(Host);
        await ContributeAsync(Host, id, "Nos propositions pour l'emploi des jeunes.");
        var cese = await Host.PrincipalAsync(Cese);
        var input = await InputAsync(Host, Time.ToLocal((await Sessions.GetAsync(cese, id)).StartsAtUtc));
        input.RegionIds = [await RegionIdAsync(Host, "FM")];
        input.BodyIds = [];
        input.Version = (await Sessions.GetAsync(cese, id)).Version;

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Sessions.UpdateAsync(cese, id, input));

        Assert.Contains(error.Errors, e => e is { Field: "RegionIds", MessageKey: "Validation.InvitedWithContributions" });
        Assert.Equal(2, (await Sessions.GetAsync(cese, id)).RegionIds.Count);
    }

    [Fact]
    public async Task Minutes_BeforeTheStart_AreRefused_AfterItAreSaved()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var upcoming = await OrganiseAsync(Host, InAWeek);
        var version = (await Sessions.GetAsync(cese, upcoming)).Version;

        var early = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Sessions.SaveRecordAsync(cese, upcoming, new ListeningRecordInput { Minutes = "Trop tôt", Version = version }));

        Assert.Equal("Validation.MinutesBeforeStart", Assert.Single(early.Errors).MessageKey);
        Assert.Null((await Sessions.GetAsync(cese, upcoming)).Minutes);

        var running = await OrganiseRunningNowAsync(Host);
        await Sessions.SaveRecordAsync(cese, running, new ListeningRecordInput
        {
            Minutes = "  Ouverture par le président.\nTour de table des régions.  ",
            Synthesis = "Trois priorités : formation, mobilité, accès au financement.",
            Version = (await Sessions.GetAsync(cese, running)).Version,
        });
        var saved = await Sessions.GetAsync(await Host.PrincipalAsync(RskOfficer), running);
        Assert.Equal(("Ouverture par le président.\nTour de table des régions.", "Trois priorités : formation, mobilité, accès au financement."), (saved.Minutes, saved.Synthesis));
    }

    [Fact]
    public async Task Publication_OnlyAnExistingOneIsLinked_AndCanBeUnlinked()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await OrganiseRunningNowAsync(Host);
        int publicationId;
        await using (var db = await Host.CreateDbContextAsync())
        {
            var publication = new Publication { TitleFr = "Avis sur l'emploi des jeunes", TitleAr = "رأي حول تشغيل الشباب", Kind = PublicationKind.Opinion, Commission = CeseCommission.SocialAffairsAndSolidarity };
            db.Publications.Add(publication);
            await db.SaveChangesAsync();
            publicationId = publication.Id;
        }

        var version = (await Sessions.GetAsync(cese, id)).Version;
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Sessions.SetPublicationAsync(cese, id, new ListeningPublicationInput { PublicationId = int.MaxValue, Version = version }));
        Assert.Equal("PublicationId", Assert.Single(refused.Errors).Field);

        await Sessions.SetPublicationAsync(cese, id, new ListeningPublicationInput { PublicationId = publicationId, Version = version });
        var linked = await Sessions.GetAsync(cese, id);
        Assert.Equal((publicationId, "Avis sur l'emploi des jeunes"), (linked.PublicationId, linked.PublicationTitleFr));
        Assert.Contains(await Sessions.PublicationChoicesAsync(cese), p => p.Id == publicationId);

        await Sessions.SetPublicationAsync(cese, id, new ListeningPublicationInput { PublicationId = null, Version = linked.Version });
        Assert.Null((await Sessions.GetAsync(cese, id)).PublicationId);
    }

    [Fact]
    public async Task Participants_AreAddedAndRemovedByCeseStaff()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await OrganiseRunningNowAsync(Host);
        var rsk = await RegionIdAsync(Host, "RSK");

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Sessions.AddParticipantAsync(cese, id, new ListeningParticipantInput { FullName = "", RegionId = 999 }));
        Assert.Equal(["FullName:Validation.Required", "RegionId:Validation.Choose"], refused.Errors.Select(e => $"{e.Field}:{e.MessageKey}").Order(StringComparer.Ordinal).ToArray());

        var amina = await Sessions.AddParticipantAsync(cese, id, new ListeningParticipantInput { FullName = "Amina Tazi", Organisation = "Conseil régional", RegionId = rsk, Gender = Gender.Female });
        await Sessions.AddParticipantAsync(cese, id, new ListeningParticipantInput { FullName = "Karim Idrissi", Gender = Gender.Male });
        var session = await Sessions.GetAsync(cese, id);
        Assert.Equal(["Amina Tazi", "Karim Idrissi"], session.Participants.Select(p => p.FullName));
        Assert.Equal(("Conseil régional", (int?)rsk, (Gender?)Gender.Female), (session.Participants[0].Organisation, session.Participants[0].RegionId, session.Participants[0].Gender));

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Sessions.RemoveParticipantAsync(await Host.PrincipalAsync(RskOfficer), amina));
        await Sessions.RemoveParticipantAsync(cese, amina);
        Assert.Equal(["Karim Idrissi"], (await Sessions.GetAsync(cese, id)).Participants.Select(p => p.FullName));
    }

    [Fact]
    public async Task Cancel_ClosesContributions_AndReopenOpensThemAgain()
    {
        var cese = await Host.PrincipalAsync(Cese);
        var id = await OrganiseRunningNowAsync(Host);
        await Sessions.SetCancelledAsync(cese, id, true, (await Sessions.GetAsync(cese, id)).Version);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => ContributeAsync(Host, id, "Contribution à une séance annulée"));

        Assert.Equal("Validation.ListeningCancelled", Assert.Single(refused.Errors).MessageKey);
        await Sessions.SetCancelledAsync(cese, id, false, (await Sessions.GetAsync(cese, id)).Version);
        await ContributeAsync(Host, id, "Contribution après réouverture");
        Assert.Equal(1, (await Sessions.GetAsync(cese, id)).ContributionCount);
    }

    private async Task<int> CountAsync()
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.ListeningSessions.CountAsync();
    }

    private async Task<int> StudyRequestAsync(StudyRequestStatus status)
    {
        await using var db = await Host.CreateDbContextAsync();
        var request = new StudyRequest
        {
            Title = $"Demande {status} {Guid.NewGuid():N}"[..40],
            Question = "Quelle place pour les jeunes ?",
            Rationale = "Les régions le demandent.",
            Scope = StudyScope.CommonRegionalQuestions,
            Requester = StudyRequester.Arm,
            RequestedByUserId = await Host.UserIdAsync("arm@demo.ma"),
            Status = status,
            DeclineReason = status == StudyRequestStatus.Declined ? "Hors champ" : null,
            SubmittedAtUtc = DateTime.UtcNow,
        };
        db.StudyRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }
}

public sealed class ListeningSessionsServiceSqliteTests(ListeningHostFixture fixture) : ListeningSessionsServiceTestsBase(fixture.Host), IClassFixture<ListeningHostFixture>;

/// <summary>The same use cases on PostgreSQL.</summary>
public sealed class ListeningSessionsServicePostgresTests(ListeningPostgresHostFixture fixture) : ListeningSessionsServiceTestsBase(fixture.Host), IClassFixture<ListeningPostgresHostFixture>;

using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.SupportActions;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;
using static RegionalWorkspace.Tests.Features.SupportActions.SupportActionFixtures;

namespace RegionalWorkspace.Tests.Features.SupportActions;

/// <summary>Recording, changing, moving on and deleting support actions (C3): who may, what is refused, what goes live.</summary>
public abstract class SupportActionsServiceTestsBase(AppHost host)
{
    protected AppHost Host { get; } = host;

    private SupportActionsService Actions => Host.Get<SupportActionsService>();

    [Fact]
    public async Task Create_ByAnOfficerForTheirRegion_SavesEverything_WithLinksAndWhoRecordedIt()
    {
        var body = await BodyAsync(Host, "RSK", BodyKind.Youth);
        var practice = await PublishedPracticeAsync(Host);
        var input = Input(Host, Rsk, "  Atelier des jeunes sur le littoral  ");
        input.BodyIds = [body];
        input.PracticeIds = [practice, practice];

        var id = await Actions.CreateAsync(await Host.PrincipalAsync(RskOfficer), input);

        var detail = await Actions.GetAsync(await Host.PrincipalAsync("trainer@demo.ma"), id);
        Assert.Equal(("Atelier des jeunes sur le littoral", Rsk, SupportStatus.Planned, Organisers.Arm | Organisers.Cese, 1),
            (detail.TitleFr, detail.RegionId, detail.Status, detail.SupportedBy, detail.Version));
        Assert.Equal((input.StartsOn, input.EndsOn), ((DateOnly?)detail.StartsOn, detail.EndsOn));
        Assert.Equal([body], detail.Bodies.Select(b => b.Id));
        Assert.Equal([practice], detail.Practices.Select(p => p.Id));
        Assert.False(string.IsNullOrWhiteSpace(detail.Practices[0].Title));
        var officerName = (await Host.Get<RegionalWorkspace.Features.Accounts.AccessControl>().FindActorAsync(await Host.PrincipalAsync(RskOfficer)))!.DisplayName;
        Assert.Equal((officerName, officerName), (detail.CreatedBy, detail.UpdatedBy));
    }

    [Theory]
    [InlineData("admin@demo.ma")]
    [InlineData("arm@demo.ma")]
    [InlineData("dgct@demo.ma")]
    [InlineData("cese@demo.ma")]
    public async Task Create_ByAdministratorCoordinatorsAndCese_ForAnyRegion_IsAllowed(string email)
    {
        var id = await Actions.CreateAsync(await Host.PrincipalAsync(email), Input(Host, Sm));

        Assert.Equal(Sm, (await Actions.GetAsync(await Host.PrincipalAsync(SmOfficer), id)).RegionId);
    }

    [Theory]
    [InlineData("trainer@demo.ma", "Error.Forbidden")]
    [InlineData("leadership@demo.ma", "Error.Forbidden")]
    [InlineData(SmOfficer, "Error.OtherRegion")]
    public async Task Create_ByATrainerLeadershipOrAnotherRegionsOfficer_IsRefused_AndNothingIsSaved(string email, string key)
    {
        var before = await CountAsync(Host);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(async () => await Actions.CreateAsync(await Host.PrincipalAsync(email), Input(Host, Rsk)));

        Assert.Equal(key, refused.Message);
        Assert.Equal(before, await CountAsync(Host));
    }

    [Fact]
    public async Task Everyone_ReadsTheActions_OfEveryRegion()
    {
        var id = await CreateAsync(Host, Input(Host, Rsk));

        foreach (var email in new[] { "trainer@demo.ma", "leadership@demo.ma", SmOfficer })
        {
            var user = await Host.PrincipalAsync(email);
            Assert.Equal(id, (await Actions.GetAsync(user, id)).Id);
            Assert.Contains(id, (await Actions.ListAsync(user, new SupportActionQuery { RegionId = Rsk, PageSize = 100 })).Items.Select(a => a.Id));
        }
    }

    [Fact]
    public async Task Create_WithNothingFilledIn_NamesEveryMissingField_AndSavesNothing()
    {
        var before = await CountAsync(Host);
        var input = new SupportActionInput { TitleFr = " ", Description = "", SupportedBy = Organisers.None };

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Actions.CreateAsync(await Host.PrincipalAsync(Arm), input));

        Assert.Equal(
            [("Description", "Validation.Required"), ("Kind", "Validation.Choose"), ("RegionId", "Validation.Required"), ("StartsOn", "Validation.Required"),
             ("SupportedBy", "Validation.SupportPartyRequired"), ("Theme", "Validation.Choose"), ("TitleFr", "Validation.Required")],
            refused.Errors.Select(e => (e.Field, e.MessageKey)).Order());
        Assert.Equal(before, await CountAsync(Host));
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "end-before-start", "EndsOn", "Validation.SupportEndBeforeStart" },
        { "title-too-long", "TitleFr", "Validation.TooLong" },
        { "title-control-characters", "TitleFr", "Validation.ControlCharacters" },
        { "arabic-title-too-long", "TitleAr", "Validation.TooLong" },
        { "unknown-theme", "Theme", "Validation.Choose" },
        { "unknown-kind", "Kind", "Validation.Choose" },
        { "unknown-party", "SupportedBy", "Validation.SupportPartyRequired" },
        { "unknown-region", "RegionId", "Validation.Choose" },
        { "date-out-of-range", "StartsOn", "Validation.DateRange" },
        { "completed-without-outcome", "Outcome", "Validation.OutcomeRequired" },
        { "in-progress-before-start", "Status", "Validation.SupportNotStarted" },
        { "unknown-body", "BodyIds", "Validation.Choose" },
        { "body-of-another-region", "BodyIds", "Validation.BodyOtherRegion" },
        { "unknown-practice", "PracticeIds", "Validation.PracticeNotLinkable" },
        { "draft-practice", "PracticeIds", "Validation.PracticeNotLinkable" },
        { "too-many-bodies", "BodyIds", "Validation.TooManyLinks" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Create_WithABadValue_IsRefusedOnThatField_AndSavesNothing(string bad, string field, string key)
    {
        var input = Input(Host, Rsk);
        switch (bad)
        {
            case "end-before-start": input.EndsOn = input.StartsOn!.Value.AddDays(-1); break;
            case "title-too-long": input.TitleFr = new string('x', 301); break;
            case "title-control-characters": input.TitleFr = "Atelier\u0007"; break;
            case "arabic-title-too-long": input.TitleAr = new string('ع', 301); break;
            case "unknown-theme": input.Theme = (SupportTheme)42; break;
            case "unknown-kind": input.Kind = (SupportKind)42; break;
            case "unknown-party": input.SupportedBy = (Organisers)8; break;
            case "unknown-region": input.RegionId = 999; break;
            case "date-out-of-range": input.StartsOn = new DateOnly(1900, 1, 1); input.EndsOn = null; break;
            case "completed-without-outcome": input.Status = SupportStatus.Completed; input.StartsOn = Today(Host).AddDays(-40); input.Outcome = "  "; break;
            case "in-progress-before-start": input.Status = SupportStatus.InProgress; break;
            case "unknown-body": input.BodyIds = [999_999]; break;
            case "body-of-another-region": input.BodyIds = [await BodyAsync(Host, "SM", BodyKind.Youth)]; break;
            case "unknown-practice": input.PracticeIds = [999_999]; break;
            case "draft-practice": input.PracticeIds = [await DraftPracticeAsync(Host)]; break;
            case "too-many-bodies": input.BodyIds = Enumerable.Range(1, SupportActionInput.MaxLinks + 1).ToList(); break;
            default: throw new ArgumentOutOfRangeException(nameof(bad));
        }

        var before = await CountAsync(Host);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Actions.CreateAsync(await Host.PrincipalAsync(Arm), input));

        Assert.Contains((field, key), refused.Errors.Select(e => (e.Field, e.MessageKey)));
        Assert.Equal(before, await CountAsync(Host));
    }

    [Fact]
    public async Task Update_FromAStaleVersion_IsAConflictCarryingTheStoredValues_AndChangesNothing()
    {
        var id = await CreateAsync(Host);
        var arm = await Host.PrincipalAsync(Arm);
        var first = (await Actions.GetAsync(arm, id)).ToInput();
        var second = (await Actions.GetAsync(arm, id)).ToInput();
        first.TitleFr = "Première modification";
        await Actions.UpdateAsync(arm, id, first);
        second.TitleFr = "Seconde modification";

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Actions.UpdateAsync(arm, id, second));

        Assert.Equal("Première modification", Assert.IsType<SupportActionInput>(conflict.Current).TitleFr);
        Assert.Equal(2, conflict.CurrentVersion);
        var stored = await Actions.GetAsync(arm, id);
        Assert.Equal(("Première modification", 2), (stored.TitleFr, stored.Version));
    }

    [Fact]
    public async Task Update_ByAnOfficer_OfAnotherRegionsAction_OrMovingTheirsToAnotherRegion_IsRefused()
    {
        var smAction = await CreateAsync(Host, Input(Host, Sm));
        var rskAction = await CreateAsync(Host, Input(Host, Rsk));
        var rsk = await Host.PrincipalAsync(RskOfficer);
        var arm = await Host.PrincipalAsync(Arm);

        var other = (await Actions.GetAsync(arm, smAction)).ToInput();
        other.RegionId = Rsk;
        other.TitleFr = "Reprise par Rabat";
        var moved = (await Actions.GetAsync(arm, rskAction)).ToInput();
        moved.RegionId = Sm;

        Assert.Equal("Error.OtherRegion", (await Assert.ThrowsAsync<AccessDeniedException>(() => Actions.UpdateAsync(rsk, smAction, other))).Message);
        Assert.Equal("Error.OtherRegion", (await Assert.ThrowsAsync<AccessDeniedException>(() => Actions.UpdateAsync(rsk, rskAction, moved))).Message);
        Assert.Equal((Sm, 1), ((await Actions.GetAsync(arm, smAction)).RegionId, (await Actions.GetAsync(arm, smAction)).Version));
        Assert.Equal((Rsk, 1), ((await Actions.GetAsync(arm, rskAction)).RegionId, (await Actions.GetAsync(arm, rskAction)).Version));
    }

    [Fact]
    public async Task Update_ToAnotherRegion_KeepingABodyOfTheOldOne_IsRefused()
    {
        var input = Input(Host, Rsk);
        input.BodyIds = [await BodyAsync(Host, "RSK")];
        var id = await CreateAsync(Host, input);
        var arm = await Host.PrincipalAsync(Arm);
        var change = (await Actions.GetAsync(arm, id)).ToInput();
        change.RegionId = Sm;

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Actions.UpdateAsync(arm, id, change));

        Assert.Equal(("BodyIds", "Validation.BodyOtherRegion"), refused.Errors.Select(e => (e.Field, e.MessageKey)).Single());
        Assert.Equal(Rsk, (await Actions.GetAsync(arm, id)).RegionId);
    }

    [Fact]
    public async Task SetStatus_Completed_NeedsAnOutcome_ThenRecordsIt()
    {
        var id = await InProgressAsync(Host);
        var rsk = await Host.PrincipalAsync(RskOfficer);
        var version = (await Actions.GetAsync(rsk, id)).Version;

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Actions.SetStatusAsync(rsk, id, new SupportStatusInput { Status = SupportStatus.Completed, Outcome = " ", Version = version }));
        Assert.Equal(("Outcome", "Validation.OutcomeRequired"), refused.Errors.Select(e => (e.Field, e.MessageKey)).Single());
        Assert.Equal(SupportStatus.InProgress, (await Actions.GetAsync(rsk, id)).Status);

        await Actions.SetStatusAsync(rsk, id, new SupportStatusInput { Status = SupportStatus.Completed, Outcome = " Feuille de route adoptée. ", Version = version });

        var done = await Actions.GetAsync(rsk, id);
        Assert.Equal((SupportStatus.Completed, "Feuille de route adoptée.", version + 1), (done.Status, done.Outcome, done.Version));
    }

    [Fact]
    public async Task SetStatus_InProgressBeforeTheStart_OrByAnotherRegionsOfficer_OrFromAStaleVersion_IsRefused()
    {
        var planned = await CreateAsync(Host);
        var arm = await Host.PrincipalAsync(Arm);

        var early = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Actions.SetStatusAsync(arm, planned, new SupportStatusInput { Status = SupportStatus.InProgress, Version = 1 }));
        Assert.Equal(("Status", "Validation.SupportNotStarted"), early.Errors.Select(e => (e.Field, e.MessageKey)).Single());
        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await Actions.SetStatusAsync(await Host.PrincipalAsync(SmOfficer), planned, new SupportStatusInput { Status = SupportStatus.Cancelled, Version = 1 }));
        await Actions.SetStatusAsync(arm, planned, new SupportStatusInput { Status = SupportStatus.Cancelled, Version = 1 });
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Actions.SetStatusAsync(arm, planned, new SupportStatusInput { Status = SupportStatus.Planned, Version = 1 }));

        var stored = await Actions.GetAsync(arm, planned);
        Assert.Equal((SupportStatus.Cancelled, 2), (stored.Status, stored.Version));
    }

    [Fact]
    public async Task Delete_OnlyWhilePlanned_AndOnlyInOnesRegion()
    {
        var planned = await CreateAsync(Host);
        var started = await InProgressAsync(Host);
        var rsk = await Host.PrincipalAsync(RskOfficer);

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Actions.DeleteAsync(await Host.PrincipalAsync(SmOfficer), planned, 1));
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Actions.DeleteAsync(rsk, started, 1));
        Assert.Equal("Validation.SupportDeletePlannedOnly", refused.Errors.Single().MessageKey);
        Assert.Equal(SupportStatus.InProgress, (await Actions.GetAsync(rsk, started)).Status);

        await Actions.DeleteAsync(rsk, planned, 1);

        var gone = await Assert.ThrowsAsync<NotFoundException>(() => Actions.GetAsync(rsk, planned));
        Assert.Equal(SupportActionsService.NotFoundKey, gone.Message);
    }

    [Fact]
    public async Task List_FiltersCombine_AndPagesAreBounded()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var practice = await PublishedPracticeAsync(Host);
        var match = Input(Host, Sm, $"Consultation {tag} sur l'eau");
        match.Theme = SupportTheme.Social;
        match.SupportedBy = Organisers.Dgct | Organisers.Arm;
        match.PracticeIds = [practice];
        var matchId = await CreateAsync(Host, match);
        var otherParty = Input(Host, Sm, $"Consultation {tag} bis");
        otherParty.Theme = SupportTheme.Social;
        otherParty.SupportedBy = Organisers.Cese;
        var otherPartyId = await CreateAsync(Host, otherParty);
        var otherTheme = Input(Host, Sm, $"Consultation {tag} ter");
        var otherThemeId = await CreateAsync(Host, otherTheme);
        var reader = await Host.PrincipalAsync("leadership@demo.ma");

        var page = await Actions.ListAsync(reader, new SupportActionQuery
        {
            RegionId = Sm, Theme = SupportTheme.Social, Status = SupportStatus.Planned, Party = Organisers.Dgct, Text = tag.ToUpperInvariant(), PageSize = 100,
        });
        var byPractice = await Actions.ListAsync(reader, new SupportActionQuery { PracticeId = practice, PageSize = 100 });
        var small = await Actions.ListAsync(reader, new SupportActionQuery { PageSize = 2 });
        var second = await Actions.ListAsync(reader, new SupportActionQuery { PageSize = 2, Page = 1 });

        Assert.Equal([matchId], page.Items.Select(a => a.Id));
        Assert.Equal(1, page.Total);
        Assert.Contains(matchId, byPractice.Items.Select(a => a.Id));
        Assert.DoesNotContain(otherPartyId, byPractice.Items.Select(a => a.Id));
        Assert.DoesNotContain(otherThemeId, page.Items.Select(a => a.Id));
        Assert.Equal(2, small.Items.Count);
        Assert.True(small.Total > 2);
        Assert.Empty(small.Items.Select(a => a.Id).Intersect(second.Items.Select(a => a.Id)));
    }

    [Fact]
    public async Task Changes_GoLive_AndIntoTheActivityFeed()
    {
        var received = new List<WorkspaceEvent>();
        using var subscription = Host.Get<IWorkspaceBus>().Subscribe(e =>
        {
            if (e.Capability == Capability.SupportActions)
            {
                lock (received)
                {
                    received.Add(e);
                }
            }
        });

        var id = await CreateAsync(Host, Input(Host, Sm));
        await Actions.SetStatusAsync(await Host.PrincipalAsync(Arm), id, new SupportStatusInput { Status = SupportStatus.Cancelled, Version = 1 });

        List<WorkspaceEvent> mine;
        lock (received)
        {
            mine = received.Where(e => e.EntityId == id).ToList();
        }

        Assert.Equal([ChangeKind.Created, ChangeKind.Updated], mine.Select(e => e.Kind));
        Assert.All(mine, e => Assert.Equal((SupportActionsService.EntityType, (int?)Sm, SupportActionsService.Scope(id), Audience.SignedIn), (e.EntityType, e.RegionId, e.Scope, e.Audience)));
        Assert.Equal([1, 2], mine.Select(e => e.Version));
        await using var db = await Host.CreateDbContextAsync();
        Assert.Equal(2, await db.Activity.CountAsync(a => a.Capability == Capability.SupportActions && a.EntityId == id));
    }

    [Fact]
    public async Task Demo_CoversMostRegionsAndTheThreeThemes_CompletedActionsHaveAnOutcome()
    {
        await using var db = await Host.CreateDbContextAsync();
        var demo = await db.SupportActions.Where(a => a.CreatedAtUtc < DateTime.UtcNow.AddDays(-4))
            .Select(a => new { a.RegionId, a.Theme, a.Status, a.Outcome, a.StartsOn, Practices = a.Practices.Count, Bodies = a.Bodies.Count }).ToListAsync();

        Assert.True(demo.Select(a => a.RegionId).Distinct().Count() >= 10);
        Assert.Equal(Enum.GetValues<SupportTheme>(), demo.Select(a => a.Theme).Distinct().Order());
        Assert.Equal(Enum.GetValues<SupportStatus>(), demo.Select(a => a.Status).Distinct().Order());
        Assert.All(demo.Where(a => a.Status == SupportStatus.Completed), a => Assert.False(string.IsNullOrWhiteSpace(a.Outcome)));
        Assert.All(demo.Where(a => a.Status is SupportStatus.InProgress or SupportStatus.Completed), a => Assert.True(a.StartsOn <= DateOnly.FromDateTime(DateTime.UtcNow)));
        Assert.True(demo.Min(a => a.StartsOn) >= DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(-19)));
        Assert.True(demo.Count(a => a.Practices > 0) >= demo.Count / 2);
        Assert.True(demo.Count(a => a.Bodies > 0) >= demo.Count / 2);
    }
}

public sealed class SupportActionsServiceSqliteTests(AppHostFixture fixture) : SupportActionsServiceTestsBase(fixture.Host), IClassFixture<AppHostFixture>;

public sealed class SupportActionsServicePostgresTests(PostgresAppHostFixture fixture) : SupportActionsServiceTestsBase(fixture.Host), IClassFixture<PostgresAppHostFixture>;

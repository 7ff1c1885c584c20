using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Tests.Infrastructure;
using static RegionalWorkspace.Tests.Features.Studies.StudyFixtures;

namespace RegionalWorkspace.Tests.Features.Studies;

/// <summary>The workflow of C4: every move × every role, the fields each decision requires, and concurrent decisions.</summary>
public abstract class StudyWorkflowTestsBase(AppHost host)
{
    /// <summary>The issue's workflow, written out here independently of the code's table.</summary>
    private static readonly (StudyRequestStatus From, StudyRequestStatus To)[] s_expected =
    [
        (StudyRequestStatus.Submitted, StudyRequestStatus.UnderReview),
        (StudyRequestStatus.UnderReview, StudyRequestStatus.Accepted),
        (StudyRequestStatus.UnderReview, StudyRequestStatus.Declined),
        (StudyRequestStatus.Accepted, StudyRequestStatus.InProgress),
        (StudyRequestStatus.InProgress, StudyRequestStatus.Adopted),
        (StudyRequestStatus.Adopted, StudyRequestStatus.Published),
    ];

    private static readonly StudyRequestStatus[] s_targets = Enum.GetValues<StudyRequestStatus>().Where(s => s != StudyRequestStatus.Submitted).ToArray();

    protected AppHost Host { get; } = host;

    private StudyRequestsService Studies => Host.Get<StudyRequestsService>();

    public static TheoryData<StudyRequestStatus> Statuses() => new(Enum.GetValues<StudyRequestStatus>());

    [Fact]
    public void Table_IsTheIssuesWorkflow_AndEveryMoveIsForCeseStaffWhoMayDecide()
    {
        Assert.Equal(s_expected.OrderBy(t => t).ToList(), StudyWorkflow.Transitions.Select(t => (t.From, t.To)).OrderBy(t => t).ToList());
        Assert.All(StudyWorkflow.Transitions, t => Assert.Equal(WorkspaceRole.CeseStaff, t.By));
        Assert.All(StudyWorkflow.Transitions, t => Assert.Contains(t.By, Permissions.Rules[UseCase.DecideStudyRequests]));
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task EveryMove_ByEveryRole_FromThisStatus_IsAllowedOnlyAsTheWorkflowSays(StudyRequestStatus from)
    {
        var shared = await InStatusAsync(Host, from);
        var failures = new List<string>();
        foreach (var email in StudyFixtures.Accounts)
        {
            var user = await Host.PrincipalAsync(email);
            var isCese = email == Cese;
            foreach (var to in s_targets)
            {
                var expected = isCese && s_expected.Contains((from, to));
                var id = expected ? await InStatusAsync(Host, from) : shared;
                var before = await SnapshotAsync(Host, id);
                var error = await Record.ExceptionAsync(() => MoveAsync(Host, user, id, to, before.Version));
                var after = await SnapshotAsync(Host, id);
                var what = $"{email}: {from} → {to}";
                if (expected)
                {
                    if (error is not null)
                    {
                        failures.Add($"{what} refused: {error.GetType().Name} {error.Message}");
                    }
                    else if ((after.Status, after.Version, after.HistoryCount) != (to, before.Version + 1, before.HistoryCount + 1))
                    {
                        failures.Add($"{what}: {after} after {before}");
                    }
                    else
                    {
                        failures.AddRange(await LastLineProblemsAsync(id, from, to, what));
                    }

                    continue;
                }

                // Refused: the right refusal, and nothing changed.
                var expectedError = email == "officer.sm@demo.ma" ? typeof(NotFoundException)
                    : isCese ? typeof(StudyTransitionRefusedException)
                    : typeof(AccessDeniedException);
                if (error?.GetType() != expectedError)
                {
                    failures.Add($"{what}: expected {expectedError.Name}, got {error?.GetType().Name ?? "success"}");
                }
                else if (error is StudyTransitionRefusedException refused && (refused.From, refused.To) != (from, to))
                {
                    failures.Add($"{what}: the refusal names {refused.From} → {refused.To}");
                }

                if (after != before)
                {
                    failures.Add($"{what} changed {before} into {after}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Accept_WithoutCommissionOrRapporteur_IsRefusedFieldByField_AndChangesNothing()
    {
        var id = await InStatusAsync(Host, StudyRequestStatus.UnderReview);
        var before = await SnapshotAsync(Host, id);
        var cese = await Host.PrincipalAsync(Cese);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Studies.AcceptAsync(cese, id, new AcceptInput { Rapporteur = "  ", Version = before.Version }));
        var noCommission = await Assert.ThrowsAsync<ValidationFailedException>(() => Studies.AcceptAsync(cese, id, new AcceptInput { Rapporteur = "Amina Tazi", Version = before.Version }));

        Assert.Equal([("Commission", "Validation.Choose"), ("Rapporteur", "Validation.Required")], refused.Errors.Select(e => (e.Field, e.MessageKey)).Order());
        Assert.Equal(("Commission", "Validation.Choose"), (Assert.Single(noCommission.Errors).Field, noCommission.Errors[0].MessageKey));
        Assert.Equal(before, await SnapshotAsync(Host, id));
    }

    public static TheoryData<CeseCommission> Commissions() => new(Enum.GetValues<CeseCommission>());

    [Theory]
    [MemberData(nameof(Commissions))]
    public async Task Accept_WithEachCommission_IsStoredAndReadBack(CeseCommission commission)
    {
        var id = await InStatusAsync(Host, StudyRequestStatus.UnderReview);

        await Studies.AcceptAsync(await Host.PrincipalAsync(Cese), id, new AcceptInput { Commission = commission, Rapporteur = "Hassan Lahlou", Version = (await SnapshotAsync(Host, id)).Version });

        Assert.Equal((StudyRequestStatus.Accepted, commission), ((await SnapshotAsync(Host, id)).Status, (await SnapshotAsync(Host, id)).Commission));
    }

    [Fact]
    public async Task Decline_WithoutAReason_IsRefused_AndWithOneRecordsIt()
    {
        var id = await InStatusAsync(Host, StudyRequestStatus.UnderReview);
        var before = await SnapshotAsync(Host, id);
        var cese = await Host.PrincipalAsync(Cese);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Studies.DeclineAsync(cese, id, new DeclineInput { Reason = " ", Version = before.Version }));
        Assert.Equal(before, await SnapshotAsync(Host, id));
        await Studies.DeclineAsync(cese, id, new DeclineInput { Reason = "  Sujet couvert par l'avis de 2025.  ", Version = before.Version });

        Assert.Equal(("Reason", "Validation.Required"), (Assert.Single(refused.Errors).Field, refused.Errors[0].MessageKey));
        var detail = await Studies.GetAsync(await Host.PrincipalAsync(Arm), id);
        Assert.Equal((StudyRequestStatus.Declined, "Sujet couvert par l'avis de 2025."), (detail.Status, detail.DeclineReason));
        Assert.Equal("Sujet couvert par l'avis de 2025.", detail.History[^1].Note);
    }

    [Theory]
    [InlineData(null, -1, "SessionNumber", "Validation.Required")]
    [InlineData(0, -1, "SessionNumber", "Validation.Range")]
    [InlineData(-3, -1, "SessionNumber", "Validation.Range")]
    [InlineData(160, null, "Date", "Validation.Required")]
    [InlineData(160, 2, "Date", "Validation.DateInFuture")]
    public async Task Adopt_TheGeneralAssemblyGuard_RefusesAMissingSessionOrDateOrAFutureDate(int? session, int? daysFromToday, string field, string key)
    {
        var id = await InStatusAsync(Host, StudyRequestStatus.InProgress);
        var before = await SnapshotAsync(Host, id);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Africa/Casablanca"));
        var input = new AdoptInput { SessionNumber = session, Date = daysFromToday is { } d ? today.AddDays(d) : null, Version = before.Version };

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Studies.AdoptAsync(await Host.PrincipalAsync(Cese), id, input));

        Assert.Equal((field, key), (Assert.Single(refused.Errors).Field, refused.Errors[0].MessageKey));
        Assert.Equal(before, await SnapshotAsync(Host, id));
    }

    [Fact]
    public async Task Adopt_Today_RecordsTheSessionAndDate()
    {
        var id = await InStatusAsync(Host, StudyRequestStatus.InProgress);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Africa/Casablanca"));

        await Studies.AdoptAsync(await Host.PrincipalAsync(Cese), id, new AdoptInput { SessionNumber = 161, Date = today, Version = (await SnapshotAsync(Host, id)).Version });

        var detail = await Studies.GetAsync(await Host.PrincipalAsync(Arm), id);
        Assert.Equal((StudyRequestStatus.Adopted, 161, today), (detail.Status, detail.AssemblySessionNumber, detail.AssemblyDate));
    }

    [Fact]
    public async Task Start_WithoutAnyMilestone_IsRefused_ButMilestonesPlannedWhileAcceptedCount()
    {
        var id = await InStatusAsync(Host, StudyRequestStatus.Accepted);
        var cese = await Host.PrincipalAsync(Cese);
        var before = await SnapshotAsync(Host, id);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Studies.StartAsync(cese, id, new StartInput { Version = before.Version }));
        Assert.Equal(before, await SnapshotAsync(Host, id));
        await Studies.AddMilestoneAsync(cese, id, new MilestoneInput { Title = "Auditions régionales", DueOn = new DateOnly(2027, 1, 15) }, before.Version);
        await Studies.StartAsync(cese, id, new StartInput { Version = before.Version + 1 });

        Assert.Equal(("Milestones", "Validation.MilestoneRequired"), (Assert.Single(refused.Errors).Field, refused.Errors[0].MessageKey));
        Assert.Equal((StudyRequestStatus.InProgress, 1), ((await SnapshotAsync(Host, id)).Status, (await SnapshotAsync(Host, id)).MilestoneCount));
    }

    [Fact]
    public async Task Milestones_CanBePlannedAndTickedByCeseStaffOnlyWhileAcceptedOrInProgress()
    {
        var id = await InStatusAsync(Host, StudyRequestStatus.InProgress);
        var submitted = await InStatusAsync(Host, StudyRequestStatus.Submitted);
        var cese = await Host.PrincipalAsync(Cese);
        var milestone = (await Studies.GetAsync(cese, id)).Milestones.Single();

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Studies.SetMilestoneDoneAsync(await Host.PrincipalAsync(Arm), id, milestone.Id, true, (await SnapshotAsync(Host, id)).Version));
        var closed = await Assert.ThrowsAsync<ValidationFailedException>(async () =>
            await Studies.AddMilestoneAsync(cese, submitted, new MilestoneInput { Title = "Trop tôt", DueOn = new DateOnly(2027, 1, 1) }, (await SnapshotAsync(Host, submitted)).Version));
        await Studies.SetMilestoneDoneAsync(cese, id, milestone.Id, true, (await SnapshotAsync(Host, id)).Version);
        await Studies.UpdateMilestoneAsync(cese, id, milestone.Id, new MilestoneInput { Title = "Auditions à Rabat", DueOn = new DateOnly(2027, 4, 1) }, (await SnapshotAsync(Host, id)).Version);

        Assert.Equal("Validation.MilestonesClosed", Assert.Single(closed.Errors).MessageKey);
        Assert.Equal(0, (await SnapshotAsync(Host, submitted)).MilestoneCount);
        var done = (await Studies.GetAsync(cese, id)).Milestones.Single();
        Assert.Equal(("Auditions à Rabat", new DateOnly(2027, 4, 1), true), (done.Title, done.DueOn, done.DoneOn is not null));
    }

    [Fact]
    public async Task ConcurrentDecisions_OneWins_TheOtherGetsAConflict_AndOneHistoryLineIsWritten()
    {
        var id = await InStatusAsync(Host, StudyRequestStatus.UnderReview);
        var before = await SnapshotAsync(Host, id);
        var cese = await Host.PrincipalAsync(Cese);

        var accept = Task.Run(() => Studies.AcceptAsync(cese, id, new AcceptInput { Commission = CeseCommission.EconomicAndStrategic, Rapporteur = "Karim Berrada", Version = before.Version }));
        var decline = Task.Run(() => Studies.DeclineAsync(cese, id, new DeclineInput { Reason = "Hors du champ de l'auto-saisine.", Version = before.Version }));
        var outcomes = await Task.WhenAll(Record.ExceptionAsync(() => accept), Record.ExceptionAsync(() => decline));

        Assert.Single(outcomes, e => e is null);
        Assert.IsType<ConcurrencyConflictException>(Assert.Single(outcomes, e => e is not null));
        var after = await SnapshotAsync(Host, id);
        Assert.Equal((before.Version + 1, before.HistoryCount + 1), (after.Version, after.HistoryCount));
        Assert.Equal(outcomes[0] is null ? StudyRequestStatus.Accepted : StudyRequestStatus.Declined, after.Status);
    }

    [Fact]
    public async Task Decision_FromAStaleVersion_IsAConflictCarryingTheStoredRequest()
    {
        var id = await InStatusAsync(Host, StudyRequestStatus.Submitted);
        var cese = await Host.PrincipalAsync(Cese);
        await Studies.StartReviewAsync(cese, id, 1);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Studies.StartReviewAsync(cese, id, 1));

        Assert.Equal(2, conflict.CurrentVersion);
        Assert.Equal("Leila Kabbaj", conflict.UpdatedBy);
        Assert.IsType<StudyRequestInput>(conflict.Current);
        Assert.Equal(2, (await SnapshotAsync(Host, id)).HistoryCount);
    }

    [Fact]
    public async Task Publish_LinksAFreePublication_AndRefusesOneAnsweringAnotherRequest()
    {
        var id = await InStatusAsync(Host, StudyRequestStatus.Adopted);
        var other = await InStatusAsync(Host, StudyRequestStatus.Submitted);
        var cese = await Host.PrincipalAsync(Cese);
        int free, taken;
        await using (var db = await Host.CreateDbContextAsync())
        {
            var a = new Publication { TitleFr = "Avis sur l'attractivité rurale", TitleAr = "رأي حول جاذبية العالم القروي", Kind = PublicationKind.Opinion, Commission = CeseCommission.SocialAffairsAndSolidarity };
            var b = new Publication { TitleFr = "Rapport d'une autre demande", TitleAr = "تقرير طلب آخر", Kind = PublicationKind.Report, Commission = CeseCommission.EconomicAndStrategic, StudyRequestId = other };
            db.Publications.AddRange(a, b);
            await db.SaveChangesAsync();
            (free, taken) = (a.Id, b.Id);
        }

        var version = (await SnapshotAsync(Host, id)).Version;
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Studies.PublishAsync(cese, id, new PublishInput { PublicationId = taken, Version = version }));
        Assert.Equal(StudyRequestStatus.Adopted, (await SnapshotAsync(Host, id)).Status);
        await Studies.PublishAsync(cese, id, new PublishInput { PublicationId = free, Version = version });

        Assert.Equal(("PublicationId", "Validation.PublicationOfAnotherRequest"), (Assert.Single(refused.Errors).Field, refused.Errors[0].MessageKey));
        var detail = await Studies.GetAsync(await Host.PrincipalAsync("officer.rsk@demo.ma"), id);
        Assert.Equal((StudyRequestStatus.Published, free), (detail.Status, Assert.Single(detail.Publications).Id));
        await using var check = await Host.CreateDbContextAsync();
        Assert.Equal(other, (await check.Publications.AsNoTracking().SingleAsync(p => p.Id == taken)).StudyRequestId);
    }

    private async Task<IEnumerable<string>> LastLineProblemsAsync(int id, StudyRequestStatus from, StudyRequestStatus to, string what)
    {
        var line = (await Studies.GetAsync(await Host.PrincipalAsync(Arm), id)).History[^1];
        return (line.FromStatus, line.ToStatus, line.ActorName) == (from, to, "Leila Kabbaj") ? [] : [$"{what}: history line {line}"];
    }
}

public sealed class StudyWorkflowSqliteTests(AppHostFixture fixture) : StudyWorkflowTestsBase(fixture.Host), IClassFixture<AppHostFixture>;

public sealed class StudyWorkflowPostgresTests(PostgresAppHostFixture fixture) : StudyWorkflowTestsBase(fixture.Host), IClassFixture<PostgresAppHostFixture>;

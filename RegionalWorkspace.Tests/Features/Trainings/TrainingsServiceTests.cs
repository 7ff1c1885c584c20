using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Trainings;

/// <summary>Programmes, sessions, registration with a waiting list, and attendance marks, on a real database.</summary>
public abstract class TrainingsServiceTestsBase(AppHost host)
{
    protected AppHost Host { get; } = host;

    private TrainingsService Trainings => Host.Get<TrainingsService>();

    private RegistrationsService Registrations => Host.Get<RegistrationsService>();

    private AttendanceService Attendance => Host.Get<AttendanceService>();

    private DateTime InAWeek => Host.Get<WorkspaceTime>().Now.Date.AddDays(7).AddHours(9);

    [Fact]
    public async Task CreateSession_IsListedWithItsRegionsTrainersAndCounts()
    {
        var id = await TrainingFixtures.CreateSessionAsync(Host, InAWeek, capacity: 12);

        var sessions = await Trainings.ListSessionsAsync(await Host.PrincipalAsync("officer.rsk@demo.ma"));
        var row = Assert.Single(sessions, s => s.Id == id);

        Assert.Equal([TrainingFixtures.Rsk], row.RegionIds);
        Assert.Equal((12, 0), (row.Capacity, row.Registered));
        Assert.Equal("Yassine Filali", Assert.Single(row.TrainerNames));
        Assert.Equal(InAWeek, Host.Get<WorkspaceTime>().ToLocal((await Trainings.GetSessionAsync(await Host.PrincipalAsync("arm@demo.ma"), id)).StartsAtUtc));
    }

    [Fact]
    public async Task CreateSession_BadInput_IsRefusedFieldByFieldAndNothingIsSaved()
    {
        var arm = await Host.PrincipalAsync("arm@demo.ma");
        var programmeId = await Trainings.CreateProgrammeAsync(arm, TrainingFixtures.Programme("Programme sans session"));
        var input = await TrainingFixtures.SessionAsync(Host, InAWeek, capacity: 0);
        input.Place = null;
        input.OnlineLink = "javascript:alert(1)";
        input.RegionIds = [];
        input.TrainerIds = [await Host.UserIdAsync("officer.rsk@demo.ma")];

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Trainings.CreateSessionAsync(arm, programmeId, input));

        Assert.Equal(
            ["Capacity:Validation.Range", "OnlineLink:Validation.Url", "RegionIds:Validation.RegionsRequired", "TrainerIds:Validation.TrainersOnly"],
            error.Errors.Select(e => $"{e.Field}:{e.MessageKey}").Order(StringComparer.Ordinal).ToArray());
        Assert.Empty(await Trainings.ListSessionsAsync(arm, programmeId));
    }

    [Fact]
    public async Task ManageTrainings_RegionalOfficer_IsRefused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Host.PrincipalAsync("officer.rsk@demo.ma").ContinueWith(t => Trainings.CreateProgrammeAsync(t.Result, TrainingFixtures.Programme())).Unwrap());
    }

    [Fact]
    public async Task Register_BeyondCapacity_GoesToTheWaitingList_WhichMovesUpOnCancellation()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, InAWeek, capacity: 2);
        var officer = await Host.PrincipalAsync("officer.rsk@demo.ma");
        var statuses = new List<RegistrationStatus>();
        foreach (var name in new[] { "Amina Tazi", "Karim Idrissi", "Salma Berrada", "Youssef Chraibi" })
        {
            statuses.Add(await Registrations.RegisterNewAsync(officer, sessionId, TrainingFixtures.Person(name)));
        }

        Assert.Equal([RegistrationStatus.Registered, RegistrationStatus.Registered, RegistrationStatus.Waitlisted, RegistrationStatus.Waitlisted], statuses);
        var rows = await Registrations.ListAsync(officer, sessionId);
        Assert.Equal([1, 2], rows.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.WaitlistPosition!.Value));

        await Registrations.CancelAsync(officer, rows.Single(r => r.FullName == "Amina Tazi").Id);

        rows = await Registrations.ListAsync(officer, sessionId);
        Assert.Equal(["Karim Idrissi", "Salma Berrada"], rows.Where(r => r.Status == RegistrationStatus.Registered).Select(r => r.FullName).Order());
        Assert.Equal("Youssef Chraibi", Assert.Single(rows, r => r.Status == RegistrationStatus.Waitlisted).FullName);
        Assert.Equal(1, Assert.Single(rows, r => r.Status == RegistrationStatus.Waitlisted).WaitlistPosition);
    }

    [Fact]
    public async Task Register_ManyAtOnceForTheLastPlaces_NeverOverfillsTheSession()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, InAWeek, capacity: 3);
        var officer = await Host.PrincipalAsync("officer.rsk@demo.ma");

        await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            Task.Run(() => Registrations.RegisterNewAsync(officer, sessionId, TrainingFixtures.Person($"Participant concurrent {i}", $"concurrent{i}@example.ma")))));

        var rows = await Registrations.ListAsync(officer, sessionId);
        Assert.Equal((3, 5), (rows.Count(r => r.Status == RegistrationStatus.Registered), rows.Count(r => r.Status == RegistrationStatus.Waitlisted)));
    }

    [Fact]
    public async Task MoreCapacity_MovesTheWaitingListUp()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, InAWeek, capacity: 1);
        var officer = await Host.PrincipalAsync("officer.rsk@demo.ma");
        await Registrations.RegisterNewAsync(officer, sessionId, TrainingFixtures.Person("Premier inscrit"));
        await Registrations.RegisterNewAsync(officer, sessionId, TrainingFixtures.Person("Second inscrit"));
        var arm = await Host.PrincipalAsync("arm@demo.ma");
        var input = await TrainingFixtures.SessionAsync(Host, InAWeek, capacity: 2);
        input.Version = (await Trainings.GetSessionAsync(arm, sessionId)).Version;

        await Trainings.UpdateSessionAsync(arm, sessionId, input);

        Assert.All(await Registrations.ListAsync(officer, sessionId), r => Assert.Equal(RegistrationStatus.Registered, r.Status));
    }

    [Fact]
    public async Task Register_OfficerOfAnotherRegion_OrTwice_IsRefused()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, InAWeek);
        var person = TrainingFixtures.Person("Rachid Alaoui", "rachid.alaoui@example.ma");
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Registrations.RegisterNewAsync(await Host.PrincipalAsync("officer.sm@demo.ma"), sessionId, person));

        await TrainingFixtures.RegisterAsync(Host, sessionId, person);
        var twice = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Registrations.RegisterNewAsync(await Host.PrincipalAsync("officer.rsk@demo.ma"), sessionId, person));

        Assert.Equal("Validation.AlreadyRegistered", Assert.Single(twice.Errors).MessageKey);
    }

    [Fact]
    public async Task TwoTrainersMarkingAtOnce_NeverLoseAMark()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host, capacity: 40);
        var ids = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person($"Participant {i:00}", $"p{i}@example.ma")));
        }

        var trainer = await Host.PrincipalAsync("trainer@demo.ma");
        var coordinator = await Host.PrincipalAsync("arm@demo.ma");
        // Both trainers go through the whole list at the same time, one from each end; the middle ones get two marks.
        var first = Task.Run(async () =>
        {
            foreach (var id in ids.Take(20))
            {
                await Attendance.MarkAsync(trainer, sessionId, id, AttendanceStatus.Present);
            }
        });
        var second = Task.Run(async () =>
        {
            foreach (var id in Enumerable.Reverse(ids).Take(20))
            {
                await Attendance.MarkAsync(coordinator, sessionId, id, AttendanceStatus.Late);
            }
        });
        await Task.WhenAll(first, second);

        var roster = await Attendance.RosterAsync(trainer, sessionId);
        Assert.All(roster, r => Assert.NotNull(r.Status));
        Assert.All(roster.Where(r => ids.Take(10).Contains(r.ParticipantId)), r => Assert.Equal(AttendanceStatus.Present, r.Status));
        Assert.All(roster.Where(r => ids.Skip(20).Contains(r.ParticipantId)), r => Assert.Equal(AttendanceStatus.Late, r.Status));
        await using var db = await Host.CreateDbContextAsync();
        Assert.Equal(30, await db.AttendanceMarks.CountAsync(m => m.SessionId == sessionId));
    }

    [Fact]
    public async Task RestAbsent_WalkIn_AndTheSummary()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host, capacity: 2);
        var woman = await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Imane Fassi", gender: Gender.Female));
        var man = await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Hamid Ouazzani", gender: Gender.Male));
        var trainer = await Host.PrincipalAsync("trainer@demo.ma");
        await Attendance.MarkAsync(trainer, sessionId, woman, AttendanceStatus.Late, "Train en retard");

        // Capacity is 2 and both places are taken: a walk-in is still added, and marked Present.
        var walkIn = await Attendance.AddWalkInAsync(trainer, sessionId, TrainingFixtures.Person("Sanaa Kettani", gender: Gender.Female));
        Assert.Equal(1, await Attendance.MarkRestAbsentAsync(trainer, sessionId));

        var roster = await Attendance.RosterAsync(trainer, sessionId);
        Assert.Equal((AttendanceStatus.Late, "Train en retard"), roster.Where(r => r.ParticipantId == woman).Select(r => (r.Status, r.Remark)).Single());
        Assert.Equal(AttendanceStatus.Absent, roster.Single(r => r.ParticipantId == man).Status);
        Assert.True(roster.Single(r => r.ParticipantId == walkIn) is { Status: AttendanceStatus.Present, IsWalkIn: true });
        var summary = await Attendance.SummaryAsync(await Host.PrincipalAsync("leadership@demo.ma"), sessionId);
        Assert.Equal((3, 2, 1, 1), (summary.Expected, summary.Attended, summary.Count(AttendanceStatus.Present), summary.Count(AttendanceStatus.Absent)));
        Assert.Equal(2, summary.AttendedByGender[Gender.Female]);
        Assert.Equal(2, summary.AttendedByRegion[TrainingFixtures.Rsk]);
    }

    [Fact]
    public async Task Mark_ByATrainerOfAnotherSession_OrForSomeoneNotRegistered_IsRefused()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        var person = await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Laila Sqalli"));
        var arm = await Host.PrincipalAsync("arm@demo.ma");
        var input = await TrainingFixtures.SessionAsync(Host, InAWeek);
        input.TrainerIds = [];
        var otherSession = await Trainings.CreateSessionAsync(arm, (await Trainings.GetSessionAsync(arm, sessionId)).ProgrammeId, input);

        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await Attendance.MarkAsync(await Host.PrincipalAsync("trainer@demo.ma"), otherSession, person, AttendanceStatus.Present));
        var notOnRoster = await Assert.ThrowsAsync<ValidationFailedException>(() => Attendance.MarkAsync(arm, otherSession, person, AttendanceStatus.Present));
        Assert.Equal("Validation.NotOnRoster", Assert.Single(notOnRoster.Errors).MessageKey);
        await using var db = await Host.CreateDbContextAsync();
        Assert.False(await db.AttendanceMarks.AnyAsync(m => m.ParticipantId == person));
    }
}

public sealed class TrainingsServiceSqliteTests(AppHostFixture fixture) : TrainingsServiceTestsBase(fixture.Host), IClassFixture<AppHostFixture>;

/// <summary>The same use cases on PostgreSQL.</summary>
public sealed class TrainingsServicePostgresTests(PostgresAppHostFixture fixture) : TrainingsServiceTestsBase(fixture.Host), IClassFixture<PostgresAppHostFixture>;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Features.Trainings.CheckIn;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Trainings;

/// <summary>
/// Self check-in on the real app's database. The service is built here around a fake clock (the app's own services
/// and database otherwise), so that codes can expire and sessions can end within a test.
/// </summary>
public abstract class CheckInTestsBase(AppHost host)
{
    private const string Client = "203.0.113.7";

    protected AppHost Host { get; } = host;

    private sealed class Kit(CheckInService service, CheckInCodes codes, FakeTimeProvider clock, CheckInLimiter limiter) : IDisposable
    {
        public CheckInService Service { get; } = service;

        public CheckInCodes Codes { get; } = codes;

        public FakeTimeProvider Clock { get; } = clock;

        public void Dispose() => limiter.Dispose();
    }

    private Kit Build(CheckInOptions? settings = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options.Create(settings ?? new CheckInOptions());
        var codes = new CheckInCodes(clock, options);
        var limiter = new CheckInLimiter(options);
        var service = new CheckInService(Host.Get<IDbContextFactory<AppDbContext>>(), codes, limiter, Host.Get<AttendanceService>(), Host.Get<WorkspaceTime>(), options, clock);
        return new Kit(service, codes, clock, limiter);
    }

    private async Task<string> SecretAsync(int sessionId)
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.TrainingSessions.Where(s => s.Id == sessionId).Select(s => s.CheckInSecret).SingleAsync();
    }

    private async Task<List<AttendanceMark>> MarksAsync(int sessionId)
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.AttendanceMarks.AsNoTracking().Where(m => m.SessionId == sessionId).ToListAsync();
    }

    private static string Unique(string prefix) => $"{prefix}.{Guid.NewGuid():N}"[..24] + "@example.ma";

    private async Task<(int SessionId, int ParticipantId, string Email, string Secret)> RunningSessionWithOneAsync(int startedMinutesAgo = 5, int graceMinutes = 15)
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, Host.Get<WorkspaceTime>().Now.AddMinutes(-startedMinutesAgo), graceMinutes: graceMinutes);
        var email = Unique("amina");
        var participantId = await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Amina " + Guid.NewGuid().ToString("N")[..6], email));
        return (sessionId, participantId, email, await SecretAsync(sessionId));
    }

    [Fact]
    public void Codes_RotateEveryThirtySeconds_SixUnambiguousCharacters()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var codes = new CheckInCodes(clock, Options.Create(new CheckInOptions()));
        var first = codes.Current("secret-a");
        Assert.Equal(6, first.Code.Length);
        Assert.All(first.Code, c => Assert.Contains(c, CheckInCodes.Alphabet));
        Assert.Equal(clock.GetUtcNow().AddSeconds(30), first.RotatesAtUtc);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(first.Code, codes.Current("secret-a").Code);
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = codes.Current("secret-a");
        Assert.NotEqual(first.Code, second.Code);
        Assert.NotEqual(second.Code, codes.Current("secret-b").Code);

        // Shown for 30 s, then accepted for the tolerance (60 s), then expired; lower case and spaces are forgiven.
        Assert.Equal(CodeCheck.Accepted, codes.Check("secret-a", first.Code.ToLowerInvariant().Insert(3, " ")));
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(CodeCheck.Accepted, codes.Check("secret-a", first.Code));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(CodeCheck.Expired, codes.Check("secret-a", first.Code));
        Assert.Equal(CodeCheck.Accepted, codes.Check("secret-a", codes.Current("secret-a").Code));
        Assert.Equal(CodeCheck.Wrong, codes.Check("secret-b", first.Code == "AAAAAA" ? "BBBBBB" : "AAAAAA"));
        Assert.Equal(CodeCheck.Wrong, codes.Check("secret-a", ""));
    }

    [Fact]
    public async Task CheckIn_CodeExpired_RefusedAndNothingChanged()
    {
        using var kit = Build();
        var (sessionId, _, email, secret) = await RunningSessionWithOneAsync();
        var code = kit.Codes.Current(secret);
        kit.Clock.SetUtcNow(code.RotatesAtUtc.AddSeconds(61));

        var result = await kit.Service.CheckInAsync(sessionId, code.Code, email, Client);

        Assert.Equal(CheckInRefusal.CodeExpired, result.Refusal);
        Assert.Equal("CheckIn.Refused.CodeExpired", result.MessageKey);
        Assert.Empty(await MarksAsync(sessionId));
    }

    [Fact]
    public async Task CheckIn_CodeJustRotated_AcceptedWithinTolerance()
    {
        using var kit = Build();
        var (sessionId, participantId, email, secret) = await RunningSessionWithOneAsync();
        var code = kit.Codes.Current(secret);
        kit.Clock.SetUtcNow(code.RotatesAtUtc.AddSeconds(45));

        var result = await kit.Service.CheckInAsync(sessionId, code.Code, email, Client);

        Assert.True(result.Succeeded, result.MessageKey);
        Assert.Equal(participantId, Assert.Single(await MarksAsync(sessionId)).ParticipantId);
    }

    [Fact]
    public async Task CheckIn_WrongCode_RefusedAndNothingChanged()
    {
        using var kit = Build();
        var (sessionId, _, email, secret) = await RunningSessionWithOneAsync();
        var code = kit.Codes.Current(secret).Code;
        var wrong = code == "ABCDEF" ? "ABCDEG" : "ABCDEF";

        var result = await kit.Service.CheckInAsync(sessionId, wrong, email, Client);

        Assert.Equal(CheckInRefusal.CodeWrong, result.Refusal);
        Assert.Empty(await MarksAsync(sessionId));
        Assert.Equal(CheckInRefusal.Missing, (await kit.Service.CheckInAsync(sessionId, " ", email, Client)).Refusal);
        Assert.Equal(CheckInRefusal.Missing, (await kit.Service.CheckInAsync(sessionId, code, "", Client)).Refusal);
    }

    [Fact]
    public async Task CheckIn_Replayed_RefusedAndMarkUnchanged()
    {
        using var kit = Build();
        var (sessionId, participantId, email, secret) = await RunningSessionWithOneAsync();
        var first = await kit.Service.CheckInAsync(sessionId, kit.Codes.Current(secret).Code, email, Client);
        Assert.True(first.Succeeded);
        Assert.Equal(AttendanceStatus.Present, first.Status);
        var mark = Assert.Single(await MarksAsync(sessionId));

        kit.Clock.Advance(TimeSpan.FromMinutes(25));
        var again = await kit.Service.CheckInAsync(sessionId, kit.Codes.Current(secret).Code, email.ToUpperInvariant(), Client);

        Assert.Equal(CheckInRefusal.AlreadyPresent, again.Refusal);
        var expectedTime = Host.Get<WorkspaceTime>().ToLocal(mark.MarkedAtUtc).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expectedTime, Assert.Single(again.Arguments));
        var after = Assert.Single(await MarksAsync(sessionId));
        Assert.Equal((participantId, AttendanceStatus.Present, MarkSource.SelfCheckIn, mark.MarkedAtUtc), (after.ParticipantId, after.Status, after.Source, after.MarkedAtUtc));
    }

    [Fact]
    public async Task CheckIn_TwiceAtTheSameMoment_RecordedOnce()
    {
        using var kit = Build();
        var (sessionId, _, email, secret) = await RunningSessionWithOneAsync();
        var code = kit.Codes.Current(secret).Code;

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => kit.Service.CheckInAsync(sessionId, code, email, Client))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(CheckInRefusal.AlreadyPresent, r.Refusal));
        Assert.Single(await MarksAsync(sessionId));
    }

    [Fact]
    public async Task CheckIn_WithinGrace_Present_AfterGrace_Late()
    {
        using var kit = Build();
        var (onTime, _, onTimeEmail, onTimeSecret) = await RunningSessionWithOneAsync(startedMinutesAgo: 5, graceMinutes: 15);
        var (late, _, lateEmail, lateSecret) = await RunningSessionWithOneAsync(startedMinutesAgo: 20, graceMinutes: 15);

        var present = await kit.Service.CheckInAsync(onTime, kit.Codes.Current(onTimeSecret).Code, onTimeEmail, Client);
        var lateResult = await kit.Service.CheckInAsync(late, kit.Codes.Current(lateSecret).Code, lateEmail, Client);

        Assert.Equal((AttendanceStatus?)AttendanceStatus.Present, present.Status);
        Assert.Equal("CheckIn.Done.Present", present.MessageKey);
        Assert.Equal((AttendanceStatus?)AttendanceStatus.Late, lateResult.Status);
        Assert.Equal("CheckIn.Done.Late", lateResult.MessageKey);
        Assert.Equal(AttendanceStatus.Late, Assert.Single(await MarksAsync(late)).Status);
    }

    [Fact]
    public async Task CheckIn_OutsideTheWindow_Refused()
    {
        using var kit = Build();
        var time = Host.Get<WorkspaceTime>();
        var email = Unique("karim");
        var early = await TrainingFixtures.CreateSessionAsync(Host, time.Now.AddMinutes(45));
        await TrainingFixtures.RegisterAsync(Host, early, TrainingFixtures.Person("Karim Early", email));
        var soon = await TrainingFixtures.CreateSessionAsync(Host, time.Now.AddMinutes(20));
        await TrainingFixtures.RegisterAsync(Host, soon, TrainingFixtures.Person("Karim Early", email));
        var (running, _, runningEmail, runningSecret) = await RunningSessionWithOneAsync(startedMinutesAgo: 5);

        var tooEarly = await kit.Service.CheckInAsync(early, kit.Codes.Current(await SecretAsync(early)).Code, email, Client);
        Assert.Equal(CheckInRefusal.NotOpenYet, tooEarly.Refusal);
        Assert.Equal(30, tooEarly.Arguments[1]);
        Assert.Empty(await MarksAsync(early));

        // 20 minutes before the start is within the 30 minutes: on time.
        var beforeStart = await kit.Service.CheckInAsync(soon, kit.Codes.Current(await SecretAsync(soon)).Code, email, Client);
        Assert.Equal((AttendanceStatus?)AttendanceStatus.Present, beforeStart.Status);

        // The running session (180 minutes, started 5 minutes ago) is over 175 minutes later.
        kit.Clock.Advance(TimeSpan.FromMinutes(176));
        var tooLate = await kit.Service.CheckInAsync(running, kit.Codes.Current(runningSecret).Code, runningEmail, Client);
        Assert.Equal(CheckInRefusal.Closed, tooLate.Refusal);
        Assert.Empty(await MarksAsync(running));
    }

    [Fact]
    public async Task CheckIn_UnknownOrNotRegistered_Refused()
    {
        using var kit = Build();
        var (sessionId, _, _, secret) = await RunningSessionWithOneAsync();
        var (otherSession, _, otherEmail, _) = await RunningSessionWithOneAsync();
        var code = kit.Codes.Current(secret).Code;

        Assert.Equal(CheckInRefusal.UnknownParticipant, (await kit.Service.CheckInAsync(sessionId, code, "nobody@example.ma", Client)).Refusal);
        Assert.Equal(CheckInRefusal.UnknownParticipant, (await kit.Service.CheckInAsync(sessionId, code, "ZZZZ9999", Client)).Refusal);
        Assert.Equal(CheckInRefusal.NotRegistered, (await kit.Service.CheckInAsync(sessionId, code, otherEmail, Client)).Refusal);
        Assert.Equal(CheckInRefusal.SessionNotFound, (await kit.Service.CheckInAsync(999_999, code, otherEmail, Client)).Refusal);
        Assert.Empty(await MarksAsync(sessionId));
        Assert.Empty(await MarksAsync(otherSession));
    }

    [Fact]
    public async Task CheckIn_WaitlistedOrCancelledRegistration_Refused()
    {
        using var kit = Build();
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, Host.Get<WorkspaceTime>().Now.AddMinutes(-5), capacity: 1);
        var firstEmail = Unique("first");
        var waitingEmail = Unique("waiting");
        await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Premier Inscrit", firstEmail));
        await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Sur Liste", waitingEmail));
        var code = kit.Codes.Current(await SecretAsync(sessionId)).Code;

        Assert.Equal(CheckInRefusal.Waitlisted, (await kit.Service.CheckInAsync(sessionId, code, waitingEmail, Client)).Refusal);

        var registrations = Host.Get<RegistrationsService>();
        var officer = await Host.PrincipalAsync("officer.rsk@demo.ma");
        var first = (await registrations.ListAsync(officer, sessionId)).Single(r => r.Email == firstEmail);
        await registrations.CancelAsync(officer, first.Id);
        Assert.Equal(CheckInRefusal.RegistrationCancelled, (await kit.Service.CheckInAsync(sessionId, code, firstEmail, Client)).Refusal);
        Assert.Empty(await MarksAsync(sessionId));
    }

    [Fact]
    public async Task CheckIn_CancelledSession_Refused()
    {
        using var kit = Build();
        var (sessionId, _, email, secret) = await RunningSessionWithOneAsync();
        await using (var db = await Host.CreateDbContextAsync())
        {
            await db.TrainingSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsCancelled, true));
        }

        Assert.Equal(CheckInRefusal.SessionCancelled, (await kit.Service.CheckInAsync(sessionId, kit.Codes.Current(secret).Code, email, Client)).Refusal);
        Assert.Empty(await MarksAsync(sessionId));
    }

    [Fact]
    public async Task CheckIn_PersonalCode_Works()
    {
        using var kit = Build();
        var (sessionId, participantId, _, secret) = await RunningSessionWithOneAsync();
        string personalCode;
        await using (var db = await Host.CreateDbContextAsync())
        {
            personalCode = await db.Participants.Where(p => p.Id == participantId).Select(p => p.PersonalCode).SingleAsync();
        }

        var typed = " " + personalCode.ToLowerInvariant().Insert(4, "-") + " ";
        var result = await kit.Service.CheckInAsync(sessionId, kit.Codes.Current(secret).Code, typed, Client);

        Assert.True(result.Succeeded, result.MessageKey);
        Assert.StartsWith("Amina ", result.ParticipantName, StringComparison.Ordinal);
        Assert.Equal(participantId, Assert.Single(await MarksAsync(sessionId)).ParticipantId);
    }

    [Fact]
    public async Task CheckIn_TrainerMarks_AbsentReplaced_ExcusedAndPresentKept()
    {
        using var kit = Build();
        var attendance = Host.Get<AttendanceService>();
        var trainer = await Host.PrincipalAsync("trainer@demo.ma");
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        var absent = Unique("absent");
        var excused = Unique("excused");
        var present = Unique("present");
        var absentId = await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Absent Arrive", absent));
        var excusedId = await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Excuse Vient", excused));
        var presentId = await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Deja La", present));
        await attendance.MarkAsync(trainer, sessionId, absentId, AttendanceStatus.Absent);
        await attendance.MarkAsync(trainer, sessionId, excusedId, AttendanceStatus.Excused, "Mission");
        await attendance.MarkAsync(trainer, sessionId, presentId, AttendanceStatus.Present);
        var before = (await MarksAsync(sessionId)).ToDictionary(m => m.ParticipantId);
        var code = kit.Codes.Current(await SecretAsync(sessionId)).Code;

        Assert.True((await kit.Service.CheckInAsync(sessionId, code, absent, Client)).Succeeded);
        Assert.Equal(CheckInRefusal.Excused, (await kit.Service.CheckInAsync(sessionId, code, excused, Client)).Refusal);
        Assert.Equal(CheckInRefusal.AlreadyPresent, (await kit.Service.CheckInAsync(sessionId, code, present, Client)).Refusal);

        var after = (await MarksAsync(sessionId)).ToDictionary(m => m.ParticipantId);
        Assert.Equal((AttendanceStatus.Present, MarkSource.SelfCheckIn), (after[absentId].Status, after[absentId].Source));
        Assert.Equal((AttendanceStatus.Excused, "Mission", before[excusedId].MarkedAtUtc), (after[excusedId].Status, after[excusedId].Remark, after[excusedId].MarkedAtUtc));
        Assert.Equal((AttendanceStatus.Present, MarkSource.Trainer, before[presentId].MarkedAtUtc), (after[presentId].Status, after[presentId].Source, after[presentId].MarkedAtUtc));
    }

    [Fact]
    public async Task CheckIn_Saved_AnnouncedOnTheSessionsScope()
    {
        using var kit = Build();
        var (sessionId, participantId, email, secret) = await RunningSessionWithOneAsync();
        var received = new TaskCompletionSource<WorkspaceEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Host.Get<IWorkspaceBus>().Subscribe(e =>
        {
            if (e.Scope == TrainingsService.SessionKey(sessionId))
            {
                received.TrySetResult(e);
            }
        });

        await kit.Service.CheckInAsync(sessionId, kit.Codes.Current(secret).Code, email, Client);

        var change = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("Attendance", participantId, CheckInService.ActorId), (change.EntityType, change.EntityId, change.ActorId));
        Assert.StartsWith("Amina ", change.ActorName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckIn_RepeatedFailures_FurtherAttemptsRefused()
    {
        using var kit = Build(new CheckInOptions { FailuresPerWindow = 3 });
        var (sessionId, _, email, secret) = await RunningSessionWithOneAsync();
        var code = kit.Codes.Current(secret).Code;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(CheckInRefusal.UnknownParticipant, (await kit.Service.CheckInAsync(sessionId, code, $"guess{i}@example.ma", Client)).Refusal);
        }

        var blocked = await kit.Service.CheckInAsync(sessionId, code, email, Client);
        Assert.Equal(CheckInRefusal.TooManyFailures, blocked.Refusal);
        Assert.Equal(10, Assert.Single(blocked.Arguments));
        Assert.Empty(await MarksAsync(sessionId));

        // Another address is not held back.
        Assert.True((await kit.Service.CheckInAsync(sessionId, code, email, "198.51.100.1")).Succeeded);
    }

    [Fact]
    public async Task CheckIn_AttemptsPerAddressBounded()
    {
        using var kit = Build(new CheckInOptions { AttemptsPerMinute = 2 });
        var (sessionId, _, email, secret) = await RunningSessionWithOneAsync();
        var code = kit.Codes.Current(secret).Code;
        await kit.Service.CheckInAsync(sessionId, "WRONG1", email, Client);
        await kit.Service.CheckInAsync(sessionId, "WRONG2", email, Client);

        Assert.Equal(CheckInRefusal.TooManyAttempts, (await kit.Service.CheckInAsync(sessionId, code, email, Client)).Refusal);
        Assert.Empty(await MarksAsync(sessionId));
    }

    [Fact]
    public async Task Projector_OnlyForThoseWhoTakeAttendance()
    {
        var service = Host.Get<CheckInService>();
        var (sessionId, _, email, _) = await RunningSessionWithOneAsync();

        var leadership = await Host.PrincipalAsync("leadership@demo.ma");
        var officer = await Host.PrincipalAsync("officer.rsk@demo.ma");
        var arm = await Host.PrincipalAsync("arm@demo.ma");
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ProjectorAsync(leadership, sessionId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.CurrentCodeAsync(officer, sessionId));
        await Assert.ThrowsAsync<NotFoundException>(() => service.CurrentCodeAsync(arm, 999_999));

        var trainer = await Host.PrincipalAsync("trainer@demo.ma");
        var view = await service.ProjectorAsync(trainer, sessionId);
        Assert.Equal((0, 1), (view.Attended, view.Registered));
        var code = await service.CurrentCodeAsync(trainer, sessionId);
        Assert.True((await service.CheckInAsync(sessionId, code.Code, email, Client)).Succeeded);
        Assert.Equal((1, 1), ((await service.ProjectorAsync(trainer, sessionId)).Attended, view.Registered));
    }

    [Fact]
    public async Task Api_ChecksInAnonymously_RefusesReplayAndBadRequests()
    {
        var (sessionId, _, email, secret) = await RunningSessionWithOneAsync();
        var code = Host.Get<CheckInCodes>().Current(secret).Code;
        using var http = Host.CreateClient();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");

        using var ok = await http.PostAsJsonAsync("/api/checkin", new { sessionId, code, identifier = email });
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("Present", body.GetProperty("status").GetString());
        Assert.StartsWith("Amina ", body.GetProperty("name").GetString(), StringComparison.Ordinal);

        using var replay = await http.PostAsJsonAsync("/api/checkin", new { sessionId, code, identifier = email });
        var refusal = await replay.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal("already-present", refusal.GetProperty("reason").GetString());
        Assert.Contains("déjà été marqué(e) présent(e)", refusal.GetProperty("error").GetString(), StringComparison.Ordinal);

        using var wrong = await http.PostAsJsonAsync("/api/checkin", new { sessionId, code = "AAAAAA", identifier = "x@example.ma" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);

        using var missing = await http.PostAsJsonAsync("/api/checkin", new { code });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        using var malformed = await http.PostAsync("/api/checkin", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        using var huge = await http.PostAsync("/api/checkin", new StringContent($"{{\"sessionId\":{sessionId},\"code\":\"{new string('A', 10_000)}\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Single(await MarksAsync(sessionId));
    }

    [Fact]
    public async Task Page_Anonymous_ShowsTheSessionWithTheCodeFilledIn()
    {
        var (sessionId, _, _, secret) = await RunningSessionWithOneAsync();
        var code = Host.Get<CheckInCodes>().Current(secret).Code;
        using var http = Host.CreateClient();

        using var page = await http.GetAsync($"/checkin/{sessionId}?c={code.ToLowerInvariant()}");
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Démocratie participative", html, StringComparison.Ordinal);
        Assert.Contains("Hôtel de la Région, Rabat", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{code}\"", html, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);

        using var projector = await http.GetAsync($"/trainings/sessions/{sessionId}/projector");
        Assert.Equal(HttpStatusCode.Redirect, projector.StatusCode);
    }
}

public sealed class CheckInSqliteTests(AppHostFixture fixture) : CheckInTestsBase(fixture.Host), IClassFixture<AppHostFixture>;

/// <summary>The same on PostgreSQL (the compare-and-set save compares a stored timestamp).</summary>
public sealed class CheckInPostgresTests(PostgresAppHostFixture fixture) : CheckInTestsBase(fixture.Host), IClassFixture<PostgresAppHostFixture>;

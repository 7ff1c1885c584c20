using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Audit;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Features.Trainings.CheckIn;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Tests.Benchmarks;
using RegionalWorkspace.Tests.Features.Trainings;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Audit;

/// <summary>
/// The trainer board, self check-in and invitations save through SaveChanges, so their changes are in the audit trail
/// with their values before and after (they used bulk updates, which the trail never saw).
/// </summary>
public abstract class AuditedAttendanceTestsBase(AppHost host)
{
    protected AppHost Host { get; } = host;

    private async Task<List<AuditEntry>> EntriesAsync(string entityType, string key)
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == entityType && e.EntityKey == key).OrderBy(e => e.Id).ToListAsync();
    }

    private async Task<AttendanceMark> MarkAsync(int sessionId, int participantId)
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.AttendanceMarks.AsNoTracking().SingleAsync(m => m.SessionId == sessionId && m.ParticipantId == participantId);
    }

    private static Dictionary<string, JsonElement> Json(string? json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json ?? "{}")!;

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Unique(string prefix) => $"{prefix}.{Guid.NewGuid():N}"[..24] + "@example.ma";

    [Fact]
    public async Task TrainerChangesAMark_TheTrailHasTheInsertThenTheUpdateWithStatusBeforeAndAfter()
    {
        var trainer = await Host.PrincipalAsync("trainer@demo.ma");
        var trainerId = await Host.UserIdAsync("trainer@demo.ma");
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        var participantId = await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Nadia Berrada", Unique("nadia")));
        var attendance = Host.Get<AttendanceService>();
        using (AuditActor.Use(trainer))
        {
            await attendance.MarkAsync(trainer, sessionId, participantId, AttendanceStatus.Present);
            await attendance.MarkAsync(trainer, sessionId, participantId, AttendanceStatus.Late, "Train en retard");
        }

        var mark = await MarkAsync(sessionId, participantId);
        var entries = await EntriesAsync(nameof(AttendanceMark), Key(mark.Id));

        Assert.Equal([AuditOperation.Insert, AuditOperation.Update], entries.Select(e => e.Operation));
        var update = entries[1];
        Assert.Equal(trainerId, update.UserId);
        Assert.Equal(nameof(AttendanceStatus.Present), Json(update.Before)["Status"].ToString());
        Assert.Equal(nameof(AttendanceStatus.Late), Json(update.After)["Status"].ToString());
        Assert.Equal("Train en retard", Json(update.After)["Remark"].GetString());
        Assert.Equal((AttendanceStatus.Late, "Train en retard"), (mark.Status, mark.Remark));
    }

    [Fact]
    public async Task CheckInOverAnAbsentMark_TheTrailHasTheUpdateFromAbsentToPresentBySelfCheckIn()
    {
        var trainer = await Host.PrincipalAsync("trainer@demo.ma");
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        var email = Unique("youssef");
        var participantId = await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Youssef Amrani", email));
        await Host.Get<AttendanceService>().MarkAsync(trainer, sessionId, participantId, AttendanceStatus.Absent);
        string secret;
        await using (var db = await Host.CreateDbContextAsync())
        {
            secret = await db.TrainingSessions.Where(s => s.Id == sessionId).Select(s => s.CheckInSecret).SingleAsync();
        }

        var result = await Host.Get<CheckInService>().CheckInAsync(sessionId, Host.Get<CheckInCodes>().Current(secret).Code, email, "198.51.100.23");

        Assert.True(result.Succeeded, result.MessageKey);
        var mark = await MarkAsync(sessionId, participantId);
        Assert.Equal(MarkSource.SelfCheckIn, mark.Source);
        var update = (await EntriesAsync(nameof(AttendanceMark), Key(mark.Id))).Last();
        Assert.Equal(AuditOperation.Update, update.Operation);
        Assert.Equal(nameof(AttendanceStatus.Absent), Json(update.Before)["Status"].ToString());
        Assert.Equal(mark.Status.ToString(), Json(update.After)["Status"].ToString());
        Assert.Equal(nameof(MarkSource.SelfCheckIn), Json(update.After)["Source"].ToString());
        Assert.Null(update.UserId);
    }

    [Fact]
    public async Task MarkInvited_EachInvitationIsInTheTrail()
    {
        var trainer = await Host.PrincipalAsync("trainer@demo.ma");
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Salma Idrissi", Unique("salma")));
        await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Omar Tazi", Unique("omar"), Gender.Male));
        int invited;
        using (AuditActor.Use(trainer))
        {
            invited = await Host.Get<RegistrationsService>().MarkInvitedAsync(trainer, sessionId);
        }

        List<int> registrationIds;
        await using (var db = await Host.CreateDbContextAsync())
        {
            registrationIds = await db.Registrations.Where(r => r.SessionId == sessionId).Select(r => r.Id).ToListAsync();
            Assert.All(await db.Registrations.Where(r => r.SessionId == sessionId).ToListAsync(), r => Assert.NotNull(r.InvitedAtUtc));
        }

        Assert.Equal(2, invited);
        foreach (var id in registrationIds)
        {
            var update = (await EntriesAsync(nameof(Registration), Key(id))).Last();
            Assert.Equal(AuditOperation.Update, update.Operation);
            Assert.Equal(JsonValueKind.Null, Json(update.Before)["InvitedAtUtc"].ValueKind);
            Assert.Equal(JsonValueKind.String, Json(update.After)["InvitedAtUtc"].ValueKind);
        }

        Assert.Equal(0, await Host.Get<RegistrationsService>().MarkInvitedAsync(trainer, sessionId));
    }
}

public sealed class AuditedAttendanceSqliteTests(AppHostFixture fixture) : AuditedAttendanceTestsBase(fixture.Host), IClassFixture<AppHostFixture>;

public sealed class AuditedAttendancePostgresTests(PostgresAppHostFixture fixture) : AuditedAttendanceTestsBase(fixture.Host), IClassFixture<PostgresAppHostFixture>;

/// <summary>
/// A bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> bypasses SaveChanges and so the audit trail. Only the places
/// listed here may use one, each for a reason that changes no audited value.
/// </summary>
public sealed partial class AuditCoverageTests
{
    [Fact]
    public void Source_NoBulkWriteOutsideTheKnownUnauditedPlaces()
    {
        var allowed = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            // Notifications are not audited (messages about audited changes).
            ["Features/Notifications/NotificationsService.cs"] = 1,
            // The registration turn counter: a row lock, not a change of the session.
            ["Features/Trainings/RegistrationsService.cs"] = 1,
            // The compare-and-set's guarded touch sets a value to itself; the change follows through SaveChanges.
            ["Features/Trainings/CheckIn/CheckInService.cs"] = 1,
        };
        var root = Path.Combine(FanOutReport.RepositoryRoot(), "RegionalWorkspace");
        var found = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(root, f).Replace('\\', '/'), Count: BulkWrite().Matches(File.ReadAllText(f)).Count))
            .Where(x => x.Count > 0)
            .ToDictionary(x => x.File, x => x.Count);

        Assert.Equal(allowed.OrderBy(p => p.Key), found.OrderBy(p => p.Key));
    }

    [GeneratedRegex(@"\.Execute(Update|Delete)(Async)?\(")]
    private static partial Regex BulkWrite();
}

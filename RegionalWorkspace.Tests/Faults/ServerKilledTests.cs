using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Features.Trainings.CheckIn;
using RegionalWorkspace.Tests.Features.Trainings;
using RegionalWorkspace.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RegionalWorkspace.Tests.Faults;

/// <summary>
/// The app as a real process, killed with SIGKILL in the middle of a burst of check-ins (<c>POST /api/checkin</c>, an
/// anonymous save path) from several concurrent clients, then started again on the same SQLite file: every check-in
/// that was acknowledged (200 with its time) is there, nothing that was never sent is, and the file is sound.
/// </summary>
public sealed class ServerKilledTests(ITestOutputHelper output)
{
    private const int Participants = 360;
    private const int Clients = 8;

    /// <summary>The kill comes once this many check-ins were acknowledged: well inside the burst.</summary>
    private const int KillAfter = 90;

    [Fact]
    public async Task KilledDuringABurstOfCheckIns_AfterRestart_EveryAcknowledgedCheckInIsThere()
    {
        // The database: demo data, a session running now and its registered participants, prepared by the app in-process.
        var seeder = await AppHost.StartAsync();
        AppProcess? app = null;
        try
        {
            var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(seeder, capacity: Participants);
            var people = await TrainingFixtures.SeedRegisteredAsync(seeder, sessionId, Participants, "Participante Panne", "panne", "fault test");
            string secret;
            await using (var db = await seeder.CreateDbContextAsync())
            {
                secret = await db.TrainingSessions.Where(s => s.Id == sessionId).Select(s => s.CheckInSecret).SingleAsync();
            }

            var codes = seeder.Get<CheckInCodes>();
            await seeder.StopAsync();
            SqliteConnection.ClearAllPools();
            var settings = new Dictionary<string, string?>
            {
                ["Trainings:CheckIn:AttemptsPerMinute"] = "100000",
                ["Trainings:CheckIn:FailuresPerWindow"] = "100000",
            };
            app = await AppProcess.StartAsync(seeder.DataDirectory, settings);

            // The burst: each client takes the next participant and checks them in, until the queue is empty or the server is gone.
            var queue = new ConcurrentQueue<TrainingFixtures.Seeded>(people);
            var acknowledged = new ConcurrentDictionary<int, DateTime>();
            var sent = new ConcurrentDictionary<int, bool>();
            var lost = new ConcurrentBag<int>();
            var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var baseUrl = app.BaseUrl;
            var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
            {
                using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
                try
                {
                    while (!deadline.IsCancellationRequested && queue.TryDequeue(out var person))
                    {
                        sent[person.Id] = true;
                        try
                        {
                            using var response = await http.PostAsJsonAsync("/api/checkin", new { sessionId, code = codes.Current(secret).Code, identifier = person.Email }, deadline.Token);
                            var body = await response.Content.ReadAsStringAsync(deadline.Token);
                            if (response.StatusCode != HttpStatusCode.OK)
                            {
                                throw new InvalidOperationException($"Check-in of {person.Email} refused before the kill: {(int)response.StatusCode} {body}");
                            }

                            using var json = JsonDocument.Parse(body);
                            acknowledged[person.Id] = json.RootElement.GetProperty("markedAt").GetDateTime().ToUniversalTime();
                            if (acknowledged.Count >= KillAfter)
                            {
                                killNow.TrySetResult();
                            }
                        }
                        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !deadline.IsCancellationRequested))
                        {
                            // The server died under this request: no answer, so the client cannot know whether it was saved.
                            lost.Add(person.Id);
                            return;
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    killNow.TrySetException(ex);
                    throw;
                }
            })).ToList();

            await killNow.Task.WaitAsync(deadline.Token);
            await app.KillAsync();
            await Task.WhenAll(clients);
            var acknowledgedAtKill = acknowledged.ToDictionary();
            app.Dispose();
            output.WriteLine($"{acknowledgedAtKill.Count} check-ins acknowledged, {lost.Count} cut off by the kill, {queue.Count} never sent");

            // The kill struck in the middle: requests were cut off and participants were left waiting.
            Assert.NotEmpty(lost);
            Assert.True(acknowledgedAtKill.Count < Participants, $"all {Participants} check-ins were acknowledged before the kill");

            app = await AppProcess.StartAsync(seeder.DataDirectory, settings);

            Dictionary<int, DateTime> stored;
            await using (var db = Open(seeder.DataDirectory))
            {
                stored = await db.AttendanceMarks.AsNoTracking().Where(m => m.SessionId == sessionId)
                    .ToDictionaryAsync(m => m.ParticipantId, m => DateTime.SpecifyKind(m.MarkedAtUtc, DateTimeKind.Utc));
            }

            var missing = acknowledgedAtKill.Keys.Where(id => !stored.ContainsKey(id)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledgedAtKill.Count} acknowledged check-ins are missing after the restart: {string.Join(", ", missing)}");
            Assert.All(acknowledgedAtKill, a => Assert.Equal(a.Value, stored[a.Key]));
            Assert.All(stored.Keys, id => Assert.True(sent.ContainsKey(id), $"participant {id} is marked but was never sent"));
            Assert.Equal("ok", IntegrityCheck(seeder.DataDirectory));

            // The restarted server sees them: each acknowledged check-in, sent again, is refused as already recorded; those
            // cut off by the kill can simply try again and end up recorded.
            using var again = new HttpClient { BaseAddress = app.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
            foreach (var id in acknowledgedAtKill.Keys.Take(20))
            {
                using var replay = await again.PostAsJsonAsync("/api/checkin", new { sessionId, code = codes.Current(secret).Code, identifier = people.Single(p => p.Id == id).Email });
                Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
            }

            foreach (var id in lost)
            {
                using var retry = await again.PostAsJsonAsync("/api/checkin", new { sessionId, code = codes.Current(secret).Code, identifier = people.Single(p => p.Id == id).Email });
                Assert.True(retry.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"retry of {id}: {(int)retry.StatusCode} {await retry.Content.ReadAsStringAsync()}");
            }

            await using (var db = Open(seeder.DataDirectory))
            {
                Assert.Equal(
                    acknowledgedAtKill.Keys.Concat(lost).Distinct().Order(),
                    await db.AttendanceMarks.Where(m => m.SessionId == sessionId && (acknowledgedAtKill.Keys.Contains(m.ParticipantId) || lost.Contains(m.ParticipantId)))
                        .Select(m => m.ParticipantId).OrderBy(id => id).ToListAsync());
            }
        }
        catch when (app is not null)
        {
            // The app's own last words explain most failures.
            output.WriteLine(app.Output);
            throw;
        }
        finally
        {
            app?.Dispose();
            SqliteConnection.ClearAllPools();
            await seeder.DisposeAsync();
        }
    }


    /// <summary>A context of the test's own on the file the app process uses (SQLite in WAL mode lets both read and write).</summary>
    private static SqliteAppDbContext Open(string dataDirectory) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={Path.Combine(dataDirectory, "workspace.db")};Pooling=False").Options);

    private static string IntegrityCheck(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "workspace.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Features.Trainings.CheckIn;
using RegionalWorkspace.Tests.Features.Trainings;
using RegionalWorkspace.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RegionalWorkspace.Tests.Benchmarks;

/// <summary>
/// Self check-in under a room's rush: 300 registered participants check in within a minute through
/// <c>POST /api/checkin</c> while a trainer's board and the projector are open in a real browser. Measures each
/// check-in's response time and the time until the board shows the participant's mark; asserts only correctness (every
/// check-in recorded exactly once, replays refused, every mark on the board). Writes <c>docs/performance/checkin.md</c>.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(BrowserCollection.Name)]
public sealed class CheckInBenchmarks(BrowserFixture browser, ITestOutputHelper output)
{
    private const int Participants = 300;
    private const int Replays = 30;
    private const double SpreadSeconds = 55;
    private const int Concurrency = 16;
    private const double ResponseTargetMs = 200;
    private const double BoardTargetMs = 300;

#if DEBUG
    private const string Configuration = "Debug (figures from a Release build, as ./bench.sh makes, are the ones to compare)";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>
    /// Notes, in the board page, when each roster row first shows Present or Late (<c>Date.now()</c>, taken in the
    /// MutationObserver: the same task as Blazor's DOM update).
    /// </summary>
    private const string InstallObserver = """
        () => {
          const roster = document.getElementById('board-roster');
          if (!roster) throw new Error('board roster missing');
          window.__rwSeen = {};
          window.__rwSeenCount = 0;
          const record = el => {
            const id = el.getAttribute('data-participant');
            const status = el.getAttribute('data-status');
            if (id && (status === 'Present' || status === 'Late') && !(id in window.__rwSeen)) {
              window.__rwSeen[id] = Date.now();
              window.__rwSeenCount++;
            }
          };
          new MutationObserver(mutations => {
            for (const m of mutations) {
              if (m.type === 'attributes') { record(m.target); continue; }
              for (const n of m.addedNodes) {
                if (n.nodeType !== 1) continue;
                if (n.matches('[data-participant]')) record(n);
                n.querySelectorAll('[data-participant]').forEach(record);
              }
            }
          }).observe(roster, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
        }
        """;

    private static string F(FormattableString text) => FormattableString.Invariant(text);

    [Fact]
    public async Task ThreeHundredCheckInsWithinAMinute_EachRecordedOnce_ShownOnTheBoard()
    {
        var startedUtc = DateTime.UtcNow;
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Error",
            // The production default (the tests' 1 s adds a query per circuit every second).
            ["Accounts:RevalidationInterval"] = "00:00:05",
        });
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(host, capacity: Participants);
        var participants = await TrainingFixtures.SeedRegisteredAsync(host, sessionId, Participants, "Participant Banc", "banc", "benchmark");
        string secret;
        await using (var db = await host.CreateDbContextAsync())
        {
            secret = await db.TrainingSessions.Where(s => s.Id == sessionId).Select(s => s.CheckInSecret).SingleAsync();
        }

        var board = await browser.NewPageAsync(host);
        await board.SignInAsync("trainer@demo.ma", returnUrl: $"/trainings/sessions/{sessionId}/board");
        await Assertions.Expect(board.Locator("#board-roster [data-participant]")).ToHaveCountAsync(Participants, new() { Timeout = 30_000 });
        var projector = await browser.NewPageAsync(host);
        await projector.SignInAsync("trainer@demo.ma", returnUrl: $"/trainings/sessions/{sessionId}/projector");
        await Assertions.Expect(projector.Locator("#checkin-registered")).ToHaveTextAsync(Participants.ToString(CultureInfo.InvariantCulture));
        await board.EvaluateAsync(InstallObserver);

        // A hub client of the region: when each check-in's event leaves the server (without the board's re-read and render).
        var hubSeen = new System.Collections.Concurrent.ConcurrentDictionary<int, double>();
        await using var hub = await HubClient.ConnectAsync(host.BaseUrl, "trainer@demo.ma");
        hub.Connection.On<RegionalWorkspace.Realtime.WorkspaceEvent>(RegionalWorkspace.Realtime.WorkspaceHub.ChangeMethod, e =>
        {
            if (e.Scope == TrainingsService.SessionKey(sessionId) && e.EntityType == "Attendance")
            {
                hubSeen.TryAdd(e.EntityId, UnixMs(DateTime.UtcNow));
            }
        });
        await hub.Connection.InvokeAsync("JoinRegion", "RSK");

        var machine = await MachineLoad.SampleAsync();
        var codes = host.Get<CheckInCodes>();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency }) { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");
        using var gate = new SemaphoreSlim(Concurrency);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var order = participants.OrderBy(_ => Random.Shared.Next()).ToList();
        var clock = Stopwatch.StartNew();
        var cpu = CpuMeter.Start();

        // Each participant presses "I am here" at their moment, spread evenly over the minute; at most 16 at once.
        var attempts = await Task.WhenAll(order.Select(async (p, i) =>
        {
            var due = TimeSpan.FromSeconds(SpreadSeconds * i / Participants);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, deadline.Token);
            }

            await gate.WaitAsync(deadline.Token);
            try
            {
                return await CheckInAsync(http, sessionId, codes.Current(secret).Code, i % 2 == 0 ? p.Email : p.PersonalCode.ToLowerInvariant(), p.Id, deadline.Token);
            }
            finally
            {
                gate.Release();
            }
        }));
        var sendingTook = clock.Elapsed;

        await board.WaitForFunctionAsync($"() => window.__rwSeenCount >= {Participants}", null, new() { Timeout = 60_000, PollingInterval = 100 });
        var usage = cpu.Stop();
        var seen = await board.EvaluateAsync<Dictionary<string, double>>("() => window.__rwSeen");
        await Assertions.Expect(projector.Locator("#checkin-count")).ToHaveTextAsync(Participants.ToString(CultureInfo.InvariantCulture), new() { Timeout = 30_000 });

        // Replays: the same people again, refused, nothing changed.
        var replays = await Task.WhenAll(order.Take(Replays).Select(p => CheckInAsync(http, sessionId, codes.Current(secret).Code, p.Email, p.Id, deadline.Token)));

        await using var check = await host.CreateDbContextAsync();
        var marks = await check.AttendanceMarks.AsNoTracking().Where(m => m.SessionId == sessionId).ToListAsync();
        var onBoard = await board.Locator("#board-roster [data-status='Present'], #board-roster [data-status='Late']").CountAsync();

        var responses = new LatencySamples();
        responses.AddRange(attempts.Select(a => a.ResponseMs));
        var toBoard = new LatencySamples();
        var commitToBoard = new LatencySamples();
        var commitToHub = new LatencySamples();
        foreach (var a in attempts)
        {
            if (a.MarkedAtMs is { } committed && hubSeen.TryGetValue(a.ParticipantId, out var heard))
            {
                commitToHub.Add(heard - committed);
            }

            if (seen.TryGetValue(a.ParticipantId.ToString(CultureInfo.InvariantCulture), out var at))
            {
                toBoard.Add(at - a.SentAtMs);
                if (a.MarkedAtMs is { } marked)
                {
                    commitToBoard.Add(at - marked);
                }
            }
        }

        var report = Report(startedUtc, machine, usage, sendingTook, attempts, responses, toBoard, commitToBoard, commitToHub, replays, marks.Count, onBoard, browser.Browser.Version);
        var path = Path.Combine(FanOutReport.RepositoryRoot(), "docs", "performance", "checkin.md");
        var existing = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        var keepAt = existing.IndexOf(FanOutReport.KeepMarker, StringComparison.Ordinal);
        var kept = keepAt < 0 ? "" : existing[(keepAt + FanOutReport.KeepMarker.Length)..].TrimStart('\n');
        await File.WriteAllTextAsync(path, report + "\n" + FanOutReport.KeepMarker + "\n" + (kept.Length == 0 ? "" : "\n" + kept));
        output.WriteLine(report);

        Assert.All(attempts, a => Assert.True(a.Status == HttpStatusCode.OK, F($"participant {a.ParticipantId}: {(int)a.Status} {a.Body}")));
        Assert.All(replays, r => Assert.True(r.Status == HttpStatusCode.Conflict, F($"replay of {r.ParticipantId}: {(int)r.Status} {r.Body}")));
        Assert.Equal(Participants, marks.Count);
        Assert.Equal(Participants, marks.Select(m => m.ParticipantId).Distinct().Count());
        Assert.All(marks, m => Assert.Equal((MarkSource.SelfCheckIn, AttendanceStatus.Present), (m.Source, m.Status)));
        Assert.Equal(Participants, seen.Count);
        Assert.Equal(Participants, onBoard);
        Assert.Equal(Participants, hubSeen.Count);
    }

    private sealed record Attempt(int ParticipantId, double SentAtMs, double ResponseMs, HttpStatusCode Status, double? MarkedAtMs, string Body);


    private static double UnixMs(DateTime utc) => (utc - DateTime.UnixEpoch).TotalMilliseconds;

    private static async Task<Attempt> CheckInAsync(HttpClient http, int sessionId, string code, string identifier, int participantId, CancellationToken ct)
    {
        var sentAt = UnixMs(DateTime.UtcNow);
        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync("/api/checkin", new { sessionId, code, identifier }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var took = watch.Elapsed.TotalMilliseconds;
        double? markedAt = null;
        if (response.IsSuccessStatusCode)
        {
            using var json = JsonDocument.Parse(body);
            markedAt = UnixMs(json.RootElement.GetProperty("markedAt").GetDateTime().ToUniversalTime());
        }

        return new Attempt(participantId, sentAt, took, response.StatusCode, markedAt, body);
    }

    private static string Report(DateTime startedUtc, MachineLoad machine, CpuUsage cpu, TimeSpan sendingTook, Attempt[] attempts, LatencySamples responses, LatencySamples toBoard,
        LatencySamples commitToBoard, LatencySamples commitToHub, Attempt[] replays, int marks, int onBoard, string chromium)
    {
        var text = new StringBuilder();
        text.AppendLine("# Self check-in: measured figures");
        text.AppendLine();
        text.AppendLine(F($"Produced by `./bench.sh --filter \"FullyQualifiedName~CheckInBenchmarks\"` (plain `./bench.sh` runs every benchmark), run started {startedUtc:yyyy-MM-dd HH:mm} UTC. About 2 minutes."));
        text.AppendLine("The benchmark measures and reports; it asserts only correctness (every check-in recorded exactly once, replays");
        text.AppendLine("refused, every mark shown on the board), never timings. Targets are shown beside the figures for information.");
        text.AppendLine();
        text.AppendLine("## Machine");
        text.AppendLine();
        text.AppendLine(F($"- Cores: `Environment.ProcessorCount` = {Environment.ProcessorCount}; CPU: {ReadField("/proc/cpuinfo", "model name", ':') ?? "unknown"}"));
        text.AppendLine(F($"- Memory: {MemorySnapshot.Mb(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)} available to .NET"));
        text.AppendLine(F($"- OS: {ReadField("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription} ({RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.OSArchitecture})"));
        text.AppendLine(F($"- .NET: {RuntimeInformation.FrameworkDescription}; GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {(GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent")}"));
        text.AppendLine(F($"- Build: {Configuration}"));
        text.AppendLine(F($"- Browser: Chromium {chromium} headless, driven by Playwright"));
        text.AppendLine("- Layout: the app runs inside the test process (in-process Kestrel on 127.0.0.1, SQLite, in-process bus), and so do the");
        text.AppendLine("  check-in clients. Chromium and the Playwright driver are separate processes on the same machine.");
        text.AppendLine();
        text.AppendLine(F($"## 300 participants check in within a minute"));
        text.AppendLine();
        text.AppendLine(F($"One session running now (started 5 minutes ago, grace 15 minutes) with {Participants} registered participants. Open in Chromium, signed in as trainer@demo.ma: the trainer's board (`/trainings/sessions/{{id}}/board`, {Participants} roster rows) and the projector (`/trainings/sessions/{{id}}/projector`, live count). Then {Participants} check-ins through `POST /api/checkin` (half by e-mail, half by personal code; the code the projector shows at that moment), in random order, due times spread evenly over {SpreadSeconds:0} s, at most {Concurrency} requests in flight (one `HttpClient`, keep-alive connections, all from 127.0.0.1). **Response** = the request's wall time in the client, from sending to the whole JSON answer. **Until the board shows it** = `Date.now()` in the board page when a MutationObserver sees that participant's row carry `data-status=\"Present\"` − `DateTime.UtcNow` in the client just before sending (the same machine's clock, 1 ms resolution in the page); **commit → board** takes the mark's saved time (`markedAt` in the answer) instead; **commit → hub client**: when a SignalR client of the region (`HubClient`, `JoinRegion(\"RSK\")`, in the test process) received the check-in's event: the way out of the server without the board's roster re-read and render. The path to the board: save → `WorkspaceChanges` (activity feed, bus) → the board's coalesced subscription (100 ms bursts) → re-read the roster → render diff over the circuit → DOM. Afterwards {Replays} of them check in again: all must be refused."));
        text.AppendLine();
        text.AppendLine(F($"Before measuring: {machine.Describe()}."));
        text.AppendLine();
        text.AppendLine("| Measure | Count | p50 | p95 | p99 | Max | Target |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        text.AppendLine(Row("Check-in response", responses, ResponseTargetMs));
        text.AppendLine(Row("Until the board shows it", toBoard, BoardTargetMs));
        text.AppendLine(Row("Commit → board", commitToBoard, null));
        text.AppendLine(Row("Commit → hub client", commitToHub, null));
        text.AppendLine();
        var ok = attempts.Count(a => a.Status == HttpStatusCode.OK);
        var refused = replays.Count(r => r.Status == HttpStatusCode.Conflict);
        text.AppendLine(F($"- Check-ins accepted: {ok} / {attempts.Length}; marks in the database: {marks} (distinct participants: must be {Participants}); rows showing a mark on the board at the end: {onBoard} / {Participants}."));
        text.AppendLine(F($"- Replays refused with 409 \"already present\": {refused} / {replays.Length}; marks unchanged."));
        text.AppendLine(F($"- Sending took {sendingTook.TotalSeconds:0.0} s; until the board showed the last: {cpu.Wall.TotalSeconds:0.0} s. CPU over that time: test process (app + clients) {cpu.Describe()}; whole machine (Chromium included) {cpu.DescribeMachine()}."));
        return text.ToString().TrimEnd() + "\n";
    }

    private static string Row(string label, LatencySamples samples, double? target)
    {
        var p95 = samples.Percentile(95);
        var verdict = target is { } t ? F($"p95 ≤ {t:0} ms: **{(p95 <= t ? "met" : "not met")}**") : "–";
        return F($"| {label} | {samples.Count} | {LatencySamples.Ms(samples.Percentile(50))} | {LatencySamples.Ms(p95)} | {LatencySamples.Ms(samples.Percentile(99))} | {LatencySamples.Ms(samples.Max)} | {verdict} |");
    }

    private static string? ReadField(string file, string name, char separator)
    {
        try
        {
            return File.ReadLines(file).Select(l => l.Split(separator, 2)).Where(p => p.Length == 2 && p[0].Trim() == name).Select(p => p[1].Trim()).FirstOrDefault();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RegionalWorkspace.Tests.Benchmarks;

/// <summary>
/// Live fan-out, measured: from a committed change to (a) N SignalR hub clients and (b) M browser pages; (c) memory per
/// idle region-dashboard circuit. Figures go to <c>docs/performance/realtime.md</c> (run <c>./bench.sh</c>). Timings are
/// reported, never asserted; correctness is asserted: every change reaches every client or page, exactly once.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
[TestCaseOrderer(DeclaredOrder.TypeName, DeclaredOrder.AssemblyName)]
public sealed class RealtimeFanOutBenchmarks(BrowserFixture browser, FanOutReport report, ITestOutputHelper output) : IClassFixture<FanOutReport>
{
    private const int HubChanges = 30;
    private const int PageChanges = 10;
    private const int IdleDashboards = 25;
    private const double HubTargetMs = 150;
    private const int HubTargetClients = 1_000;
    private const double PageTargetMs = 100;
    private const int PageTargetPages = 25;
    private const double CircuitTargetKb = 400;

    private static readonly int[] s_hubClientCounts = [100, 500, 1_000];
    private static readonly int[] s_pageCounts = [10, 25];

    /// <summary>Accounts that may read Rabat-Salé-Kénitra, taken in turn by the browser pages (each page has its own context and cookie).</summary>
    private static readonly string[] s_viewers =
        ["leadership@demo.ma", "cese@demo.ma", "admin@demo.ma", "arm@demo.ma", "dgct@demo.ma", "trainer@demo.ma", "officer.rsk@demo.ma"];

    private static Dictionary<string, string?> Settings => new()
    {
        ["Logging:LogLevel:Default"] = "Error",
        // The production default (the tests' 1 s would add a database query per circuit and hub sweep every second).
        ["Accounts:RevalidationInterval"] = "00:00:05",
    };

    private readonly Dictionary<string, CookieContainer> _sessions = [];

    private static string F(FormattableString text) => FormattableString.Invariant(text);

    // ---------------------------------------------------------------------------------------------------------------
    // (a) Hub clients

    [Fact]
    [RunOrder(3)]
    public async Task HubClients_EveryChangeReachesEveryClientExactlyOnce()
    {
        await using var host = await AppHost.StartAsync(Settings);
        report.ChromiumVersion = browser.Browser.Version;
        using var changer = await MemberChanger.CreateAsync(host);
        var cookies = await HubClient.SignInAsync(host.BaseUrl, "leadership@demo.ma");

        // Warm-up (not reported): JIT and first-use costs of the connection, group send and update paths.
        await MeasureHubAsync(host, cookies, changer, clients: 10, changes: 3, "warm-up");

        var machine = await MachineLoad.SampleAsync();
        var runs = new List<HubRun>();
        foreach (var clients in s_hubClientCounts)
        {
            runs.Add(await MeasureHubAsync(host, cookies, changer, clients, HubChanges, F($"{clients}")));
        }

        Publish("a", HubSection(runs, machine));

        foreach (var run in runs)
        {
            Assert.True(run.Problems.Count == 0, F($"{run.Clients} hub clients: {string.Join("; ", run.Problems)}"));
        }
    }

    private static async Task<HubRun> MeasureHubAsync(AppHost host, CookieContainer cookies, MemberChanger changer, int clients, int changes, string label)
    {
        var all = new Countdown(clients * changes);
        var receivers = Enumerable.Range(0, clients).Select(_ => new Receiver(all)).ToArray();
        var connections = new HubClient?[clients];
        var problems = new List<string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            var connecting = CpuMeter.Start();
            await Parallel.ForEachAsync(
                Enumerable.Range(0, clients),
                new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = deadline.Token },
                async (i, ct) =>
                {
                    var client = await HubClient.ConnectAsync(host.BaseUrl, cookies).WaitAsync(TimeSpan.FromSeconds(30), ct);
                    connections[i] = client;
                    // Receipt time is taken in the handler itself, when SignalR hands over the message.
                    client.Connection.On<WorkspaceEvent>(WorkspaceHub.ChangeMethod, receivers[i].Receive);
                    await client.Connection.InvokeAsync("JoinAllRegions", ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
                });
            var connected = connecting.Stop();
            var descriptors = OpenFileDescriptors();
            if (host.Get<HubConnections>().Count != clients)
            {
                problems.Add(F($"the hub counts {host.Get<HubConnections>().Count} open connections, expected {clients}"));
            }

            var cpu = CpuMeter.Start();
            var published = new List<PublishedChange>();
            using (var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(100)))
            {
                for (var k = 0; k < changes; k++)
                {
                    published.Add(await changer.ChangeAsync(F($"Hub {label} #{k} {Guid.NewGuid():N}")[..40]));
                    if (k < changes - 1)
                    {
                        // Pacing, not synchronisation: one change every 100 ms.
                        await pace.WaitForNextTickAsync(deadline.Token);
                    }
                }
            }

            var complete = await all.WaitAsync(TimeSpan.FromSeconds(30));
            var usage = cpu.Stop();
            if (complete)
            {
                // Every expected message is in. A duplicate would arrive on top of them: give one a moment to show up
                // (a check for extra messages, not a wait for expected ones).
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }

            return HubRun.From(clients, changes, published, receivers, problems, usage, connected.Wall) with { OpenFiles = descriptors };
        }
        finally
        {
            await Parallel.ForEachAsync(connections.OfType<HubClient>(), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());
            Assert.True(await WaitUntilAsync(() => host.Get<HubConnections>().Count == 0, TimeSpan.FromSeconds(30)), "Hub connections still open after disposal.");
        }
    }

    private static string HubSection(IReadOnlyList<HubRun> runs, MachineLoad machine)
    {
        var text = new StringBuilder();
        text.AppendLine("## (a) Hub clients (`/hubs/workspace`)");
        text.AppendLine();
        text.AppendLine(F($"Each client is a real SignalR client (`HubClient.ConnectAsync`: negotiate, WebSockets, JSON protocol) signed in as leadership@demo.ma (one `POST /api/session` cookie, reused) that called `JoinAllRegions`. Then {HubChanges} changes to one member's organisation through `BodiesService.UpdateMemberAsync` as officer.rsk@demo.ma, one every 100 ms (its current version re-read before each). Latency of a (change, client) pair = `DateTime.UtcNow` inside the client's `On(\"change\")` handler − the event's `AtUtc`, which `WorkspaceChanges` stamps right after the member's commit (so it includes the activity-feed insert, the bus and the hub group send). A warm-up round (10 clients, 3 changes) is not counted."));
        text.AppendLine();
        text.AppendLine(F($"Before measuring: {machine.Describe()}."));
        text.AppendLine();
        text.AppendLine("| Clients | Delivered / expected | Lost | Duplicates | p50 | p95 | p99 | Max | Target |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var run in runs)
        {
            var p95 = run.Latency.Percentile(95);
            var target = run.Clients == HubTargetClients ? F($"p95 ≤ {HubTargetMs:0} ms: **{(p95 <= HubTargetMs ? "met" : "not met")}**") : "–";
            text.AppendLine(F($"| {run.Clients:N0} | {run.Received:N0} / {run.Expected:N0} | {run.Lost} | {run.Duplicates} | {LatencySamples.Ms(run.Latency.Percentile(50))} | {LatencySamples.Ms(p95)} | {LatencySamples.Ms(run.Latency.Percentile(99))} | {LatencySamples.Ms(run.Latency.Max)} | {target} |"));
        }

        text.AppendLine();
        text.AppendLine("Where the time goes (medians over the changes) and what it costs:");
        text.AppendLine();
        text.AppendLine("| Clients | Commit → bus past the hub forwarder | Save call, whole (`UpdateMemberAsync`) | Commit → first client | First → last client | CPU, test process (app + clients) | CPU, whole machine | Connect + join all | Open files, test process |");
        text.AppendLine("|---:|---:|---:|---:|---:|---|---:|---:|---:|");
        foreach (var run in runs)
        {
            text.AppendLine(F($"| {run.Clients:N0} | {LatencySamples.Ms(run.PublishMedian)} | {LatencySamples.Ms(run.SaveMedian)} | {LatencySamples.Ms(run.FirstClientMedian)} | {LatencySamples.Ms(run.SpreadMedian)} | {run.Cpu.Describe()} | {run.Cpu.DescribeMachine()} | {run.ConnectTime.TotalSeconds:0.0} s | {(run.OpenFiles < 0 ? "?" : run.OpenFiles.ToString("N0", CultureInfo.InvariantCulture))} |"));
        }

        text.AppendLine();
        text.AppendLine("\"Commit → bus past the hub forwarder\": from `AtUtc` until the in-process bus, which calls its handlers one after the other on the saving thread, reached the benchmark's handler, subscribed after the app's `HubForwarder`: the activity-feed insert plus the forwarder's synchronous part of the group sends. CPU is measured from the first change until the last message arrived (mostly 100 ms pauses between changes). The hub clients run in the same process as the app, so the process figure includes the clients' own receive work (WebSocket frames, JSON, handlers), and clients and app compete for the same cores.");
        return text.ToString();
    }

    private sealed record HubRun(
        int Clients,
        int Expected,
        int Received,
        int Lost,
        int Duplicates,
        LatencySamples Latency,
        double FirstClientMedian,
        double SpreadMedian,
        double PublishMedian,
        double SaveMedian,
        CpuUsage Cpu,
        TimeSpan ConnectTime,
        List<string> Problems)
    {
        /// <summary>File descriptors open in the test process with every client connected (-1 where unknown).</summary>
        public int OpenFiles { get; init; } = -1;

        public static HubRun From(int clients, int changes, List<PublishedChange> published, Receiver[] receivers, List<string> problems, CpuUsage cpu, TimeSpan connectTime)
        {
            var expected = published.Select(p => p.Event.Id).ToHashSet();
            var latency = new LatencySamples();
            int received = 0, lost = 0, duplicates = 0, unexpected = 0;
            var byChange = new Dictionary<Guid, List<Receipt>>();
            foreach (var receiver in receivers)
            {
                var receipts = receiver.Snapshot();
                received += receipts.Count;
                duplicates += receipts.Count - receipts.Select(r => r.Id).Distinct().Count();
                unexpected += receipts.Count(r => !expected.Contains(r.Id));
                lost += expected.Count(id => receipts.All(r => r.Id != id));
                foreach (var receipt in receipts.Where(r => expected.Contains(r.Id)))
                {
                    latency.Add(receipt.LatencyMs);
                    (byChange.TryGetValue(receipt.Id, out var list) ? list : byChange[receipt.Id] = []).Add(receipt);
                }
            }

            if (lost > 0)
            {
                problems.Add(F($"{lost} of {clients * changes} deliveries lost"));
            }

            if (duplicates > 0)
            {
                problems.Add(F($"{duplicates} duplicate deliveries"));
            }

            if (unexpected > 0)
            {
                problems.Add(F($"{unexpected} unexpected messages"));
            }

            var first = new LatencySamples();
            var spread = new LatencySamples();
            foreach (var receipts in byChange.Values)
            {
                first.Add(receipts.Min(r => r.LatencyMs));
                spread.Add(receipts.Max(r => r.LatencyMs) - receipts.Min(r => r.LatencyMs));
            }

            var publish = new LatencySamples();
            publish.AddRange(published.Select(p => p.PublishMs));
            var save = new LatencySamples();
            save.AddRange(published.Select(p => p.SaveDuration.TotalMilliseconds));
            return new HubRun(clients, clients * changes, received, lost, duplicates, latency, first.Percentile(50), spread.Percentile(50),
                publish.Percentile(50), save.Percentile(50), cpu, connectTime, problems);
        }
    }

    /// <summary>How many files (sockets included) this process has open, from <c>/proc/self/fd</c>; -1 elsewhere.</summary>
    private static int OpenFileDescriptors()
    {
        try
        {
            return Directory.GetFileSystemEntries("/proc/self/fd").Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    private sealed record Receipt(Guid Id, double LatencyMs);

    /// <summary>What one hub client received, with the latency computed the moment it arrived.</summary>
    private sealed class Receiver(Countdown all)
    {
        private readonly Lock _gate = new();
        private readonly List<Receipt> _receipts = [];

        public void Receive(WorkspaceEvent e)
        {
            var latency = (DateTime.UtcNow - e.AtUtc).TotalMilliseconds;
            lock (_gate)
            {
                _receipts.Add(new Receipt(e.Id, latency));
            }

            all.Signal();
        }

        public List<Receipt> Snapshot()
        {
            lock (_gate)
            {
                return [.. _receipts];
            }
        }
    }

    /// <summary>Completes when <paramref name="expected"/> signals have arrived.</summary>
    private sealed class Countdown(int expected)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public void Signal()
        {
            if (Interlocked.Increment(ref _count) >= expected)
            {
                _done.TrySetResult();
            }
        }

        public async Task<bool> WaitAsync(TimeSpan timeout)
        {
            try
            {
                await _done.Task.WaitAsync(timeout);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (b) Browser pages

    /// <summary>
    /// Added to every page before it loads: notes when each WebSocket frame arrives in the page (<c>Date.now()</c>, before
    /// Blazor's own handler runs), so that a change's latency can be split into "until the page handled the frame" and
    /// "applying it".
    /// </summary>
    private const string RecordFrames = """
        (() => {
          const Native = window.WebSocket;
          window.__rwLastFrameAt = 0;
          window.WebSocket = class extends Native {
            constructor(...args) {
              super(...args);
              this.addEventListener('message', () => { window.__rwLastFrameAt = Date.now(); });
            }
          };
        })();
        """;

    /// <summary>
    /// Installs, in a page, a promise <c>window.__rwSeen</c> that resolves the moment the members table first contains
    /// <c>marker</c> (a MutationObserver runs in the same task as Blazor's DOM update) with [Date.now(), rows containing
    /// the marker, when the frame that brought the change arrived], or with a first element of -1 after <c>timeoutMs</c>.
    /// </summary>
    private const string InstallObserver = """
        ({ marker, timeoutMs }) => {
          if (!document.querySelector('#members-table tbody')) throw new Error('members table missing');
          if (window.__rwObserver) window.__rwObserver.disconnect();
          window.__rwSeen = new Promise(resolve => {
            const rows = () => [...document.querySelectorAll('#members-table tbody tr')].filter(r => r.textContent.includes(marker)).length;
            const observer = new MutationObserver(() => {
              const tbody = document.querySelector('#members-table tbody');
              if (tbody && tbody.textContent.includes(marker)) {
                const at = Date.now();
                observer.disconnect();
                resolve([at, rows(), window.__rwLastFrameAt]);
              }
            });
            window.__rwObserver = observer;
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            setTimeout(() => { observer.disconnect(); resolve([-1, rows(), 0]); }, timeoutMs);
          });
        }
        """;

    [Fact]
    [RunOrder(2)]
    public async Task BrowserPages_EveryChangeAppearsOnEveryPageExactlyOnce()
    {
        await using var host = await AppHost.StartAsync(Settings);
        using var metrics = new AppMetrics(host);
        report.ChromiumVersion = browser.Browser.Version;
        var runs = new List<PageRun>();
        var pages = new List<IPage>();
        var relays = new List<TimedRelay>();
        var machine = await MachineLoad.SampleAsync();
        try
        {
            using var changer = await MemberChanger.CreateAsync(host);
            // The saving side's own queries (re-read, update, activity), measured with no page open.
            var queriesBefore = metrics.QueriesSoFar();
            await changer.ChangeAsync(F($"Alone {Guid.NewGuid():N}")[..30]);
            var savingQueries = metrics.QueriesSoFar() - queriesBefore;
            foreach (var count in s_pageCounts)
            {
                while (relays.Count < count)
                {
                    relays.Add(new TimedRelay(host.BaseUrl));
                }

                await OpenPagesAsync(host, pages, count, $"/bodies/{changer.BodyId}", "#members-table tbody tr", RecordFrames, i => relays[i].Url);
                Assert.True(
                    await WaitUntilAsync(() => metrics.Connected == count && metrics.Active == count, TimeSpan.FromSeconds(30)),
                    F($"{count} pages, but {metrics.Active} circuits of which {metrics.Connected} connected."));

                // Warm-up change (not counted): the new circuits' first live update.
                await ChangeOnPagesAsync(pages, relays, changer, metrics, F($"Warm-up {count} {Guid.NewGuid():N}")[..30]);

                var run = new PageRun(count, savingQueries);
                var cpu = CpuMeter.Start();
                for (var k = 0; k < PageChanges; k++)
                {
                    var change = await ChangeOnPagesAsync(pages, relays, changer, metrics, F($"Page {count} #{k} {Guid.NewGuid():N}")[..30]);
                    Log(F($"{count} pages, change {k}: p50 {change.Latency.Percentile(50):0} ms, max {change.Latency.Max:0} ms; first page: {change.FirstPageTimeline}"));
                    run.Add(change);
                }

                run.Cpu = cpu.Stop();
                runs.Add(run);
            }
        }
        finally
        {
            await ClosePagesAsync(pages, metrics);
            foreach (var relay in relays)
            {
                await relay.DisposeAsync();
            }
        }

        Publish("b", PageSection(runs, machine));

        foreach (var run in runs)
        {
            Assert.True(run.Problems.Count == 0, F($"{run.Pages} pages: {string.Join("; ", run.Problems.Take(10))}"));
        }
    }

    private static async Task<PageChange> ChangeOnPagesAsync(List<IPage> pages, List<TimedRelay> relays, MemberChanger changer, AppMetrics metrics, string marker)
    {
        await Task.WhenAll(pages.Select(p => p.EvaluateAsync(InstallObserver, new { marker, timeoutMs = 15_000 })));
        var pending = pages.Select(p => p.EvaluateAsync<double[]>("() => window.__rwSeen")).ToList();
        // Pacing, not synchronisation: at least 300 ms between changes, so that each is a lone change for the pages'
        // coalescers (100 ms bursts) rather than part of a burst.
        var pace = Task.Delay(TimeSpan.FromMilliseconds(300));

        var queriesBefore = metrics.QueriesSoFar();
        var cpu = CpuMeter.Start();
        var change = await changer.ChangeAsync(marker);
        var results = await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(30));
        var result = new PageChange
        {
            Cpu = cpu.Stop(),
            Queries = metrics.QueriesSoFar() - queriesBefore,
            Batches = metrics.DiffsSince(change.Event.AtUtc).Count,
        };
        var end = DateTime.UtcNow;
        await pace;

        var committed = change.Event.AtUtc;
        var committedMs = (committed - DateTime.UnixEpoch).TotalMilliseconds;
        for (var i = 0; i < results.Length; i++)
        {
            var (seenMs, rows, frameMs) = (results[i][0], (int)results[i][1], results[i][2]);
            if (seenMs < 0)
            {
                result.Problems.Add(F($"page {i} never showed \"{marker}\""));
                continue;
            }

            if (rows != 1)
            {
                result.Problems.Add(F($"page {i} showed \"{marker}\" in {rows} rows"));
            }

            result.Latency.Add(seenMs - committedMs);
            result.Apply.Add(seenMs - frameMs);

            // What the app sent this page (its own relay) after the commit: the first bytes, and the last bytes before
            // the page handled the frame that carried the change (page times are whole milliseconds).
            var sent = relays[i].FromServerBetween(committed, end);
            if (i == 0)
            {
                var traffic = relays[i].Between(committed, end).Select(c => F($"{(c.FromServer ? "app→" : "page→")}{(c.AtUtc - committed).TotalMilliseconds:0}ms/{c.Bytes}B"));
                result.FirstPageTimeline = F($"frame handled at {frameMs - committedMs:0} ms, DOM at {seenMs - committedMs:0} ms; traffic: {string.Join(" ", traffic)}");
            }

            var frame = DateTime.UnixEpoch.AddMilliseconds(frameMs + 1);
            if (sent.Count > 0 && sent.Where(c => c.AtUtc <= frame).DefaultIfEmpty().Max(c => c?.AtUtc) is { } carrying)
            {
                result.FirstBytes.Add((sent.Min(c => c.AtUtc) - committed).TotalMilliseconds);
                result.ChangeSent.Add((carrying - committed).TotalMilliseconds);
                result.Delivery.Add(Math.Max(0, frameMs - (carrying - DateTime.UnixEpoch).TotalMilliseconds));
            }
        }

        return result;
    }

    private static string PageSection(IReadOnlyList<PageRun> runs, MachineLoad machine)
    {
        var text = new StringBuilder();
        text.AppendLine("## (b) Browser pages (Blazor Server circuits)");
        text.AppendLine();
        text.AppendLine(F($"M browser contexts (each its own cookie jar, holding the sign-in cookie of one of {s_viewers.Length} demo accounts taken in turn, issued by `POST /api/session`) on `/bodies/{{id}}` of the Rabat-Salé-Kénitra youth council, each showing its members table. For each of {PageChanges} changes (after one uncounted warm-up change per M), a MutationObserver is installed in every page; the member's organisation is then set to a unique marker through `BodiesService.UpdateMemberAsync`; latency = `Date.now()` in the page when the marker first appears in the table − the change event's `AtUtc` (captured from the bus). Browser and app share the machine's clock (1 ms resolution in the page). The path: bus → the page's coalesced subscription → re-read what changed → render → diff over the circuit's WebSocket → DOM. Changes are at least 300 ms apart, and the next starts only once every page showed the last."));
        text.AppendLine();
        text.AppendLine(F($"Before measuring: {machine.Describe()}."));
        text.AppendLine();
        text.AppendLine("| Pages | Changes | Seen / expected | p50 | p95 | p99 | Max | Target |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var run in runs)
        {
            var p95 = run.Latency.Percentile(95);
            var target = run.Pages == PageTargetPages ? F($"p95 ≤ {PageTargetMs:0} ms: **{(p95 <= PageTargetMs ? "met" : "not met")}**") : "–";
            text.AppendLine(F($"| {run.Pages} | {PageChanges} | {run.Latency.Count} / {run.Pages * PageChanges} | {LatencySamples.Ms(run.Latency.Percentile(50))} | {LatencySamples.Ms(p95)} | {LatencySamples.Ms(run.Latency.Percentile(99))} | {LatencySamples.Ms(run.Latency.Max)} | {target} |"));
        }

        text.AppendLine();
        text.AppendLine("Where the time goes (p50 / p95 over pages × changes). The last three columns add up to the latency above:");
        text.AppendLine();
        text.AppendLine("| Pages | App: commit → first bytes to the page | App: commit → sent the frame carrying the change | Sent → the page handled that frame | Page: frame → DOM updated |");
        text.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            text.AppendLine(F($"| {run.Pages} | {Pair(run.FirstBytes)} | {Pair(run.ChangeSent)} | {Pair(run.Delivery)} | {Pair(run.Apply)} |"));
        }

        text.AppendLine();
        text.AppendLine("What it costs:");
        text.AppendLine();
        text.AppendLine("| Pages | DB queries per page per change | Render batches per page per change | Test-process CPU per page per change | Test-process CPU while changes propagate | Whole machine, whole series (incl. Chromium) |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            text.AppendLine(F($"| {run.Pages} | {run.QueriesPerPage:0.0} | {run.BatchesPerPage:0.0} | {LatencySamples.Ms(run.CpuMsPerPage)} | {run.CpuPercentOfAllCores:0} % of {Environment.ProcessorCount} cores | {run.Cpu?.DescribeMachine()} |"));
        }

        if (runs.Count >= 2 && runs[^1].Pages > runs[0].Pages)
        {
            // Per-change CPU at the largest M less that at the smallest, per extra page: what one more open page costs,
            // without the per-change share that does not grow with pages (the save, the Playwright traffic).
            var (small, large) = (runs[0], runs[^1]);
            var marginal = ((large.CpuMsPerPage * large.Pages) - (small.CpuMsPerPage * small.Pages)) / (large.Pages - small.Pages);
            text.AppendLine();
            text.AppendLine(F($"One more open page costs the test process about {LatencySamples.Ms(marginal)} of CPU per change (per-change CPU at {large.Pages} pages less that at {small.Pages}, divided by {large.Pages - small.Pages}); {large.Pages} pages ≈ {LatencySamples.Ms(marginal * large.Pages)} of CPU per change, ≈ {LatencySamples.Ms(marginal * large.Pages / Environment.ProcessorCount)} spread over {Environment.ProcessorCount} cores."));
        }

        text.AppendLine();
        text.AppendLine("Each page reaches the app through its own in-process loopback relay (one extra loopback hop), which notes when the app's bytes reach it: the \"app\" columns, when the app sent that page something, whatever the page was doing. \"Sent → handled\" runs until the page's WebSocket `message` event fired (an init script notes it before Blazor's handler runs): transport, plus the wait for the page's renderer to get the CPU. \"Frame → DOM\" is Blazor applying the batch. Render batches are counted from the app's `aspnetcore.components.render_diff.duration` metric; queries from EF Core's `microsoft.entityframeworkcore.queries`, less those of the save itself (measured once with no page open). Test-process CPU is counted from each change until every page showed it: the app's work for all pages (plus the relays' and the Playwright client's small share). Chromium's renderers (one process per page, software rendering) share the same 2 cores.");
        return text.ToString();
    }

    private static string Pair(LatencySamples samples) => $"{LatencySamples.Ms(samples.Percentile(50))} / {LatencySamples.Ms(samples.Percentile(95))}";

    private sealed class PageChange
    {
        public long Queries { get; init; }

        public int Batches { get; init; }

        public required CpuUsage Cpu { get; init; }

        public LatencySamples Latency { get; } = new();

        public LatencySamples FirstBytes { get; } = new();

        public LatencySamples ChangeSent { get; } = new();

        public LatencySamples Delivery { get; } = new();

        public LatencySamples Apply { get; } = new();

        public List<string> Problems { get; } = [];

        /// <summary>For the test output: what happened on the first page, after the commit.</summary>
        public string? FirstPageTimeline { get; set; }
    }

    private sealed class PageRun(int pages, long savingQueries)
    {
        private int _changes;
        private long _queries;
        private int _batches;
        private TimeSpan _cpu;
        private TimeSpan _wall;

        public int Pages => pages;

        /// <summary>Queries the pages ran, per change and page (the saving side's own queries taken off).</summary>
        public double QueriesPerPage => _changes == 0 ? double.NaN : (_queries - (_changes * savingQueries)) / (double)(_changes * pages);

        public double BatchesPerPage => _changes == 0 ? double.NaN : _batches / (double)(_changes * pages);

        /// <summary>CPU of the test process from each change until every page showed it, per change and page.</summary>
        public double CpuMsPerPage => _changes == 0 ? double.NaN : _cpu.TotalMilliseconds / (_changes * pages);

        /// <summary>The test process's CPU over the same windows, as a share of all cores.</summary>
        public double CpuPercentOfAllCores => _wall <= TimeSpan.Zero ? double.NaN : 100 * _cpu / _wall / Environment.ProcessorCount;

        public LatencySamples Latency { get; } = new();

        public LatencySamples FirstBytes { get; } = new();

        public LatencySamples ChangeSent { get; } = new();

        public LatencySamples Delivery { get; } = new();

        public LatencySamples Apply { get; } = new();

        public List<string> Problems { get; } = [];

        public CpuUsage? Cpu { get; set; }

        public void Add(PageChange change)
        {
            _changes++;
            _queries += change.Queries;
            _batches += change.Batches;
            _cpu += change.Cpu.ProcessTime;
            _wall += change.Cpu.Wall;
            Latency.AddRange(change.Latency.Values);
            FirstBytes.AddRange(change.FirstBytes.Values);
            ChangeSent.AddRange(change.ChangeSent.Values);
            Delivery.AddRange(change.Delivery.Values);
            Apply.AddRange(change.Apply.Values);
            Problems.AddRange(change.Problems);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (c) Memory per idle dashboard circuit

    [Fact]
    [RunOrder(1)]
    public async Task IdleDashboards_MemoryPerCircuit()
    {
        await using var host = await AppHost.StartAsync(Settings);
        using var metrics = new AppMetrics(host);
        report.ChromiumVersion = browser.Browser.Version;
        var pages = new List<IPage>();
        var machine = await MachineLoad.SampleAsync();
        MemoryRun run;
        try
        {
            // One dashboard first, not counted: first-use costs (JIT, component metadata, caches) are not per circuit.
            await OpenPagesAsync(host, pages, 1, "/regions/RSK", "#region-dashboard");
            Assert.True(await WaitUntilAsync(() => metrics.Connected == 1, TimeSpan.FromSeconds(30)), "The first dashboard has no connected circuit.");
            await SettleAsync();
            var before = MemorySnapshot.Take();

            await OpenPagesAsync(host, pages, 1 + IdleDashboards, "/regions/RSK", "#region-dashboard");
            var allConnected = await WaitUntilAsync(() => metrics.Connected == 1 + IdleDashboards && metrics.Active == 1 + IdleDashboards, TimeSpan.FromSeconds(30));
            var openCircuits = metrics.Active;
            await SettleAsync();
            var idle = CpuMeter.Start();
            await SettleAsync();
            var idleCpu = idle.Stop();
            var after = MemorySnapshot.Take();
            var interactive = (await Task.WhenAll(pages.Select(p => p.Locator("#rw-render-state[data-interactive='true']").CountAsync()))).Sum();
            var elements = await pages[^1].EvaluateAsync<int>("() => document.querySelectorAll('*').length");

            // Leave the 25 dashboards (their circuits end) and see how much the app gives back.
            await Task.WhenAll(pages.Skip(1).Select(p => p.GotoAsync("about:blank")));
            var released = await WaitUntilAsync(() => metrics.Active == 1, TimeSpan.FromSeconds(30));
            var afterLeaving = MemorySnapshot.Take();

            run = new MemoryRun(before, after, afterLeaving, idleCpu, openCircuits, released, elements);
            Publish("c", MemorySection(run, machine));
            Assert.True(allConnected, F($"{1 + IdleDashboards} dashboards, but {openCircuits} circuits."));
            Assert.Equal(1 + IdleDashboards, interactive);
            Assert.True(released, F($"{metrics.Active} circuits still alive after leaving the dashboards."));
        }
        finally
        {
            await ClosePagesAsync(pages, metrics);
        }
    }

    private sealed record MemoryRun(MemorySnapshot Before, MemorySnapshot After, MemorySnapshot AfterLeaving, CpuUsage IdleCpu, long OpenCircuits, bool Released, int DomElements);

    private static string MemorySection(MemoryRun run, MachineLoad machine)
    {
        var managed = run.After.ManagedBytes - run.Before.ManagedBytes;
        var workingSet = run.After.WorkingSetBytes - run.Before.WorkingSetBytes;
        var freed = run.After.ManagedBytes - run.AfterLeaving.ManagedBytes;
        var perCircuit = workingSet / (double)IdleDashboards;
        var text = new StringBuilder();
        text.AppendLine("## (c) Memory per idle dashboard circuit");
        text.AppendLine();
        text.AppendLine(F($"{IdleDashboards} browser contexts (signed in as in (b)) left idle on the region dashboard `/regions/RSK` (`#region-dashboard` shown, circuit connected: {run.OpenCircuits} circuits counted by ASP.NET Core's `aspnetcore.components.circuit.active` metric, the {IdleDashboards} and one uncounted dashboard opened first to absorb first-use costs; the page has {run.DomElements:N0} DOM elements). Memory of the test process after `GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();`, before opening the {IdleDashboards} and after they settled for a few seconds; growth divided by {IdleDashboards}. Then the {IdleDashboards} pages navigate away (`about:blank`, their circuits end) and the managed heap is measured again: what the app gives back is the circuits' own state."));
        text.AppendLine();
        text.AppendLine(F($"Before measuring: {machine.Describe()}."));
        text.AppendLine();
        text.AppendLine("| Dashboards | Working set before → after | Working-set growth per circuit | Managed heap before → after | Managed growth per circuit | Managed heap freed per circuit on leaving | CPU with all idle (test process) | Target |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---|---|");
        text.AppendLine(F($"| {IdleDashboards} | {MemorySnapshot.Mb(run.Before.WorkingSetBytes)} → {MemorySnapshot.Mb(run.After.WorkingSetBytes)} | {MemorySnapshot.Kb(perCircuit)} | {MemorySnapshot.Mb(run.Before.ManagedBytes)} → {MemorySnapshot.Mb(run.After.ManagedBytes)} | {MemorySnapshot.Kb(managed / (double)IdleDashboards)} | {(run.Released ? MemorySnapshot.Kb(freed / (double)IdleDashboards) : "– (circuits not released)")} | {run.IdleCpu.Describe()} | ≤ {CircuitTargetKb:0} KB per circuit (working set): **{(perCircuit / 1024 <= CircuitTargetKb ? "met" : "not met")}** |"));
        text.AppendLine();
        text.AppendLine("The test process holds the app, xunit and the Playwright .NET client (its objects for each context, page, frame and request); Chromium and the Playwright driver are other processes and are not counted. So the growth on opening is an upper bound for the app; the heap freed on leaving counts only what the ended circuits held. Working set also moves with the GC's heap sizing (memory the GC keeps after a collection), so read it beside the managed figures.");
        return text.ToString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shared

    /// <summary>
    /// Opens pages until there are <paramref name="count"/>, each in its own context on <paramref name="url"/>, signed in
    /// with the cookie <c>POST /api/session</c> issues (the same cookie as the sign-in form's, without a second page load
    /// per context; the form itself is covered by the sign-in tests).
    /// </summary>
    private async Task OpenPagesAsync(AppHost host, List<IPage> pages, int count, string url, string readySelector, string? initScript = null, Func<int, Uri>? through = null)
    {
        var fresh = new List<IPage>();
        while (pages.Count + fresh.Count < count)
        {
            // One at a time: the fixture's list of contexts is not thread-safe.
            var baseUrl = through?.Invoke(pages.Count + fresh.Count) ?? host.BaseUrl;
            var page = await browser.NewPageAsync(baseUrl);
            if (initScript is not null)
            {
                await page.Context.AddInitScriptAsync(initScript);
            }

            await page.Context.AddCookiesAsync(await SessionAsync(host, s_viewers[(pages.Count + fresh.Count) % s_viewers.Length], baseUrl));
            fresh.Add(page);
        }

        Log(F($"opening {fresh.Count} pages on {url}"));
        // A few page loads at a time.
        await Parallel.ForEachAsync(fresh, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (page, _) =>
        {
            await page.GotoInteractiveAsync(url);
            await page.Locator(readySelector).First.WaitForAsync();
        });
        pages.AddRange(fresh);
        Log(F($"{pages.Count} pages open"));
    }

    private async Task<IReadOnlyList<Microsoft.Playwright.Cookie>> SessionAsync(AppHost host, string email, Uri url)
    {
        if (!_sessions.TryGetValue(email, out var jar))
        {
            jar = await HubClient.SignInAsync(host.BaseUrl, email);
            _sessions[email] = jar;
        }

        return jar.GetAllCookies()
            .Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Url = url.ToString(), HttpOnly = c.HttpOnly, SameSite = SameSiteAttribute.Lax })
            .ToList();
    }

    /// <summary>Leaves every page (Blazor ends a circuit when its page unloads) and waits for the app to end them, then closes the contexts.</summary>
    private async Task ClosePagesAsync(List<IPage> pages, AppMetrics metrics)
    {
        try
        {
            Log("leaving the pages");
            await Task.WhenAll(pages.Select(p => p.GotoAsync("about:blank")));
            var ended = await WaitUntilAsync(() => metrics.Active == 0, TimeSpan.FromSeconds(15));
            Log(F($"circuits ended: {ended}"));
        }
        finally
        {
            await browser.CloseContextsAsync();
        }
    }

    /// <summary>Lets an idle app settle (presence broadcasts, circuit start-up work) before a memory or CPU reading.</summary>
    private static Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(3));

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!condition())
        {
            try
            {
                await poll.WaitForNextTickAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                return condition();
            }
        }

        return true;
    }

    private void Log(string message) => output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss.fff}] {message}");

    private void Publish(string key, string section)
    {
        var whole = report.Set(key, section);
        output.WriteLine(whole);
        output.WriteLine($"Written to {FanOutReport.Path}");
    }
}

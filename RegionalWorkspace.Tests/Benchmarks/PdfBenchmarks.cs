using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Pdf;
using RegionalWorkspace.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RegionalWorkspace.Tests.Benchmarks;

/// <summary>
/// The PDF engine, measured on the real region summary (<see cref="RegionReportDocument"/> through
/// <see cref="PdfEngine.RenderAsync{TComponent}"/>, as the export does) with synthetic data of ≈ 1, 10 and 50 pages, in
/// French and Arabic: (a) time and peak memory of one document, cold and warm; (b) documents and pages per second at
/// <c>Pdf:Concurrency</c> 1, 2 and 4; (c) memory after 10 and after 500 documents. Figures go to
/// <c>docs/performance/pdf.md</c> (run <c>./bench.sh</c>). Timings are reported, never asserted; correctness is asserted:
/// every document is a PDF with the expected title, page count and text.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
[TestCaseOrderer(DeclaredOrder.TypeName, DeclaredOrder.AssemblyName)]
public sealed class PdfBenchmarks(BrowserFixture browser, PdfReport report, ITestOutputHelper output) : IClassFixture<PdfReport>
{
    private const int ColdRuns = 3;
    private const int WarmUps = 1;
    private const int WarmRuns = 5;
    private const double WarmTargetSeconds = 1.5;
    private const int WarmTargetPages = 50;
    private const double PagesPerSecondTarget = 40;
    private const int ThroughputPages = 10;
    private const int ThroughputDocuments = 40;
    private const int LeakDocuments = 500;

    private static readonly int[] s_concurrencies = [1, 2, 4];
    private static readonly int[] s_leakCheckpoints = [10, 100, 250, LeakDocuments];
    private static readonly TimeSpan s_throughputTimeLimit = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan s_leakTimeLimit = TimeSpan.FromSeconds(100);

    private static Dictionary<string, string?> Settings(int? concurrency = null)
    {
        var settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" };
        if (concurrency is { } c)
        {
            settings["Pdf:Concurrency"] = c.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }

    private static string F(FormattableString text) => FormattableString.Invariant(text);

    // ---------------------------------------------------------------------------------------------------------------
    // (a) One document, cold and warm

    [Fact]
    [RunOrder(2)]
    public async Task OneDocument_ColdAndWarm_TimeAndPeakMemory()
    {
        await using var host = await AppHost.StartAsync(Settings());
        report.ChromiumVersion = F($"Chromium {browser.Browser.Version} ({host.Get<PdfEngine>().BrowserPath})");
        var documents = Documents(host);
        var machine = await MachineLoad.SampleAsync();
        var load = LoadAverage();
        var problems = new List<string>();
        var sampling = new SamplerCost();

        // The first document of the freshly started app, on its own engine: Chromium's launch and the first page.
        var first = documents[0];
        Log("first document of the app");
        var firstRun = await TimedAsync(host.Get<PdfEngine>(), first, sampling);
        Check(first, firstRun.Pdf, problems, "first");

        var rows = documents.Select(d => new DocumentRow(d)).ToList();
        foreach (var row in rows)
        {
            // Cold: a new engine (same settings, assets and services as the app's), whose first document launches Chromium.
            var cpu = CpuShares.Start();
            for (var run = 0; run < ColdRuns; run++)
            {
                var engine = new PdfEngine(host.Get<IOptions<PdfEngineOptions>>(), host.Get<PdfAssets>(), host.Services, host.Get<ILoggerFactory>(), host.Get<TimeProvider>());
                try
                {
                    var (pdf, time, peak) = await TimedAsync(engine, row.Document, sampling);
                    row.Cold.Add(time.TotalMilliseconds);
                    row.ColdPeaks.Add(peak);
                    Check(row.Document, pdf, problems, "cold");
                    row.Record(pdf);
                }
                finally
                {
                    await engine.DisposeAsync();
                }
            }

            row.ColdCpu = cpu.Stop();
            Log(F($"{row.Document.Size.Label} {row.Document.Culture}: cold {Seconds(row.Cold.Percentile(50))}, others {row.ColdCpu.DescribeOthers()}"));
        }

        var engineOfTheApp = host.Get<PdfEngine>();
        foreach (var row in rows)
        {
            for (var i = 0; i < WarmUps; i++)
            {
                await engineOfTheApp.RenderAsync<RegionReportDocument>(row.Document.Parameters, row.Document.Info);
            }

            var cpu = CpuShares.Start();
            for (var run = 0; run < WarmRuns; run++)
            {
                var (pdf, time, peak) = await TimedAsync(engineOfTheApp, row.Document, sampling);
                row.Warm.Add(time.TotalMilliseconds);
                row.WarmPeaks.Add(peak);
                Check(row.Document, pdf, problems, "warm");
                row.Record(pdf);

                // The HTML half of RenderAsync on its own (not part of the time above): the rest is printing.
                var started = Stopwatch.GetTimestamp();
                var html = await engineOfTheApp.RenderHtmlAsync<RegionReportDocument>(row.Document.Parameters, row.Document.Culture);
                row.Html.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                row.HtmlBytes = Encoding.UTF8.GetByteCount(html);
            }

            row.WarmCpu = cpu.Stop();
            Log(F($"{row.Document.Size.Label} {row.Document.Culture}: warm {Seconds(row.Warm.Percentile(50))}, {row.Pages} pages, others {row.WarmCpu.DescribeOthers()}"));
        }

        Publish("a", OneDocumentSection(rows, firstRun, first, machine, load, sampling));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>What the memory sampler itself cost, over a whole measurement.</summary>
    private sealed class SamplerCost
    {
        public TimeSpan Time { get; private set; }

        public int Samples { get; private set; }

        public void Add(PeakMemorySampler sampler, PeakMemory peak)
        {
            Time += sampler.OwnTime;
            Samples += peak.Samples;
        }

        public string Describe() => Samples == 0 ? "" : F($"The memory sampler read `/proc` {Samples:N0} times, costing {Time.TotalMilliseconds / Samples:0.00} ms of CPU per sample ({Time.TotalSeconds:0.0} s in all, on the test process's thread pool).");
    }

    /// <summary>One document through <see cref="PdfEngine.RenderAsync{TComponent}"/>, timed, with its peak memory.</summary>
    private static async Task<(byte[] Pdf, TimeSpan Time, PeakMemory Peak)> TimedAsync(PdfEngine engine, BenchDocument document, SamplerCost sampling)
    {
        var sampler = PeakMemorySampler.Start(() => engine.BrowserProcessId);
        var started = Stopwatch.GetTimestamp();
        var pdf = await engine.RenderAsync<RegionReportDocument>(document.Parameters, document.Info);
        var time = Stopwatch.GetElapsedTime(started);
        var peak = await sampler.StopAsync();
        sampling.Add(sampler, peak);
        return (pdf, time, peak);
    }

    private static string OneDocumentSection(List<DocumentRow> rows, (byte[] Pdf, TimeSpan Time, PeakMemory Peak) first, BenchDocument firstDocument, MachineLoad machine, string load, SamplerCost sampling)
    {
        var text = new StringBuilder();
        text.AppendLine("## (a) One document: time and peak memory, cold and warm");
        text.AppendLine();
        text.AppendLine("The real region summary (`RegionReportDocument` rendered by `PdfEngine.RenderAsync`, exactly as `RegionReportService.ExportPdfAsync` calls it: Blazor `HtmlRenderer` → HTML → Chromium `SetContent` + `printToPDF` on a pooled page → metadata) with a synthetic `RegionReport` of Rabat-Salé-Kénitra built in memory, 2025-01-01 to 2026-10-31:");
        text.AppendLine();
        foreach (var size in PdfBenchmarkDocuments.Sizes)
        {
            text.AppendLine(F($"- ≈ {size.Label}: {size.Describe()}."));
        }

        text.AppendLine();
        text.AppendLine(F($"Both languages: French (left to right, Arabic names beside the French ones) and Arabic (right to left, the whole document in Arabic, French names beside). Page counts are read back from each PDF with PdfPig. **Cold** = a new `PdfEngine` (the app's settings, assets and services) whose first document launches Chromium: the time runs from the call to the PDF bytes, launch included; {ColdRuns} runs per row, each engine disposed (its Chromium closed) before the next. **Warm** = the app's own engine after {WarmUps} uncounted document of the same kind; {WarmRuns} runs per row. \"HTML\" is `RenderHtmlAsync` timed on its own after each warm run; \"print\" = warm total − HTML (a page from the pool, `SetContent` with the stylesheet and fonts answered from memory through request interception, `printToPDF`, metadata)."));
        text.AppendLine();
        text.AppendLine("Peak memory is sampled every 20 ms during each document: \"Chromium RSS\" sums `VmRSS` over every process whose parent chain leads to `PdfEngine.BrowserProcessId` (pages shared between them, such as the Chromium binary, are counted once per process, so this overstates what the tree really holds); \"anon.\" sums only their anonymous resident memory (`RssAnon`: heaps, not files), the better estimate of what printing costs. The test process's working set holds the app, its engine and xunit. \"Others\" is the share of the whole machine that processes other than the test process and its children used while the row was measured: above 10 % the row is flagged, its times pessimistic.");
        text.AppendLine();
        text.AppendLine(F($"Before measuring: {machine.Describe()}; load average {load}."));
        text.AppendLine();
        text.AppendLine("| Document | Language | Pages | PDF size | HTML size | Cold: median / max | Warm: median / max | Warm: HTML / print (medians) | Peak Chromium RSS, cold / warm | Peak Chromium anon., cold / warm | Peak test-process working set | Others, cold / warm | Target |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            var warm = row.Warm.Percentile(50);
            var html = row.Html.Percentile(50);
            var target = row.Document.Size.TargetPages == WarmTargetPages
                ? F($"warm ≤ {WarmTargetSeconds:0.0} s: **{(warm <= WarmTargetSeconds * 1000 ? "met" : "not met")}**")
                : "–";
            var (cold, hot) = (PeakMemory.Max(row.ColdPeaks), PeakMemory.Max(row.WarmPeaks));
            text.AppendLine(F($"| ≈ {row.Document.Size.Label} | {Language(row.Document.Culture)} | {row.Pages} | {MemorySnapshot.Kb(row.PdfBytes)} | {MemorySnapshot.Kb(row.HtmlBytes)} | {Seconds(row.Cold.Percentile(50))} / {Seconds(row.Cold.Max)} | {Seconds(warm)} / {Seconds(row.Warm.Max)} | {Seconds(html)} / {Seconds(warm - html)} | {Mb(cold.ChromiumRss)} / {Mb(hot.ChromiumRss)} | {Mb(cold.ChromiumAnonymous)} / {Mb(hot.ChromiumAnonymous)} | {Mb(Math.Max(cold.WorkingSet, hot.WorkingSet))} | {row.ColdCpu?.DescribeOthers()} / {row.WarmCpu?.DescribeOthers()} | {target} |"));
        }

        text.AppendLine();
        text.AppendLine(F($"The first document of the freshly started app (≈ {firstDocument.Size.Label}, {Language(firstDocument.Culture)}, on the app's own engine: Chromium's launch and first page; in a full run (c) has already run the same code, so little JIT) took {Seconds(first.Time.TotalMilliseconds)}, peak Chromium RSS {Mb(first.Peak.ChromiumRss)} (anon. {Mb(first.Peak.ChromiumAnonymous)}) over {first.Peak.ChromiumProcesses} processes. {sampling.Describe()}"));
        return text.ToString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (b) Throughput

    [Fact]
    [RunOrder(3)]
    public async Task Throughput_AtConcurrency1And2And4()
    {
        var runs = new List<ThroughputRun>();
        var problems = new List<string>();
        foreach (var concurrency in s_concurrencies)
        {
            await using var host = await AppHost.StartAsync(Settings(concurrency));
            report.ChromiumVersion ??= F($"Chromium {browser.Browser.Version} ({host.Get<PdfEngine>().BrowserPath})");
            var engine = host.Get<PdfEngine>();
            var documents = Documents(host).Where(d => d.Size.TargetPages == ThroughputPages).ToList();

            // Warm-up (not counted): launches Chromium and opens one pooled page per slot.
            await Task.WhenAll(Enumerable.Range(0, concurrency * 2).Select(i => engine.RenderAsync<RegionReportDocument>(documents[i % 2].Parameters, documents[i % 2].Info)));
            var machine = await MachineLoad.SampleAsync();
            var load = LoadAverage();

            var results = new (byte[]? Pdf, double Ms, BenchDocument Document, string? Error)[ThroughputDocuments];
            var next = -1;
            var cpu = CpuShares.Start();
            var sampler = PeakMemorySampler.Start(() => engine.BrowserProcessId);
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < ThroughputDocuments && Stopwatch.GetElapsedTime(started) < s_throughputTimeLimit)
                {
                    // French and Arabic in turn.
                    var document = documents[i % documents.Count];
                    var one = Stopwatch.GetTimestamp();
                    try
                    {
                        var pdf = await engine.RenderAsync<RegionReportDocument>(document.Parameters, document.Info);
                        results[i] = (pdf, Stopwatch.GetElapsedTime(one).TotalMilliseconds, document, null);
                    }
                    catch (Exception ex) when (ex is PdfFailedException or PdfTimeoutException)
                    {
                        results[i] = (null, Stopwatch.GetElapsedTime(one).TotalMilliseconds, document, ex.GetType().Name);
                    }
                }
            }));
            var wall = Stopwatch.GetElapsedTime(started);
            var peak = await sampler.StopAsync();
            var usage = cpu.Stop();

            var done = results.Where(r => r.Document is not null).ToList();
            var latency = new LatencySamples();
            latency.AddRange(done.Select(r => r.Ms));
            var pages = 0;
            foreach (var (pdf, _, document, error) in done)
            {
                if (pdf is null)
                {
                    problems.Add(F($"concurrency {concurrency}: a document failed ({error})"));
                    continue;
                }

                pages += Check(document, pdf, problems, F($"concurrency {concurrency}"));
            }

            runs.Add(new ThroughputRun(concurrency, done.Count, pages, wall, latency, usage, peak, machine, load));
            Log(F($"concurrency {concurrency}: {done.Count} documents, {pages} pages in {wall.TotalSeconds:0.0} s, others {usage.DescribeOthers()}"));
        }

        Publish("b", ThroughputSection(runs));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private sealed record ThroughputRun(int Concurrency, int Documents, int Pages, TimeSpan Wall, LatencySamples Latency, CpuSplit Cpu, PeakMemory Peak, MachineLoad Machine, string Load)
    {
        public double DocumentsPerSecond => Documents / Wall.TotalSeconds;

        public double PagesPerSecond => Pages / Wall.TotalSeconds;
    }

    private static string ThroughputSection(List<ThroughputRun> runs)
    {
        var best = runs.MaxBy(r => r.PagesPerSecond)!;
        var text = new StringBuilder();
        text.AppendLine("## (b) Throughput at Pdf:Concurrency 1, 2 and 4");
        text.AppendLine();
        text.AppendLine(F($"For each `Pdf:Concurrency`, a fresh app (`AppHost` with that setting) and as many concurrent callers as the setting, each calling `PdfEngine.RenderAsync<RegionReportDocument>` in a loop on the ≈ {ThroughputPages}-page document, French and Arabic in turn, until {ThroughputDocuments} documents are done or {s_throughputTimeLimit.TotalSeconds:0} s have passed (a document started in time is finished and counted). Warm-ups of 2 × `Pdf:Concurrency` documents, all at once, are not counted (they launch Chromium and open the pooled pages). Pages are counted in each PDF. Latency is per document, from call to bytes (it includes waiting for a free page). CPU over the measured interval, from `/proc`, 100 % = one core: the test process (the app: HTML rendering, PuppeteerSharp, metadata), its child processes (the engine's Chromium; the idle Playwright browser of the test collection too), and \"others\": the share of the whole machine that every other process used (above 10 %, the row's figures are pessimistic)."));
        text.AppendLine();
        text.AppendLine("| Pdf:Concurrency | Documents | Pages | Wall | Documents/s | Pages/s | Latency median / max | CPU: test process | CPU: Chromium | Peak Chromium RSS / anon. | Before measuring | Others during |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var run in runs)
        {
            var before = F($"others {Math.Max(run.Machine.OthersPercent ?? double.NaN, 0):0} %, load {run.Load}");
            text.AppendLine(F($"| {run.Concurrency} | {run.Documents} | {run.Pages} | {run.Wall.TotalSeconds:0.0} s | {run.DocumentsPerSecond:0.00} | {run.PagesPerSecond:0.0} | {Seconds(run.Latency.Percentile(50))} / {Seconds(run.Latency.Max)} | {run.Cpu.PercentOfOneCore(run.Cpu.Self):0} % | {run.Cpu.PercentOfOneCore(run.Cpu.Children):0} % | {Mb(run.Peak.ChromiumRss)} / {Mb(run.Peak.ChromiumAnonymous)} | {before} | {run.Cpu.DescribeOthers()} |"));
        }

        text.AppendLine();
        text.AppendLine(F($"Sustained: **{best.PagesPerSecond:0.0} pages/s** ({best.DocumentsPerSecond:0.00} documents of ≈ {ThroughputPages} pages per second) at `Pdf:Concurrency` = {best.Concurrency}. Target ≥ {PagesPerSecondTarget:0} pages/s: **{(best.PagesPerSecond >= PagesPerSecondTarget ? "met" : "not met")}**."));
        return text.ToString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (c) Memory after 10 and after 500 documents

    [Fact]
    [RunOrder(1)]
    public async Task Memory_After10And500Documents()
    {
        await using var host = await AppHost.StartAsync(Settings());
        report.ChromiumVersion ??= F($"Chromium {browser.Browser.Version} ({host.Get<PdfEngine>().BrowserPath})");
        var engine = host.Get<PdfEngine>();
        var documents = Documents(host).Where(d => d.Size.TargetPages == 1).ToList();
        var slots = Math.Max(1, host.Get<IOptions<PdfEngineOptions>>().Value.Concurrency);
        var machine = await MachineLoad.SampleAsync();
        var load = LoadAverage();

        var problems = new List<string>();
        var checkpoints = new List<LeakCheckpoint>();
        var failed = 0;
        var cpu = CpuShares.Start();
        var started = Stopwatch.GetTimestamp();

        // The first document of the app: Chromium's launch (and the JIT of the whole path, when nothing printed before in this process).
        var first = await engine.RenderAsync<RegionReportDocument>(documents[0].Parameters, documents[0].Info);
        var firstTime = Stopwatch.GetElapsedTime(started);
        Check(documents[0], first, problems, "document 1");
        var done = 1;
        foreach (var checkpoint in s_leakCheckpoints)
        {
            var next = done - 1;
            await Task.WhenAll(Enumerable.Range(0, slots).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < checkpoint && Stopwatch.GetElapsedTime(started) < s_leakTimeLimit)
                {
                    var document = documents[i % documents.Count];
                    try
                    {
                        var pdf = await engine.RenderAsync<RegionReportDocument>(document.Parameters, document.Info);
                        if (i % 50 == 0)
                        {
                            lock (problems)
                            {
                                Check(document, pdf, problems, F($"document {i + 1}"));
                            }
                        }
                    }
                    catch (Exception ex) when (ex is PdfFailedException or PdfTimeoutException)
                    {
                        Interlocked.Increment(ref failed);
                        lock (problems)
                        {
                            problems.Add(F($"document {i + 1} failed: {ex.GetType().Name}"));
                        }
                    }

                    Interlocked.Increment(ref done);
                }
            }));

            var elapsed = Stopwatch.GetElapsedTime(started);
            var memory = MemorySnapshot.Take();
            var tree = Tree(engine);
            var (rss, anonymous) = ChromiumTree.Resident(tree);
            var (pss, uss) = ChromiumTree.Shares(tree);
            checkpoints.Add(new LeakCheckpoint(done, elapsed, memory, rss, anonymous, pss, uss, tree.Count));
            Log(F($"{done} documents: managed {Mb(memory.ManagedBytes)}, working set {Mb(memory.WorkingSetBytes)}, Chromium RSS {Mb(rss)}, anon. {Mb(anonymous)}, USS {Mb(uss)}"));
            if (done < checkpoint)
            {
                break;
            }
        }

        var usage = cpu.Stop();
        Publish("c", LeakSection(checkpoints, slots, failed, firstTime, machine, load, usage));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private sealed record LeakCheckpoint(int Documents, TimeSpan Elapsed, MemorySnapshot Memory, long ChromiumRss, long ChromiumAnonymous, long ChromiumPss, long ChromiumUss, int ChromiumProcesses);

    private static string LeakSection(List<LeakCheckpoint> checkpoints, int slots, int failed, TimeSpan firstTime, MachineLoad machine, string load, CpuSplit cpu)
    {
        var text = new StringBuilder();
        text.AppendLine("## (c) Memory after 10 and after 500 documents");
        text.AppendLine();
        text.AppendLine(F($"A fresh app (default `Pdf:Concurrency` = {slots}) prints {LeakDocuments} ≈ 1-page region summaries (French and Arabic in turn) through `PdfEngine.RenderAsync` with {slots} concurrent callers, within {s_leakTimeLimit.TotalSeconds:0} s at most. It runs first in the test class, so that earlier tests leave nothing behind in the managed heap. At each checkpoint the callers pause and the test process is measured after full, compacting collections (`GC.Collect` ×2 with finalizers, then an aggressive collection; managed heap = `GC.GetTotalMemory(true)`), together with the engine's Chromium tree: summed `VmRSS` and `RssAnon` (`/proc/<pid>/status`), and summed unique set size (`Private_Clean` + `Private_Dirty` from `smaps_rollup`: what each process alone holds) and `Pss` (which shares pages with every process mapping them, other Chromiums on the machine included, so it moves with them). Every 50th PDF is read back and checked."));
        text.AppendLine();
        text.AppendLine(F($"Before measuring: {machine.Describe()}; load average {load}. During the run, other processes used {cpu.DescribeOthers()} of the machine."));
        text.AppendLine();
        text.AppendLine("| After documents | Elapsed | Managed heap | Test-process working set | Chromium RSS (sum) | Chromium anon. (sum) | Chromium USS (sum) | Chromium PSS (sum) | Chromium processes |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in checkpoints)
        {
            text.AppendLine(F($"| {c.Documents} | {c.Elapsed.TotalSeconds:0.0} s | {Mb(c.Memory.ManagedBytes)} | {Mb(c.Memory.WorkingSetBytes)} | {Mb(c.ChromiumRss)} | {Mb(c.ChromiumAnonymous)} | {Mb(c.ChromiumUss)} | {Mb(c.ChromiumPss)} | {c.ChromiumProcesses} |"));
        }

        var (first, last) = (checkpoints[0], checkpoints[^1]);
        var extra = last.Documents - first.Documents;
        text.AppendLine();
        if (extra > 0)
        {
            var managed = last.Memory.ManagedBytes - first.Memory.ManagedBytes;
            text.AppendLine(F($"**From {first.Documents} to {last.Documents} documents**: managed heap {Delta(managed)} ({Delta(managed / (double)extra, kb: true)} per document), test-process working set {Delta(last.Memory.WorkingSetBytes - first.Memory.WorkingSetBytes)}, Chromium RSS {Delta(last.ChromiumRss - first.ChromiumRss)}, anon. {Delta(last.ChromiumAnonymous - first.ChromiumAnonymous)}, USS {Delta(last.ChromiumUss - first.ChromiumUss)}. {(failed == 0 ? "Every document succeeded" : F($"{failed} documents failed"))}; {last.Documents / last.Elapsed.TotalSeconds:0.0} documents/s overall (checkpoints included). The first document (Chromium's launch, plus first-use costs such as the JIT of the whole path when no earlier test in this process printed one) took {Seconds(firstTime.TotalMilliseconds)}."));
        }

        if (last.Documents < LeakDocuments)
        {
            text.AppendLine();
            text.AppendLine(F($"**Stopped at {last.Documents} documents: the {s_leakTimeLimit.TotalSeconds:0} s limit was reached.**"));
        }

        return text.ToString();
    }

    private static string Delta(double bytes, bool kb = false) =>
        (bytes >= 0 ? "+" : "−") + (kb ? MemorySnapshot.Kb(Math.Abs(bytes)) : Mb((long)Math.Abs(bytes)));

    // ---------------------------------------------------------------------------------------------------------------
    // Shared

    /// <summary>One document to print: a size, a language, its data and the arguments the export passes.</summary>
    private sealed record BenchDocument(PdfDocumentSize Size, string Culture, RegionReport Report, Dictionary<string, object?> Parameters, PdfDocumentInfo Info);

    private sealed class DocumentRow(BenchDocument document)
    {
        public BenchDocument Document => document;

        public LatencySamples Cold { get; } = new();

        public LatencySamples Warm { get; } = new();

        public LatencySamples Html { get; } = new();

        public List<PeakMemory> ColdPeaks { get; } = [];

        public List<PeakMemory> WarmPeaks { get; } = [];

        public int Pages { get; private set; }

        public long PdfBytes { get; private set; }

        public long HtmlBytes { get; set; }

        public CpuSplit? ColdCpu { get; set; }

        public CpuSplit? WarmCpu { get; set; }

        public void Record(byte[] pdf)
        {
            using var text = new PdfText(pdf);
            Pages = text.Pages;
            PdfBytes = pdf.Length;
        }
    }

    /// <summary>Every size in French and Arabic, smallest first.</summary>
    private static List<BenchDocument> Documents(AppHost host) =>
        PdfBenchmarkDocuments.Sizes
            .SelectMany(size => PdfBenchmarkDocuments.Cultures.Select(culture =>
            {
                var data = PdfBenchmarkDocuments.Build(size);
                var (parameters, info) = PdfBenchmarkDocuments.Arguments(host.Services, data, culture);
                return new BenchDocument(size, culture, data, parameters, info);
            }))
            .ToList();

    /// <summary>
    /// Checks a printed document (adds to <paramref name="problems"/>): its title, a page count close to the size's
    /// target, "Page 1 / N" and the region's French name on page 1 (the Arabic variant shows it beside the Arabic one), and
    /// in French the first and last member. Returns the page count.
    /// </summary>
    private static int Check(BenchDocument document, byte[] pdf, List<string> problems, string label)
    {
        using var text = new PdfText(pdf);
        var where = F($"{label}, ≈ {document.Size.Label} {document.Culture}");
        var target = document.Size.TargetPages;
        if (text.Title != document.Info.Title)
        {
            problems.Add(F($"{where}: title {text.Title}"));
        }

        if (text.Pages < Math.Max(1, target * 0.8) || text.Pages > Math.Max(1, target * 1.2))
        {
            problems.Add(F($"{where}: {text.Pages} pages"));
        }

        if (!text.Contains(document.Report.NameFr, page: 1))
        {
            problems.Add(F($"{where}: the region's name is not on page 1"));
        }

        if (document.Culture == PdfBenchmarkDocuments.Cultures[0])
        {
            if (!text.Contains(F($"Page 1 / {text.Pages}"), page: 1))
            {
                problems.Add(F($"{where}: no \"Page 1 / {text.Pages}\" on page 1"));
            }

            var members = document.Report.Bodies.SelectMany(b => b.Members).ToList();
            if (members.Count > 0 && !(text.Contains(members[0].FullName) && text.Contains(members[^1].FullName)))
            {
                problems.Add(F($"{where}: a member is missing"));
            }
        }

        return text.Pages;
    }

    /// <summary>The engine's Chromium processes now (none when its browser is not running).</summary>
    private static List<int> Tree(PdfEngine engine) => engine.BrowserProcessId is { } pid ? ChromiumTree.Processes(pid) : [];

    private static string Mb(long bytes) => MemorySnapshot.Mb(bytes);

    private static string Language(string culture) => culture == PdfBenchmarkDocuments.Cultures[0] ? "French" : "Arabic";

    private static string Seconds(double milliseconds) =>
        double.IsNaN(milliseconds) ? "–" : milliseconds < 1000 ? F($"{milliseconds:0} ms") : F($"{milliseconds / 1000:0.00} s");

    /// <summary>The 1, 5 and 15-minute load averages (<c>/proc/loadavg</c>).</summary>
    private static string LoadAverage()
    {
        try
        {
            return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private void Log(string message) => output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss.fff}] {message}");

    private void Publish(string key, string section)
    {
        var whole = report.Set(key, section);
        output.WriteLine(whole);
        output.WriteLine($"Written to {PdfReport.Path}");
    }
}

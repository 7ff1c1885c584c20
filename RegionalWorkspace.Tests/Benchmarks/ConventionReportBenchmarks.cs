using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RegionalWorkspace.Features.Convention;
using RegionalWorkspace.Features.Convention.Report;
using RegionalWorkspace.Pdf;
using RegionalWorkspace.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RegionalWorkspace.Tests.Benchmarks;

/// <summary>
/// The convention implementation report for a year, through the real path (<see cref="ConventionReportService.ExportPdfAsync(System.Security.Claims.ClaimsPrincipal, string?, string?, CancellationToken)"/>:
/// figures from the database, Blazor HTML, Chromium print), in French and Arabic, cold and warm. The demo data is too
/// small for a 30-page year, so a realistic synthetic year (<see cref="ConventionYearSeeder"/>) is written into the test
/// database first; the demo year is measured too. Figures go to <c>docs/performance/convention-report.md</c>. Timings are
/// reported, never asserted; correctness is: each document is a PDF with its title and at least 30 pages.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class ConventionReportBenchmarks(ITestOutputHelper output)
{
    private const int SyntheticYear = 2024;
    private const int MinimumPages = 30;
    private const int WarmUps = 1;
    private const int WarmRuns = 5;
    private const int ColdRuns = 2;
    private const double WarmTargetSeconds = 2.0;

    private static string F(FormattableString text) => FormattableString.Invariant(text);

    private static string Seconds(double milliseconds) => F($"{milliseconds / 1000:0.00} s");

    public static string Path => System.IO.Path.Combine(FanOutReport.RepositoryRoot(), "docs", "performance", "convention-report.md");

    [Fact]
    public async Task YearReport_FrenchAndArabic_ColdAndWarm()
    {
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" });
        await using (var db = await host.CreateDbContextAsync())
        {
            await ConventionYearSeeder.SeedAsync(db, SyntheticYear);
        }

        var leadership = await host.PrincipalAsync("leadership@demo.ma");
        var reports = host.Get<ConventionReportService>();
        var figuresService = host.Get<ConventionFiguresService>();
        var machine = await MachineLoad.SampleAsync();
        var load = File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        var rows = new List<Row>();
        var thisYear = ConventionPeriod.ForYear(DateTime.UtcNow.Year);

        foreach (var (label, period) in new[] { ("synthetic", ConventionPeriod.ForYear(SyntheticYear)), ("demo", thisYear) })
        {
            foreach (var culture in new[] { "fr", "ar" })
            {
                var row = new Row(label, period, culture);

                // Cold: a new engine (the app's settings, assets and services) whose first document launches Chromium; the
                // figures are computed as the export does.
                for (var run = 0; run < ColdRuns; run++)
                {
                    var engine = new PdfEngine(host.Get<IOptions<PdfEngineOptions>>(), host.Get<PdfAssets>(), host.Services, host.Get<ILoggerFactory>(), host.Get<TimeProvider>());
                    try
                    {
                        var started = Stopwatch.GetTimestamp();
                        var figures = await figuresService.ComputeAsync(leadership, period);
                        var pdf = await engine.RenderAsync<ConventionReportDocument>(
                            ConventionReportService.Parameters(figures, "Rapport", period.ToString(), "Benchmark", DateTimeOffset.UtcNow),
                            new PdfDocumentInfo("Rapport", "Benchmark", culture));
                        row.Cold.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        row.Check(pdf, label == "synthetic" ? MinimumPages : 1, null);
                    }
                    finally
                    {
                        await engine.DisposeAsync();
                    }
                }

                for (var i = 0; i < WarmUps; i++)
                {
                    await reports.ExportPdfAsync(leadership, period, culture);
                }

                for (var run = 0; run < WarmRuns; run++)
                {
                    var started = Stopwatch.GetTimestamp();
                    var file = await reports.ExportPdfAsync(leadership, period, culture);
                    row.Warm.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    row.Check(file.Content, label == "synthetic" ? MinimumPages : 1, culture == "fr" ? "Rapport de mise en œuvre de la convention" : "تقرير تنفيذ الاتفاقية");

                    started = Stopwatch.GetTimestamp();
                    var figures = await figuresService.ComputeAsync(leadership, period);
                    row.Figures.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    started = Stopwatch.GetTimestamp();
                    var html = await host.Get<PdfEngine>().RenderHtmlAsync<ConventionReportDocument>(
                        ConventionReportService.Parameters(figures, "Rapport", period.ToString(), "Benchmark", DateTimeOffset.UtcNow), culture);
                    row.Html.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    row.HtmlBytes = Encoding.UTF8.GetByteCount(html);
                }

                output.WriteLine(F($"{label} {period} {culture}: {row.Pages} pages, cold {Seconds(row.Cold.Percentile(50))}, warm {Seconds(row.Warm.Percentile(50))}"));
                rows.Add(row);
                Write(rows, machine, load);
            }
        }

        Assert.All(rows, r => Assert.Empty(r.Problems));
    }

    private static void Write(List<Row> rows, MachineLoad machine, string load)
    {
        var text = new StringBuilder();
        text.AppendLine("# The convention implementation report: measured figures");
        text.AppendLine();
        text.AppendLine(F($"Written by `ConventionReportBenchmarks` (`./bench.sh --filter \"FullyQualifiedName~ConventionReportBenchmarks\"`) on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(Debugger.IsAttached ? "debugger attached" : "no debugger")}, build {Configuration}."));
        text.AppendLine();
        text.AppendLine("What is timed is the whole export as `GET /convention/report.pdf` runs it: `ConventionReportService.ExportPdfAsync` = the permission check, `ConventionFiguresService.ComputeAsync` (database), the Blazor `HtmlRenderer`, then Chromium `SetContent` + `printToPDF` on a pooled page (untagged: `Pdf:Tagged=false`), then the metadata.");
        text.AppendLine();
        text.AppendLine(F($"The demo data's year is short (a dozen pages: few sessions, practices and meetings), below the issue's 30 pages, so a realistic synthetic year is written into the test database first, {ConventionYearSeeder.Describe(SyntheticYear)}. The demo year is measured too."));
        text.AppendLine();
        text.AppendLine(F($"**Cold** = a new `PdfEngine` whose first document launches Chromium, plus the figures ({ColdRuns} runs). **Warm** = the app's own engine after {WarmUps} uncounted export ({WarmRuns} runs). \"Figures\" and \"HTML\" are timed on their own after each warm run; the rest of a warm export is printing. Pages are read back with PdfPig."));
        text.AppendLine();
        text.AppendLine(F($"Before measuring: {machine.Describe()}; load average {load}."));
        text.AppendLine();
        text.AppendLine("| Year | Language | Pages | PDF size | HTML size | Figures (median) | HTML (median) | Cold: median / max | Warm: median / max | Target: ≤ 2 s warm, ≥ 30 pages |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            var warm = row.Warm.Percentile(50);
            var target = row.Label == "synthetic"
                ? F($"**{(warm <= WarmTargetSeconds * 1000 && row.Pages >= MinimumPages ? "met" : "not met")}**")
                : "– (demo year, fewer than 30 pages)";
            text.AppendLine(F($"| {row.Period} ({row.Label}) | {(row.Culture == "fr" ? "French" : "Arabic")} | {row.Pages} | {MemorySnapshot.Kb(row.PdfBytes)} | {MemorySnapshot.Kb(row.HtmlBytes)} | {Seconds(row.Figures.Percentile(50))} | {Seconds(row.Html.Percentile(50))} | {Seconds(row.Cold.Percentile(50))} / {Seconds(row.Cold.Max)} | {Seconds(warm)} / {Seconds(row.Warm.Max)} | {target} |"));
        }

        text.AppendLine();
        text.AppendLine("Timings on a shared 2-core machine are pessimistic when other processes run (see the load above); a failing check (a document without its title or under 30 pages) fails the benchmark, a slow one does not.");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        File.WriteAllText(Path, text.ToString());
    }

#if DEBUG
    private const string Configuration = "Debug (./bench.sh builds Release)";
#else
    private const string Configuration = "Release";
#endif

    private sealed class Row(string label, ConventionPeriod period, string culture)
    {
        public string Label { get; } = label;

        public ConventionPeriod Period { get; } = period;

        public string Culture { get; } = culture;

        public LatencySamples Cold { get; } = new();

        public LatencySamples Warm { get; } = new();

        public LatencySamples Figures { get; } = new();

        public LatencySamples Html { get; } = new();

        public int Pages { get; private set; }

        public long PdfBytes { get; private set; }

        public int HtmlBytes { get; set; }

        public List<string> Problems { get; } = [];

        public void Check(byte[] pdf, int minimumPages, string? titleStart)
        {
            using var text = new PdfText(pdf);
            (Pages, PdfBytes) = (text.Pages, pdf.Length);
            if (text.Pages < minimumPages)
            {
                Problems.Add(F($"{Period} {Culture}: {text.Pages} pages, fewer than {minimumPages}"));
            }

            if (titleStart is not null && text.Title?.StartsWith(titleStart, StringComparison.Ordinal) != true)
            {
                Problems.Add(F($"{Period} {Culture}: title \"{text.Title}\""));
            }
        }
    }
}

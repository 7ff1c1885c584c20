using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace RegionalWorkspace.Tests.Benchmarks;

/// <summary>
/// The figures of one PDF benchmark run, written to <c>docs/performance/pdf.md</c> after every measurement (a failing or
/// interrupted run still leaves what it measured). A section not measured this time keeps its text from the existing
/// file, marked as carried over. Text under <see cref="KeepMarker"/> is hand-written analysis and is kept.
/// </summary>
public sealed class PdfReport
{
    public const string KeepMarker = "<!-- Hand-written notes below this line are kept when ./bench.sh rewrites the figures above. -->";

    private const string CarriedOver = "_Carried over from an earlier run: not measured in this one._";

    private static readonly (string Key, string Heading)[] s_sections =
    [
        ("a", "## (a) One document: time and peak memory, cold and warm"),
        ("b", "## (b) Throughput at Pdf:Concurrency 1, 2 and 4"),
        ("c", "## (c) Memory after 10 and after 500 documents"),
    ];

#if DEBUG
    private const string Configuration = "Debug (figures from a Release build, as ./bench.sh makes, are the ones to compare)";
#else
    private const string Configuration = "Release";
#endif

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _sections = new(StringComparer.Ordinal);
    private readonly DateTime _startedUtc = DateTime.UtcNow;

    public string? ChromiumVersion { get; set; }

    public static string Path => System.IO.Path.Combine(FanOutReport.RepositoryRoot(), "docs", "performance", "pdf.md");

    /// <summary>Records a section ("a", "b" or "c") and rewrites the file; returns the whole report (without the kept notes).</summary>
    public string Set(string key, string markdown)
    {
        lock (_gate)
        {
            _sections[key] = markdown.TrimEnd() + "\n";
            var existing = File.Exists(Path) ? File.ReadAllText(Path) : "";
            var at = existing.IndexOf(KeepMarker, StringComparison.Ordinal);
            var kept = at < 0 ? null : existing[(at + KeepMarker.Length)..].TrimStart('\n');
            var report = Render(PreviousSections(at < 0 ? existing : existing[..at]));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            File.WriteAllText(Path, report + "\n" + KeepMarker + "\n" + (kept is null ? "" : "\n" + kept));
            return report;
        }
    }

    private string Render(Dictionary<string, string> previous)
    {
        var text = new StringBuilder();
        text.AppendLine("# PDF documents: measured figures");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Produced by `./bench.sh --filter \"FullyQualifiedName~PdfBenchmarks\"` (which builds in Release and runs `dotnet test RegionalWorkspace.sln -c Release --filter \"FullyQualifiedName~PdfBenchmarks\"`; plain `./bench.sh` runs these and the live fan-out benchmarks), run started {_startedUtc:yyyy-MM-dd HH:mm} UTC. About 4 minutes.");
        text.AppendLine("The benchmarks measure and report; they assert only correctness (every document is a PDF with the expected title,");
        text.AppendLine("page count and text), never timings. Targets are shown beside the figures for information.");
        text.AppendLine();
        text.AppendLine("## Machine");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Cores: `Environment.ProcessorCount` = {Environment.ProcessorCount}; CPU: {ReadField("/proc/cpuinfo", "model name", ':') ?? "unknown"}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Memory: {MemorySnapshot.Mb(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)} available to .NET");
        text.AppendLine(CultureInfo.InvariantCulture, $"- OS: {ReadField("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription} ({RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.OSArchitecture})");
        text.AppendLine(CultureInfo.InvariantCulture, $"- .NET: {RuntimeInformation.FrameworkDescription}; GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {(GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Build: {Configuration}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Browser: {ChromiumVersion ?? "(not started)"} headless, driven by PuppeteerSharp (the app's `PdfEngine`)");
        text.AppendLine("- Layout: the app (and its `PdfEngine`) runs inside the test process, with SQLite; the engine's Chromium is a separate");
        text.AppendLine("  process tree on the same cores. The test collection's Playwright Chromium is also running, idle.");
        text.AppendLine();
        foreach (var (key, heading) in s_sections)
        {
            text.Append(_sections.TryGetValue(key, out var section) ? section : previous.TryGetValue(key, out var old) ? old : heading + "\n\nNot measured in this run.\n");
            text.AppendLine();
        }

        return text.ToString().TrimEnd() + "\n";
    }

    /// <summary>The measured sections ("## (a) …") of an existing report, each marked as carried over.</summary>
    private static Dictionary<string, string> PreviousSections(string existing)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = existing.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var key = s_sections.Select(s => s.Key).FirstOrDefault(k => lines[i].StartsWith($"## ({k})", StringComparison.Ordinal));
            if (key is null)
            {
                continue;
            }

            var end = i + 1;
            while (end < lines.Length && !lines[end].StartsWith("## ", StringComparison.Ordinal))
            {
                end++;
            }

            var body = string.Join("\n", lines[(i + 1)..end]).Trim('\n');
            if (!body.Contains("Not measured in this run.", StringComparison.Ordinal))
            {
                sections[key] = lines[i] + "\n\n" + (body.StartsWith(CarriedOver, StringComparison.Ordinal) ? body : CarriedOver + "\n\n" + body) + "\n";
            }

            i = end - 1;
        }

        return sections;
    }

    private static string? ReadField(string file, string name, char separator)
    {
        try
        {
            return File.ReadLines(file)
                .Select(l => l.Split(separator, 2))
                .Where(p => p.Length == 2 && p[0].Trim() == name)
                .Select(p => p[1].Trim())
                .FirstOrDefault();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

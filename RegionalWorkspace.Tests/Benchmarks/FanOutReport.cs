using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace RegionalWorkspace.Tests.Benchmarks;

/// <summary>
/// The figures of one benchmark run, written to <c>docs/performance/realtime.md</c> after every measurement (so a
/// failing or interrupted run still leaves what it measured). A measurement not run this time (one benchmark run on its
/// own) keeps its section from the existing file, marked as carried over. Text under <see cref="KeepMarker"/> is
/// hand-written analysis and is kept.
/// </summary>
public sealed class FanOutReport
{
    public const string KeepMarker = "<!-- Hand-written notes below this line are kept when ./bench.sh rewrites the figures above. -->";

    private const string CarriedOver = "_Carried over from an earlier run: not measured in this one._";

    private static readonly string[] s_keys = ["a", "b", "c"];

#if DEBUG
    private const string Configuration = "Debug (figures from a Release build, as ./bench.sh makes, are the ones to compare)";
#else
    private const string Configuration = "Release";
#endif

    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, string> _sections = new(StringComparer.Ordinal);
    private readonly DateTime _startedUtc = DateTime.UtcNow;

    public string? ChromiumVersion { get; set; }

    public static string Path => System.IO.Path.Combine(RepositoryRoot(), "docs", "performance", "realtime.md");

    /// <summary>Records a section (keyed for ordering: "a", "b", "c") and rewrites the file; returns the whole report.</summary>
    public string Set(string key, string markdown)
    {
        lock (_gate)
        {
            _sections[key] = markdown.TrimEnd() + "\n";
            var existing = File.Exists(Path) ? File.ReadAllText(Path) : "";
            var report = Render(PreviousSections(existing));
            var kept = KeptNotes(existing);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            File.WriteAllText(Path, report + "\n" + KeepMarker + "\n" + (kept is null ? "" : "\n" + kept));
            return report;
        }
    }

    private string Render(Dictionary<string, string> previous)
    {
        var text = new StringBuilder();
        text.AppendLine("# Live fan-out: measured figures");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Produced by `./bench.sh` (which runs `dotnet test RegionalWorkspace.sln -c Release --filter \"Category=Benchmark\"`), run started {_startedUtc:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine("The benchmarks measure and report; they assert only correctness (every change reached every client or page exactly");
        text.AppendLine("once), never timings. Targets are shown beside the figures for information.");
        text.AppendLine();
        text.AppendLine("## Machine");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Cores: `nproc` = {Nproc()}, `Environment.ProcessorCount` = {Environment.ProcessorCount}; CPU: {CpuModel()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Memory: {MemorySnapshot.Mb(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)} available to .NET");
        text.AppendLine(CultureInfo.InvariantCulture, $"- OS: {OsName()} ({RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.OSArchitecture})");
        text.AppendLine(CultureInfo.InvariantCulture, $"- .NET: {RuntimeInformation.FrameworkDescription}; GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {(GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Build: {Configuration}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Browser: Chromium {ChromiumVersion ?? "(not started)"} headless, driven by Playwright");
        text.AppendLine("- Layout: the app runs inside the test process (in-process Kestrel on 127.0.0.1, SQLite, in-process bus), and so do the");
        text.AppendLine("  SignalR hub clients of (a). Chromium and the Playwright driver are separate processes on the same machine.");
        text.AppendLine();
        foreach (var key in s_keys)
        {
            text.Append(_sections.TryGetValue(key, out var section) ? section : previous.TryGetValue(key, out var old) ? old : Missing(key));
            text.AppendLine();
        }

        return text.ToString().TrimEnd() + "\n";
    }

    private static string Missing(string key) => key switch
    {
        "a" => "## (a) Hub clients\n\nNot measured in this run.\n",
        "b" => "## (b) Browser pages\n\nNot measured in this run.\n",
        _ => "## (c) Memory per idle dashboard circuit\n\nNot measured in this run.\n",
    };

    /// <summary>The measured sections ("## (a) …") of an existing report, each marked as carried over.</summary>
    private static Dictionary<string, string> PreviousSections(string existing)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = existing.IndexOf(KeepMarker, StringComparison.Ordinal);
        var lines = (at < 0 ? existing : existing[..at]).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var key = s_keys.FirstOrDefault(k => lines[i].StartsWith($"## ({k})", StringComparison.Ordinal));
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
            if (body.Contains("Not measured in this run.", StringComparison.Ordinal))
            {
                continue;
            }

            if (!body.StartsWith(CarriedOver, StringComparison.Ordinal))
            {
                body = CarriedOver + "\n\n" + body;
            }

            sections[key] = lines[i] + "\n\n" + body + "\n";
            i = end - 1;
        }

        return sections;
    }

    private static string? KeptNotes(string existing)
    {
        var at = existing.IndexOf(KeepMarker, StringComparison.Ordinal);
        return at < 0 ? null : existing[(at + KeepMarker.Length)..].TrimStart('\n');
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "RegionalWorkspace.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"RegionalWorkspace.sln not found above {AppContext.BaseDirectory}.");
    }

    private static string Nproc()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("nproc") { RedirectStandardOutput = true, UseShellExecute = false });
            if (process is null)
            {
                return "?";
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(5_000);
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private static string CpuModel() => ReadField("/proc/cpuinfo", "model name", ':') ?? "unknown";

    private static string OsName() => ReadField("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription;

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
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

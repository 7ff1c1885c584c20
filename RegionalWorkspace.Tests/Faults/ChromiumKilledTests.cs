using System.Globalization;
using System.Net;
using RegionalWorkspace.Pdf;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Faults;

/// <summary>
/// The PDF engine's Chromium (this app's own, launched on its first document) killed with SIGKILL: the whole browser
/// and its children between two downloads, the whole tree under a document being printed, or only the renderer
/// processes with the browser left running. Each time the next document renders.
/// </summary>
public sealed class ChromiumKilledTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private PdfEngine Engine => fixture.Host.Get<PdfEngine>();

    [Fact]
    public async Task SummaryDownload_BrowserAndChildrenKilled_TheNextDownloadRenders()
    {
        var cookies = await HubClient.SignInAsync(fixture.Host.BaseUrl, "officer.rsk@demo.ma");
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = fixture.Host.BaseUrl, Timeout = TimeSpan.FromSeconds(120) };
        await DownloadSummaryAsync(http);
        var browser = Engine.BrowserProcessId ?? throw new InvalidOperationException("No browser process.");
        var tree = ProcessTree.WithDescendants(browser);
        Assert.True(tree.Count > 1, "Chromium runs its pages in child processes");

        await ProcessTree.KillAsync(tree);

        await DownloadSummaryAsync(http);
        Assert.NotEqual(browser, Engine.BrowserProcessId);
    }

    [Fact]
    public async Task TreeKilledWhileADocumentPrints_ThatDocumentRendersOnANewBrowser()
    {
        await PrintAsync("Avant", 1);
        var browser = Engine.BrowserProcessId ?? throw new InvalidOperationException("No browser process.");
        var tree = ProcessTree.WithDescendants(browser);

        // A long document, and the kill while it is on its way (or just before it reaches the browser): either way it comes out.
        var printing = PrintAsync("Long document", 150);
        await ProcessTree.KillAsync(tree);
        await printing;

        Assert.NotEqual(browser, Engine.BrowserProcessId);
        await PrintAsync("Après", 1);
    }

    [Fact]
    public async Task RenderersKilled_BrowserStillRunning_TheNextDocumentRenders()
    {
        await PrintAsync("Avant", 1);
        var browser = Engine.BrowserProcessId ?? throw new InvalidOperationException("No browser process.");
        var renderers = ProcessTree.WithDescendants(browser).Where(pid => ProcessTree.CommandLine(pid).Contains("--type=renderer", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(renderers);

        await ProcessTree.KillAsync(renderers);

        await PrintAsync("Après", 1);
        await PrintAsync("Encore après", 1);
    }

    private async Task PrintAsync(string title, int pages)
    {
        var body = string.Concat(Enumerable.Range(1, pages).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"<h2 style=\"break-before: page\">{title} — section {i}</h2><p>Réunion de l'instance consultative n° {i}.</p>")));
        var html = $"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body>{body}</body></html>";

        var pdf = await Engine.PrintAsync(html, new PdfDocumentInfo(title, "Test", "fr"));

        using var text = new PdfText(pdf);
        Assert.Equal(pages, text.Pages);
        Assert.True(text.Contains($"{title} — section {pages}"));
    }

    private static async Task DownloadSummaryAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/regions/RSK/summary.pdf?from=2025-01-01&to=2026-10-31&lang=fr");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        using var pdf = new PdfText(bytes);
        Assert.True(pdf.Contains("Rabat-Salé-Kénitra"));
    }
}

/// <summary>Processes read from <c>/proc</c>: a process and everything it started, and SIGKILL for all of them.</summary>
internal static class ProcessTree
{
    public static List<int> WithDescendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        }

        return tree;
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>SIGKILL to each, then waits (bounded) until none is left running.</summary>
    public static async Task KillAsync(IReadOnlyCollection<int> pids)
    {
        await LocalProcess.RunAsync("kill", ["-KILL", .. pids.Select(p => p.ToString(CultureInfo.InvariantCulture))], TimeSpan.FromSeconds(10));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (pids.Any(IsRunning))
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"Processes {string.Join(", ", pids.Where(IsRunning))} outlived SIGKILL.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Alive and not a zombie waiting for its parent to collect it.</summary>
    private static bool IsRunning(int pid) => State(pid) is { } state && state != 'Z' && state != 'X';

    private static int? ParentOf(int pid) => Stat(pid) is { } fields && int.TryParse(fields[1], out var parent) ? parent : null;

    private static char? State(int pid) => Stat(pid) is { } fields ? fields[0][0] : null;

    /// <summary>The fields of <c>/proc/pid/stat</c> after the command name (which may hold spaces): state, ppid, …</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}

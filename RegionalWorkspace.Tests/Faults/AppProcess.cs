namespace RegionalWorkspace.Tests.Faults;

/// <summary>
/// The built app (<c>dotnet RegionalWorkspace.dll</c> from the test's output folder) as a process of its own on a
/// loopback port and a given SQLite file, so that a test can kill it with SIGKILL as nothing in-process could.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(90);

    private readonly LocalProcess _process;

    private AppProcess(LocalProcess process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string Output => _process.Output;

    /// <summary>Starts the app on <paramref name="dataDirectory"/> (its <c>workspace.db</c>) and waits until <c>/healthz</c> answers 200.</summary>
    public static async Task<AppProcess> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null)
    {
        var port = LocalProcess.FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = baseUrl.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["DOTNET_ENVIRONMENT"] = "Testing",
            ["LANG"] = "C.UTF-8",
            ["LC_ALL"] = null,
            ["Database__Provider"] = "Sqlite",
            ["Database__Path"] = Path.Combine(dataDirectory, "workspace.db"),
            ["Attachments__Path"] = Path.Combine(dataDirectory, "attachments"),
            ["Backups__Path"] = Path.Combine(dataDirectory, "backups"),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Error",
            ["Logging__Json"] = "false",
            ["Security__SignInsPerMinute"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = LocalProcess.Start(
            "app",
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "RegionalWorkspace.dll"), "--contentRoot", AppContext.BaseDirectory],
            environment);
        var app = new AppProcess(process, baseUrl);
        try
        {
            using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(5) };
            await process.WaitUntilAsync(async () =>
            {
                try
                {
                    using var response = await http.GetAsync("/healthz");
                    return response.IsSuccessStatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            }, s_startTimeout, "healthy");
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL.</summary>
    public Task KillAsync() => _process.KillAsync();

    public void Dispose() => _process.Dispose();
}

namespace RegionalWorkspace.Tests.Infrastructure;

/// <summary>
/// A browser test class: its own app (fresh database) for the class's tests, the shared Chromium, and clean-up that
/// closes the browser contexts before the app stops.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    protected BrowserFixture Browser { get; } = browser;

    protected AppHost Host { get; private set; } = default!;

    /// <summary>Settings this class's app starts with, on top of the test defaults.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync() => Host = await AppHost.StartAsync(Settings);

    public async Task DisposeAsync()
    {
        await Browser.CloseContextsAsync();
        await Host.DisposeAsync();
    }
}

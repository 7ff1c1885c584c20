using Microsoft.Playwright;

namespace RegionalWorkspace.Tests.Infrastructure;

/// <summary>
/// One headless Chromium (the system's, <c>/usr/bin/chromium</c>) for a test class; each test opens its own contexts.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("RW_CHROMIUM") ?? "/usr/bin/chromium";

    private readonly List<IBrowserContext> _contexts = [];
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        // Live updates cross a bus, a database and a browser on a 2-core machine that CI may share: an expectation waits
        // as long as an action does (15 s) before it fails, instead of Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // The network here refuses outside hosts: keep Chromium from trying to reach them.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>A fresh browser context (its own cookies) with a page, in <paramref name="locale"/>.</summary>
    public Task<IPage> NewPageAsync(AppHost host, string locale = "fr-FR") => NewPageAsync(host.BaseUrl, locale);

    /// <summary>A fresh browser context on <paramref name="baseUrl"/> (an app, or a <see cref="TcpProxy"/> in front of one).</summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl, string locale = "fr-FR")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        // A page load is a server render, the first of an app often cold (JIT, first queries): on a loaded 2-core machine
        // loading the sign-in page once took more than 15 s.
        context.SetDefaultNavigationTimeout(45_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Closes the contexts a test opened, before its app stops (their circuits end cleanly).</summary>
    public async Task CloseContextsAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        _contexts.Clear();
    }
}

public static class PageExtensions
{
    /// <summary>Waits until the Blazor circuit is connected: clicks sent before that are lost.</summary>
    public static Task WaitInteractiveAsync(this IPage page) =>
        page.Locator("#rw-render-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Signs in through the real form and waits for the interactive workspace.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password = RegionalWorkspace.Data.DemoData.Password, string returnUrl = "/")
    {
        await page.GotoAsync($"account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await page.WaitInteractiveAsync();
    }

    /// <summary>
    /// Closes the open multiple-choice list of <paramref name="select"/> with a click where the select stands (on the
    /// overlay that covers the page while a list is open; the list never covers its own select, where a long list opened
    /// upwards can cover the dialog's title) and waits until it is closed. Escape can reach the list before the last
    /// choice does and undo it.
    /// </summary>
    public static async Task CloseChoicesAsync(this IPage page, string select)
    {
        var box = await page.Locator(select).BoundingBoxAsync();
        await page.Mouse.ClickAsync(box!.X + 8, box.Y + (box.Height / 2));
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    public static async Task GotoInteractiveAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitInteractiveAsync();
    }
}

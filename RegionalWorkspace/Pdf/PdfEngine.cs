using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using PuppeteerSharp;
using PuppeteerSharp.Media;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Pdf;

/// <summary>
/// Every printable document goes through here: a Razor component is rendered to HTML (<see cref="HtmlRenderer"/>), then
/// printed to PDF by one long-lived headless Chromium, on a bounded pool of reused pages. A document that takes too
/// long is abandoned (its page is thrown away) and the pool goes on; a browser that dies is relaunched on the next
/// document. Printed pages load nothing but <see cref="PdfAssets"/>.
/// </summary>
public sealed class PdfEngine : IHostedService, IAsyncDisposable
{
    private static readonly string[] s_browserArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--font-render-hinting=none",
        // Belt and braces for "printed pages reach nothing": frames stay in the page's process, where every request is
        // intercepted, and anything that escapes interception goes to a proxy that does not exist (loopback included).
        "--disable-features=IsolateOrigins,site-per-process", "--disable-site-isolation-trials",
        "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    ];

    private readonly PdfEngineOptions _options;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<PdfEngine> _logger;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly ConcurrentBag<PooledPage> _idle = [];
    private IBrowser? _browser;
    private int _generation;
    private bool _stopped;

    public PdfEngine(IOptions<PdfEngineOptions> options, PdfAssets assets, IServiceProvider services, ILoggerFactory loggerFactory, TimeProvider clock)
    {
        _options = options.Value;
        Assets = assets;
        _services = services;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<PdfEngine>();
        _clock = clock;
        _slots = new SemaphoreSlim(Math.Max(1, _options.Concurrency));
    }

    public PdfAssets Assets { get; }

    public string BrowserPath => _options.BrowserPath;

    public bool IsAvailable => File.Exists(_options.BrowserPath);

    /// <summary>The browser's process id (tests kill it to prove the engine recovers).</summary>
    public int? BrowserProcessId => _browser?.Process?.Id;

    /// <summary>Renders <typeparamref name="TComponent"/> with <paramref name="parameters"/> and prints it.</summary>
    public async Task<byte[]> RenderAsync<TComponent>(IDictionary<string, object?> parameters, PdfDocumentInfo info, CancellationToken ct = default)
        where TComponent : IComponent
    {
        if (!IsAvailable)
        {
            throw new PdfUnavailableException(_options.BrowserPath);
        }

        var html = await RenderHtmlAsync<TComponent>(parameters, info.Culture);
        return await PrintAsync(html, info, ct);
    }

    /// <summary>The document's HTML, rendered in <paramref name="culture"/> (French, Arabic or English).</summary>
    public async Task<string> RenderHtmlAsync<TComponent>(IDictionary<string, object?> parameters, string culture)
        where TComponent : IComponent
    {
        await using var scope = _services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, _loggerFactory);
        var cultureInfo = Cultures.Get(culture);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = cultureInfo;
            try
            {
                var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
                return output.ToHtmlString();
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
                CultureInfo.CurrentUICulture = previousUi;
            }
        });
    }

    /// <summary>Prints a full HTML document to PDF; waits for a free page when <c>Pdf:Concurrency</c> are busy.</summary>
    public async Task<byte[]> PrintAsync(string html, PdfDocumentInfo info, CancellationToken ct = default)
    {
        if (!IsAvailable)
        {
            throw new PdfUnavailableException(_options.BrowserPath);
        }

        await _slots.WaitAsync(ct);
        try
        {
            try
            {
                return await PrintOnceAsync(html, info, ct);
            }
            catch (Exception ex) when (IsBrowserFailure(ex) && !ct.IsCancellationRequested)
            {
                // The browser died under this document (or was killed): once more, on a fresh one.
                _logger.LogWarning(ex, "PDF browser failed; relaunching it and printing the document again.");
                return await PrintOnceAsync(html, info, ct);
            }
        }
        catch (Exception ex) when (IsBrowserFailure(ex))
        {
            throw new PdfFailedException(ex);
        }
        finally
        {
            _slots.Release();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        _stopped = true;
        var browser = Interlocked.Exchange(ref _browser, null);
        if (browser is not null)
        {
            try
            {
                await browser.CloseAsync();
            }
            catch (Exception ex) when (ex is PuppeteerException or InvalidOperationException or IOException)
            {
                _logger.LogDebug(ex, "PDF browser was already gone at shutdown.");
            }

            await browser.DisposeAsync();
        }
    }

    private async Task<byte[]> PrintOnceAsync(string html, PdfDocumentInfo info, CancellationToken ct)
    {
        var page = await AcquirePageAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var pdf = await PrintOnPageAsync(page.Page, html, info).WaitAsync(timeout.Token);
            _idle.Add(page);
            return PdfMetadata.WithInfo(pdf, info.Title, info.Author, _clock.GetUtcNow());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Discard(page);
            _logger.LogWarning("A PDF document took longer than {Timeout}; its page was closed.", _options.Timeout);
            throw new PdfTimeoutException((int)_options.Timeout.TotalSeconds);
        }
        catch
        {
            Discard(page);
            throw;
        }
    }

    private async Task<byte[]> PrintOnPageAsync(IPage page, string html, PdfDocumentInfo info)
    {
        // No timeout of Puppeteer's own (0): the engine's Pdf:Timeout governs the whole document, so a slow page is always
        // reported as a timeout, never as a browser failure (the two raced when both were Pdf:Timeout).
        await page.SetContentAsync(html, new SetContentOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 0 });
        // Page size, margins, running header and "Page X / Y" come from the document's CSS (@page margin boxes), so they
        // use the document's own fonts.
        return await page.PdfDataAsync(new PdfOptions
        {
            Format = PaperFormat.A4,
            PreferCSSPageSize = true,
            PrintBackground = true,
            DisplayHeaderFooter = false,
            WaitForFonts = true,
            // Chromium builds a tagged PDF from the accessibility tree unless told not to, which costs about as much as
            // the printing itself on long documents: off unless Pdf:Tagged (see PdfEngineOptions.Tagged).
            Tagged = _options.Tagged,
            Outline = false,
        });
    }

    private async Task<PooledPage> AcquirePageAsync(CancellationToken ct)
    {
        var browser = await EnsureBrowserAsync(ct);
        while (_idle.TryTake(out var pooled))
        {
            if (pooled.Generation == _generation && !pooled.Page.IsClosed)
            {
                return pooled;
            }

            Discard(pooled);
        }

        var page = await browser.NewPageAsync();
        await page.SetJavaScriptEnabledAsync(false);
        await page.SetRequestInterceptionAsync(true);
        page.Request += async (_, e) => await AnswerAsync(e.Request);
        return new PooledPage(page, _generation);
    }

    /// <summary>Assets are served from memory; anything else a document asks for is refused.</summary>
    private async Task AnswerAsync(IRequest request)
    {
        try
        {
            if (Assets.Find(request.Url) is { } body)
            {
                await request.RespondAsync(new ResponseData { BodyData = body, ContentType = PdfAssets.ContentType(request.Url), Status = HttpStatusCode.OK });
            }
            else
            {
                _logger.LogDebug("Blocked a request from a printed page: {Url}", request.Url);
                await request.AbortAsync();
            }
        }
        catch (Exception ex) when (ex is PuppeteerException or InvalidOperationException)
        {
            _logger.LogDebug(ex, "A printed page's request could not be answered (page closing).");
        }
    }

    private async Task<IBrowser> EnsureBrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } running)
        {
            return running;
        }

        await _launch.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            if (_browser is { IsConnected: true } launched)
            {
                return launched;
            }

            if (_browser is { } dead)
            {
                _logger.LogWarning("PDF browser is gone; launching a new one.");
                await dead.DisposeAsync();
            }

            _browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = _options.BrowserPath,
                Headless = true,
                Args = s_browserArgs,
                Timeout = (int)_options.Timeout.TotalMilliseconds,
            }, _loggerFactory);
            Interlocked.Increment(ref _generation);
            _logger.LogInformation("PDF browser started ({Path}, pid {Pid}).", _options.BrowserPath, _browser.Process?.Id);
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    private void Discard(PooledPage pooled) => _ = CloseQuietlyAsync(pooled.Page);

    private async Task CloseQuietlyAsync(IPage page)
    {
        try
        {
            await page.CloseAsync();
        }
        catch (Exception ex) when (ex is PuppeteerException or InvalidOperationException or ObjectDisposedException)
        {
            _logger.LogDebug(ex, "A discarded PDF page could not be closed (browser gone).");
        }
    }

    private bool IsBrowserFailure(Exception ex) =>
        ex is not Features.Shared.WorkspaceException
        && (ex is PuppeteerException or ObjectDisposedException or IOException || _browser is not { IsConnected: true });

    private sealed record PooledPage(IPage Page, int Generation);
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RegionalWorkspace.Pdf;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Pdf;

/// <summary>The engine on the real system Chromium: faults, concurrency, isolation from the network, metadata.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PdfEngineTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private PdfEngine Engine => fixture.Host.Get<PdfEngine>();

    private static string Document(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{title}</title>" +
        $"<link rel=\"stylesheet\" href=\"{PdfAssets.Url("css/print.css")}\"></head><body>{body}</body></html>";

    private static string Pages(int count) =>
        string.Concat(Enumerable.Range(1, count).Select(i => $"<h2 style=\"break-before: page\">Section {i}</h2><p>Réunion de l'instance consultative n° {i}.</p>"));

    [Fact]
    public async Task Print_SetsTitleAndAuthorInEveryScript()
    {
        var pdf = await Engine.PrintAsync(Document("Synthèse", "<p>Bonjour</p>"), new PdfDocumentInfo("ملخص جهوي — سوس-ماسة", "Brahim Ait Lahcen", "ar"));

        using var text = new PdfText(pdf);
        Assert.Equal(("ملخص جهوي — سوس-ماسة", "Brahim Ait Lahcen"), (text.Title, text.Author));
        Assert.True(text.Contains("Bonjour"));
    }

    [Fact]
    public async Task Print_ReachesNothingOnTheNetwork()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var html = Document("Isolé", $"<p>Texte</p><img src=\"http://127.0.0.1:{port}/logo.png\"><link rel=\"stylesheet\" href=\"http://127.0.0.1:{port}/x.css\"><iframe src=\"http://127.0.0.1:{port}/\"></iframe>");

        var pdf = await Engine.PrintAsync(html, new PdfDocumentInfo("Isolé", "Test", "fr"));

        using var text = new PdfText(pdf);
        Assert.True(text.Contains("Texte"));
        Assert.False(listener.Pending(), "a printed page connected to a server");
    }

    [Fact]
    public async Task Print_UsesTheShippedFonts()
    {
        var pdf = await Engine.PrintAsync(Document("Polices", "<p>Conseil régional</p><p lang=\"ar\">مجلس الجهة</p>"), new PdfDocumentInfo("Polices", "Test", "fr"));

        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var fonts = document.GetPage(1).Letters.Select(l => (l.FontName ?? "").Split('+')[^1]).Distinct().ToList();
        Assert.Contains("NotoSans-Regular", fonts);
        Assert.Contains("NotoNaskhArabic-Regular", fonts);
    }

    [Fact]
    public async Task Print_ChromiumKilled_TheNextDocumentStillRenders()
    {
        await Engine.PrintAsync(Document("Avant", "<p>Avant</p>"), new PdfDocumentInfo("Avant", "Test", "fr"));
        var pid = Engine.BrowserProcessId ?? throw new InvalidOperationException("No browser process.");

        using (var browser = Process.GetProcessById(pid))
        {
            browser.Kill(entireProcessTree: true);
            await browser.WaitForExitAsync();
        }

        var pdf = await Engine.PrintAsync(Document("Après", "<p>Après la panne</p>"), new PdfDocumentInfo("Après", "Test", "fr"));

        using var text = new PdfText(pdf);
        Assert.True(text.Contains("Après la panne"));
        Assert.NotEqual(pid, Engine.BrowserProcessId);
    }

    [Fact]
    public async Task Print_EightAtOnce_AllComplete()
    {
        var documents = Enumerable.Range(1, 8)
            .Select(i => Engine.PrintAsync(Document($"Doc {i}", $"<p>Document numéro {i}</p>" + Pages(i)), new PdfDocumentInfo($"Doc {i}", "Test", "fr")))
            .ToList();

        var pdfs = await Task.WhenAll(documents);

        for (var i = 0; i < 8; i++)
        {
            using var text = new PdfText(pdfs[i]);
            Assert.Equal(($"Doc {i + 1}", i + 2), (text.Title, text.Pages));
            Assert.True(text.Contains($"Document numéro {i + 1}"));
        }
    }
}

/// <summary>A document that takes too long is abandoned with a clear error, and the engine keeps serving.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PdfTimeoutTests : IAsyncLifetime
{
    private AppHost _host = default!;

    public async Task InitializeAsync() =>
        _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Pdf:Timeout"] = "00:00:03", ["Pdf:Concurrency"] = "1" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Print_TooLong_TimesOutAndTheNextDocumentPrints()
    {
        var engine = _host.Get<PdfEngine>();
        var huge = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Énorme</title></head><body>" +
            string.Concat(Enumerable.Range(1, 40_000).Select(i => $"<p style=\"break-after: page\">Page {i}</p>")) + "</body></html>";

        var refusal = await Assert.ThrowsAsync<PdfTimeoutException>(() => engine.PrintAsync(huge, new PdfDocumentInfo("Énorme", "Test", "fr")));
        var next = await engine.PrintAsync("<!DOCTYPE html><html><head><title>Suivant</title></head><body><p>Suivant</p></body></html>", new PdfDocumentInfo("Suivant", "Test", "fr"));

        Assert.Equal("Pdf.Timeout", refusal.Message);
        using var text = new PdfText(next);
        Assert.True(text.Contains("Suivant"));
    }
}

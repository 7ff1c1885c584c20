using Microsoft.Playwright;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

public sealed class RegionExportTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task ExportPdf_FromTheRegionPage_ShowsProgressAndDownloadsTheNamedSummary()
    {
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("leadership@demo.ma", returnUrl: "/regions/RSK");

        await page.Locator("#export-pdf").ClickAsync();
        await page.Locator("#export-ar").ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(async () =>
        {
            await page.Locator("#export-go").ClickAsync();
            await Assertions.Expect(page.Locator("#export-progress")).ToBeVisibleAsync();
        }, new PageRunAndWaitForDownloadOptions { Timeout = 60_000 }); // a cold Chromium launch plus the print, on a busy machine

        Assert.Equal($"region-RSK-{DateTime.UtcNow:yyyy-MM-dd}.pdf", download.SuggestedFilename);
        var path = await download.PathAsync();
        using var pdf = new PdfText(await File.ReadAllBytesAsync(path));
        Assert.Equal("ملخص جهوي — الرباط-سلا-القنيطرة", pdf.Title);
        Assert.Equal("Abdelkader Tahiri", pdf.Author);
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync(download.SuggestedFilename);
    }

    [Fact]
    public async Task ExportPdf_ReversedPeriod_IsRefusedNextToTheField()
    {
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("arm@demo.ma", returnUrl: "/regions/SM");

        await page.Locator("#export-pdf").ClickAsync();
        await page.Locator("#export-from").FillAsync("31/12/2026");
        await page.Locator("#export-from").PressAsync("Tab");
        await page.Locator("#export-to").FillAsync("01/01/2026");
        await page.Locator("#export-to").PressAsync("Tab");
        await page.Locator("#export-go").ClickAsync();

        await Assertions.Expect(page.Locator(".mud-input-control:has(#export-to) .mud-input-helper-text.mud-input-error")).ToHaveTextAsync("La fin de la période doit suivre son début.");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
    }
}

/// <summary>Without Chromium the region page still works and the export button says what is missing.</summary>
public sealed class RegionExportWithoutBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Pdf:BrowserPath"] = "/opt/missing/chromium" };

    [Fact]
    public async Task RegionPage_NoPdfBrowser_DisablesExportAndExplains()
    {
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("leadership@demo.ma", returnUrl: "/regions/RSK");

        await Assertions.Expect(page.Locator("#export-pdf")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#pdf-unavailable")).ToContainTextAsync("Chromium est introuvable (/opt/missing/chromium)");
        await Assertions.Expect(page.Locator("#region-name")).ToHaveTextAsync("Rabat-Salé-Kénitra");
    }
}

using Microsoft.Playwright;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

public sealed class LanguageTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task SwitchToArabic_TurnsTheWholeUiRightToLeft_AndIsRememberedForTheUser()
    {
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("officer.rsk@demo.ma", returnUrl: "/regions/RSK");
        Assert.Equal("ltr", await page.GetAttributeAsync("html", "dir"));

        await page.Locator("#language-menu button").ClickAsync();
        await page.Locator("#language-ar").ClickAsync();
        // The switch goes through /culture/set and a redirect back; waiting for the outcome (not for one navigation event,
        // which the redirect may abort) keeps the test about what the user sees.
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/regions/RSK$"));
        await page.WaitInteractiveAsync();

        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        Assert.Equal("ar", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("الرباط-سلا-القنيطرة", (await page.Locator("#region-name").InnerTextAsync()).Trim());
        Assert.Contains("الهيئة المكلفة بدراسة القضايا المتعلقة باهتمامات الشباب", await page.Locator(".body-card .body-name").AllInnerTextsAsync());
        Assert.Equal(1, await page.Locator(".mud-application-layout-rtl").CountAsync());

        // Another browser (another device) with an English Accept-Language: the saved choice wins after sign-in.
        var elsewhere = await Browser.NewPageAsync(Host, "en-US");
        await elsewhere.SignInAsync("officer.rsk@demo.ma");
        Assert.Equal("rtl", await elsewhere.GetAttributeAsync("html", "dir"));
        Assert.Equal("الجهات الاثنتا عشرة", (await elsewhere.Locator("h1").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task NoStoredChoice_BrowserLanguageDecides()
    {
        var page = await Browser.NewPageAsync(Host, "en-GB");

        await page.SignInAsync("leadership@demo.ma");

        Assert.Equal("The 12 regions", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal("ltr", await page.GetAttributeAsync("html", "dir"));
    }
}

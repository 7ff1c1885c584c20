using Microsoft.Playwright;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

public sealed class SignInTests(BrowserFixture browser) : BrowserTest(browser)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Accounts:MaxFailedSignIns"] = "3" };

    [Fact]
    public async Task SignIn_DemoOfficer_SeesTheTwelveRegionsAndTheirRegionsBodies()
    {
        var page = await Browser.NewPageAsync(Host);

        await page.SignInAsync("officer.rsk@demo.ma");

        Assert.Equal(12, await page.Locator(".region-card").CountAsync());
        Assert.Equal("Khadija Alami", (await page.Locator("#user-menu button").TextContentAsync())?.Trim());
        await page.Locator(".region-card[data-region=RSK] a.region-name").ClickAsync();
        await page.WaitForURLAsync("**/regions/RSK");
        Assert.Equal("Rabat-Salé-Kénitra", (await page.Locator("#region-name").InnerTextAsync()).Trim());
        var bodies = await page.Locator(".body-card .body-name").AllInnerTextsAsync();
        Assert.Contains("Instance chargée des questions relatives aux centres d'intérêt des jeunes", bodies);
        Assert.Equal(3, bodies.Count);
    }

    [Fact]
    public async Task SignIn_WrongPassword_StaysOnTheFormWithAnError()
    {
        var page = await Browser.NewPageAsync(Host);
        await page.GotoAsync("account/login");

        await page.FillAsync("#email", "officer.rsk@demo.ma");
        await page.FillAsync("#password", "wrong-password");
        await page.ClickAsync("#login-submit");

        Assert.Equal("Adresse e-mail ou mot de passe incorrect.", (await page.Locator("#login-error").InnerTextAsync()).Trim());
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "rw.auth");
    }

    [Fact]
    public async Task SignIn_RepeatedFailures_LockTheAccountEvenForTheRightPassword()
    {
        var page = await Browser.NewPageAsync(Host, "en-GB");
        await page.GotoAsync("account/login");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await page.FillAsync("#email", "dgct@demo.ma");
            await page.FillAsync("#password", $"wrong-{attempt}");
            await page.ClickAsync("#login-submit");
            await page.Locator("#login-error").WaitForAsync();
        }

        await page.FillAsync("#email", "dgct@demo.ma");
        await page.FillAsync("#password", RegionalWorkspace.Data.DemoData.Password);
        await page.ClickAsync("#login-submit");

        Assert.StartsWith("Too many failed attempts: account locked.", (await page.Locator("#login-error").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenTab_AccountDisabledMeanwhile_IsSentToSignInWithinSeconds()
    {
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("arm@demo.ma", returnUrl: "/regions/SM");
        await page.Locator("#region-name").WaitForAsync();
        var admin = await Host.PrincipalAsync("admin@demo.ma");
        var target = (await Host.Get<AccountsService>().ListAsync(admin, "arm@demo.ma", 0, 10)).Items.Single();

        await Host.Get<AccountsService>().SetDisabledAsync(admin, target.Id, disabled: true);

        // The tab is not reloaded by the test: the server ends its session and sends it to sign-in.
        await page.WaitForURLAsync("**/account/login**", new PageWaitForURLOptions { Timeout = 15_000 });
        await page.GotoAsync("/regions/SM");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);

        await page.FillAsync("#email", "arm@demo.ma");
        await page.FillAsync("#password", RegionalWorkspace.Data.DemoData.Password);
        await page.ClickAsync("#login-submit");
        Assert.Equal("Ce compte est désactivé. Contactez l'administrateur de l'espace.", (await page.Locator("#login-error").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task SignOut_FromTheUserMenu_EndsTheSession()
    {
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("leadership@demo.ma");

        await page.Locator("#user-menu button").ClickAsync();
        await page.Locator("#logout").ClickAsync();
        await page.WaitForURLAsync("**/account/login**");
        await page.GotoAsync("/");

        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Shell;

/// <summary>What any HTTP client sees: deny by default, health, language negotiation, static assets.</summary>
public sealed class HttpShellTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private AppHost Host => fixture.Host;

    [Theory]
    [InlineData("/")]
    [InlineData("/regions/RSK")]
    [InlineData("/admin/accounts")]
    public async Task Get_Anonymous_RedirectsToSignIn(string path)
    {
        using var client = Host.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/assets/css/app.css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/_framework/blazor.web.js")]
    public async Task Get_StaticAsset_IsServedWithoutSignIn(string path)
    {
        using var client = Host.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_DatabaseMigrated_ReportsHealthyChecks()
    {
        using var client = Host.CreateClient();

        using var response = await client.GetAsync("/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Contains("migrations applied", checks.GetProperty("database").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(checks.TryGetProperty("pdf-browser", out _));
    }

    [Theory]
    [InlineData("ar", "lang=\"ar\" dir=\"rtl\"", "تسجيل الدخول")]
    [InlineData("en-GB,en;q=0.8", "lang=\"en\" dir=\"ltr\"", "Sign in")]
    [InlineData("fr-MA", "lang=\"fr\" dir=\"ltr\"", "Connexion")]
    [InlineData("de-DE", "lang=\"fr\" dir=\"ltr\"", "Connexion")]
    public async Task LoginPage_AcceptLanguage_ChoosesTheLanguageAndDirection(string acceptLanguage, string htmlAttributes, string title)
    {
        using var client = Host.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(StringWithQualityHeaderValue.Parse(acceptLanguage.Split(',')[0]));

        var html = await client.GetStringAsync("/account/login");

        Assert.Contains($"<html {htmlAttributes}>", html, StringComparison.Ordinal);
        Assert.Contains(title, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CultureSet_StoresTheChoiceInACookieThatWinsOverTheBrowser()
    {
        using var client = Host.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        using var set = await client.GetAsync("/culture/set?culture=ar&returnUrl=%2Faccount%2Flogin");
        var html = await client.GetStringAsync("/account/login");

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/account/login", set.Headers.Location!.OriginalString);
        Assert.Contains("dir=\"rtl\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/culture/set?culture=xx&returnUrl=%2F", HttpStatusCode.BadRequest, null)]
    [InlineData("/culture/set?culture=fr&returnUrl=https%3A%2F%2Fevil.example%2F", HttpStatusCode.Redirect, "/")]
    [InlineData("/culture/set?culture=fr&returnUrl=%2F%2Fevil.example", HttpStatusCode.Redirect, "/")]
    public async Task CultureSet_BadInput_IsRefusedOrKeptLocal(string url, HttpStatusCode status, string? location)
    {
        using var client = Host.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }
}

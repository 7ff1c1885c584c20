using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Shell;

/// <summary>The HTTP surface's hardening: security headers, live connections from foreign origins, sign-in rate limit, antiforgery, circuit limits.</summary>
public sealed partial class HardeningTests : IAsyncLifetime
{
    private const string Foreign = "https://evil.example";
    private const string Proxy = "https://workspace.example.ma";

    private AppHost Host { get; set; } = default!;

    public async Task InitializeAsync() => Host = await AppHost.StartAsync(new Dictionary<string, string?>
    {
        ["Security:SignInsPerMinute"] = "4",
        ["Security:AllowedOrigins:0"] = Proxy,
        ["Security:DisconnectedCircuitMaxRetained"] = "7",
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/assets/css/app.css")]
    [InlineData("/healthz")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        using var client = Host.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Matches(@"script-src 'self' 'nonce-[0-9A-F]{32}';", csp);
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Page_TheOnlyInlineScript_CarriesThisResponsesNonce_WhichChangesEveryTime()
    {
        using var client = Host.CreateClient();

        var nonces = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await client.GetAsync("/account/login");
            var html = await response.Content.ReadAsStringAsync();
            var nonce = NonceInHeader().Match(string.Join(";", response.Headers.GetValues("Content-Security-Policy"))).Groups[1].Value;
            var inline = InlineScripts().Matches(html).Select(m => m.Value).ToList();
            Assert.NotEmpty(inline);
            Assert.All(inline, tag => Assert.Contains($"nonce=\"{nonce}\"", tag, StringComparison.Ordinal));
            nonces.Add(nonce);
        }

        Assert.NotEqual(nonces[0], nonces[1]);
    }

    [Theory]
    [InlineData("/_blazor/negotiate?negotiateVersion=1")]
    [InlineData("/hubs/workspace/negotiate?negotiateVersion=1")]
    public async Task Negotiate_FromAForeignOrigin_IsRefused_FromTheAppsOwnOrAnAllowedOne_IsNot(string path)
    {
        using var client = Host.CreateClient();
        await SignInAsync(client, "leadership@demo.ma");

        foreach (var (origin, refused) in new[] { (Foreign, true), ("null", true), (Host.BaseUrl.GetLeftPart(UriPartial.Authority), false), (Proxy, false) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path);
            request.Headers.Add("Origin", origin);
            using var response = await client.SendAsync(request);
            Assert.Equal(refused, response.StatusCode == HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task WebSocket_FromAForeignOrigin_IsRefusedAtTheHandshake()
    {
        var cookies = await HubClient.SignInAsync(Host.BaseUrl, "leadership@demo.ma");
        var url = new UriBuilder(new Uri(Host.BaseUrl, WorkspaceHub.Path)) { Scheme = "ws" }.Uri;
        using var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", Foreign);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(url, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task HubClient_WithoutAnOrigin_StillConnects()
    {
        await using var client = await HubClient.ConnectAsync(Host.BaseUrl, "leadership@demo.ma");

        Assert.Equal(HubConnectionState.Connected, client.Connection.State);
    }

    [Fact]
    public async Task SignIn_OverTheLimitPerMinute_IsRefusedWith429_ThenTheFormSaysWhy()
    {
        using var client = Host.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            // A forwarded address from a client that is not a known proxy is ignored: it cannot escape the limit.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = JsonContent.Create(new { email = "nobody@demo.ma", password = "wrong" }) };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            using var attempt = await client.SendAsync(request);
            statuses.Add(attempt.StatusCode);
        }

        using var refused = await client.PostAsJsonAsync("/api/session", new { email = "leadership@demo.ma", password = RegionalWorkspace.Data.DemoData.Password });
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.DoesNotContain(refused.Headers, h => h.Key == "Set-Cookie");

        // The sign-in form is limited too (same address): it is sent back to itself with the reason.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "leadership@demo.ma", ["Input.Password"] = "x", ["_handler"] = "login" });
        using var posted = await client.PostAsync("/account/login?ReturnUrl=%2Ftrainings", form);
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal("/account/login?throttled=1&ReturnUrl=%2Ftrainings", posted.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync(posted.Headers.Location.OriginalString);
        Assert.Contains("Trop de tentatives de connexion depuis cette adresse", page, StringComparison.Ordinal);

        // Pages are not limited.
        using var get = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_IsRefused_AndTheSessionStays()
    {
        using var client = Host.CreateClient();
        await SignInAsync(client, "cese@demo.ma");

        using var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        using var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public void Circuits_AreBounded_FromTheSettings()
    {
        var circuits = Host.Get<IOptions<CircuitOptions>>().Value;

        Assert.Equal(7, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromMinutes(3), circuits.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(10, circuits.MaxBufferedUnacknowledgedRenderBatches);
        Assert.False(circuits.DetailedErrors);
    }

    private static async Task SignInAsync(HttpClient client, string email)
    {
        using var response = await client.PostAsJsonAsync("/api/session", new { email, password = RegionalWorkspace.Data.DemoData.Password });
        response.EnsureSuccessStatusCode();
    }

    [GeneratedRegex("script-src 'self' 'nonce-([^']+)'")]
    private static partial Regex NonceInHeader();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex InlineScripts();
}

/// <summary>Behind a known proxy the sign-in limit counts each client's forwarded address; from anyone else the header is ignored.</summary>
public sealed class SignInLimitBehindAProxyTests : IAsyncLifetime
{
    private AppHost Host { get; set; } = default!;

    public async Task InitializeAsync() => Host = await AppHost.StartAsync(new Dictionary<string, string?>
    {
        ["Security:SignInsPerMinute"] = "2",
        ["Security:KnownProxies:0"] = "127.0.0.1",
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task EachForwardedClient_HasItsOwnLimit()
    {
        using var client = Host.CreateClient();

        var first = await AttemptsAsync(client, "203.0.113.7", 3);
        var second = await AttemptsAsync(client, "203.0.113.8", 1);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.Unauthorized], second);
    }

    private static async Task<List<HttpStatusCode>> AttemptsAsync(HttpClient client, string forwardedFor, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = JsonContent.Create(new { email = "nobody@demo.ma", password = "wrong" }) };
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.HttpOverrides;

namespace RegionalWorkspace.Operations;

/// <summary>The <c>Security</c> settings: browser policies, sign-in rate limit, circuit limits.</summary>
public sealed class SecurityOptions
{
    /// <summary>Origins (scheme://host[:port]) besides the app's own that may open the live connections (a reverse proxy's public name).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Addresses of the reverse proxies or load balancers in front of the app. Their <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> are believed, so that the sign-in limit counts each client's own address; empty: the
    /// headers are ignored (nobody may choose their address by sending one).
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Sign-in attempts (form and <c>POST /api/session</c>) accepted per client address and minute, besides the per-account lockout.</summary>
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Largest message a browser's circuit may send (bytes); file uploads are streamed in smaller chunks.</summary>
    public long CircuitMaxMessageBytes { get; set; } = 32 * 1024;

    /// <summary>Disconnected circuits kept in memory for a reconnection, at most.</summary>
    public int DisconnectedCircuitMaxRetained { get; set; } = 100;

    /// <summary>How long a disconnected circuit waits for its browser to come back.</summary>
    public TimeSpan DisconnectedCircuitRetention { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Render batches sent to a browser and not yet acknowledged before the server waits.</summary>
    public int MaxBufferedRenderBatches { get; set; } = 10;
}

/// <summary>
/// Hardening of the HTTP surface: Content-Security-Policy with a per-request nonce (the import map is the only inline
/// script), no framing, a strict referrer policy, live connections (Blazor circuits, the hub) refused from foreign
/// origins, sign-in attempts rate-limited per client address, and bounded circuits.
/// </summary>
public static class Hardening
{
    private const string NonceKey = "rw-csp-nonce";

    public static WebApplicationBuilder AddWorkspaceHardening(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Security");
        builder.Services.Configure<SecurityOptions>(section);
        var options = section.Get<SecurityOptions>() ?? new SecurityOptions();

        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in options.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });

        builder.Services.Configure<CircuitOptions>(o =>
        {
            o.DisconnectedCircuitMaxRetained = options.DisconnectedCircuitMaxRetained;
            o.DisconnectedCircuitRetentionPeriod = options.DisconnectedCircuitRetention;
            o.MaxBufferedUnacknowledgedRenderBatches = options.MaxBufferedRenderBatches;
            o.DetailedErrors = false;
        });

        // Only sign-in attempts are limited: the form's POST and the API's; pages and assets are not.
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignInAttempt(http.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, options.SignInsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (context, ct) => RejectSignInAsync(context.HttpContext, context.Lease, ct);
        });
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = options.CircuitMaxMessageBytes);
        return builder;
    }

    /// <summary>Security headers and the origin check; call before the endpoints.</summary>
    public static WebApplication UseWorkspaceHardening(this WebApplication app)
    {
        // With no proxy declared the middleware is left out: with empty lists it would believe every sender.
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value.KnownProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        app.Use(async (http, next) =>
        {
            if (IsLiveConnection(http.Request.Path) && !OriginAllowed(http))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await http.Response.WriteAsync("Cross-origin live connections are refused.");
                return;
            }

            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)); // no character HTML would escape
            http.Items[NonceKey] = nonce;
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy =
                    $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
                    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers.XContentTypeOptions = "nosniff";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), fullscreen=(self)";
                return Task.CompletedTask;
            });
            await next(http);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The nonce of this response's Content-Security-Policy, for the one inline script (the import map).</summary>
    public static string? CspNonce(this HttpContext? http) => http?.Items[NonceKey] as string;

    private static bool IsSignInAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.StartsWithSegments("/account/login", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/api/session", StringComparison.OrdinalIgnoreCase));

    private static bool IsLiveConnection(PathString path) =>
        path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(Realtime.WorkspaceHub.Path, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Browsers always send <c>Origin</c> on WebSocket and cross-site requests; other clients (scripts, wall displays)
    /// send none. A foreign origin is refused: a page elsewhere must not ride the user's cookie into a circuit or the hub.
    /// </summary>
    private static bool OriginAllowed(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var own = $"{http.Request.Scheme}://{http.Request.Host.Value}";
        if (string.Equals(origin.TrimEnd('/'), own, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var allowed = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value.AllowedOrigins;
        return allowed.Any(a => Uri.TryCreate(a, UriKind.Absolute, out var candidate)
            && string.Equals(candidate.Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(candidate.Authority, uri.Authority, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The sign-in form is sent back to itself with the notice (the person sees why, in their language); API callers
    /// get 429 with <c>Retry-After</c>.
    /// </summary>
    private static async ValueTask RejectSignInAsync(HttpContext http, RateLimitLease lease, CancellationToken ct)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/account/login", StringComparison.OrdinalIgnoreCase))
        {
            var returnUrl = http.Request.Query["ReturnUrl"].ToString();
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = "/account/login?throttled=1" + (returnUrl.Length > 0 ? "&ReturnUrl=" + WebUtility.UrlEncode(returnUrl) : "");
            return;
        }

        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await http.Response.WriteAsJsonAsync(
            new { title = "Too many sign-in attempts from this address; try again in a minute.", status = 429 },
            ct);
    }
}

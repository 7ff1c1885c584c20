using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Localization;
using RegionalWorkspace.Features.Accounts;

namespace RegionalWorkspace.Resources;

/// <summary>
/// The workspace speaks French (default), Arabic (right-to-left) and English. The choice comes from the culture cookie
/// (set when a user switches language, and at sign-in from their saved preference), then the browser's Accept-Language,
/// then French.
/// </summary>
public static class Cultures
{
    public const string French = "fr";
    public const string Arabic = "ar";
    public const string English = "en";

    public static readonly IReadOnlyList<string> Supported = [French, Arabic, English];

    public static bool IsSupported(string? culture) => culture is not null && Supported.Contains(culture);

    public static bool IsRightToLeft => CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft;

    public static bool IsArabic => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Arabic;

    /// <summary>The name to show for something that has a French and an Arabic name.</summary>
    public static string Pick(string nameFr, string? nameAr) => IsArabic && !string.IsNullOrWhiteSpace(nameAr) ? nameAr : nameFr;

    private static readonly Dictionary<string, CultureInfo> s_cultures = Supported.ToDictionary(c => c, Create);

    /// <summary>The workspace's culture for "fr", "ar" or "en" (French for anything else).</summary>
    public static CultureInfo Get(string? name) => s_cultures.GetValueOrDefault(name ?? French) ?? s_cultures[French];

    /// <summary>Arabic as used in Morocco: Gregorian calendar and Western digits, whatever the platform's default for "ar".</summary>
    private static CultureInfo Create(string name)
    {
        var culture = new CultureInfo(name);
        if (name == Arabic)
        {
            culture.DateTimeFormat.Calendar = new GregorianCalendar();
            culture.NumberFormat.DigitSubstitution = DigitShapes.None;
        }

        return culture;
    }

    public static WebApplicationBuilder AddWorkspaceLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Supported.Select(Get).ToList();
            o.DefaultRequestCulture = new RequestCulture(cultures[0]);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return builder;
    }

    /// <summary>
    /// <c>GET /culture/set?culture=ar&amp;returnUrl=/regions/RSK</c>: remembers the language in a cookie and, for a
    /// signed-in user, in their account, then reloads the page in that language.
    /// </summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/set", async (string? culture, string? returnUrl, HttpContext http, AccountsService accounts) =>
        {
            if (!IsSupported(culture))
            {
                return Results.BadRequest("Unsupported culture.");
            }

            SetCookie(http, culture!);
            if (http.User.Identity?.IsAuthenticated == true && http.User.FindFirstValue(ClaimTypes.NameIdentifier) is not null)
            {
                await accounts.SavePreferencesAsync(http.User, culture, null, http.RequestAborted);
            }

            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous();
        return endpoints;
    }

    public static void SetCookie(HttpContext http, string culture) =>
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}

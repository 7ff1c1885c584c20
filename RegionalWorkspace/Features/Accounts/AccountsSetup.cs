using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Accounts;

public sealed class AccountOptions
{
    /// <summary>How often an open tab re-checks its account (disabled, role changed). The framework's default is 30 minutes.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}

public static class AccountsSetup
{
    public const string DisplayNameClaim = "rw:display_name";
    public const string RegionClaim = "rw:region";

    public static WebApplicationBuilder AddWorkspaceAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AccountOptions>(builder.Configuration.GetSection("Accounts"));
        var options = builder.Configuration.GetSection("Accounts").Get<AccountOptions>() ?? new AccountOptions();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "rw.auth";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            // API and hub clients get status codes, not a redirect to the sign-in page.
            o.Events.OnRedirectToLogin = context => IsApi(context.Request)
                ? Status(context.Response, StatusCodes.Status401Unauthorized)
                : Redirect(context);
            o.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
                ? Status(context.Response, StatusCodes.Status403Forbidden)
                : Redirect(context);
        });
        // Cookie-authenticated HTTP requests re-check the security stamp as often as open tabs do.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = options.RevalidationInterval);

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = options.MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = options.LockoutDuration;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        // Keys in the database: a restart, or another server, does not sign everyone out.
        services.AddDataProtection().SetApplicationName("RegionalWorkspace").PersistKeysToDbContext<AppDbContext>();

        services.AddAuthorization(o => o.FallbackPolicy = o.DefaultPolicy);
        services.AddSingleton<AccessControl>();
        services.AddSingleton<AccountsService>();
        return builder;
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal);

    private static Task Status(HttpResponse response, int status)
    {
        // A bare status for machines: not re-executed into the "not found" page.
        if (response.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>A disabled account cannot sign in, whatever its password.</summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) => !user.IsDisabled && await base.CanSignInAsync(user);
}

public sealed class AppClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AccountsSetup.DisplayNameClaim, user.DisplayName));
        if (user.RegionId is int regionId)
        {
            identity.AddClaim(new Claim(AccountsSetup.RegionClaim, regionId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}

/// <summary>
/// Re-checks an open circuit's account every <see cref="AccountOptions.RevalidationInterval"/>: a disabled account, or
/// one whose role or region changed (its security stamp moves), becomes anonymous and the tab is sent to sign-in.
/// </summary>
internal sealed class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IDbContextFactory<AppDbContext> dbFactory,
    IOptions<IdentityOptions> identityOptions,
    IOptions<AccountOptions> accountOptions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => accountOptions.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        if (userId is null)
        {
            return false;
        }

        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Users.AnyAsync(u => u.Id == userId && !u.IsDisabled && u.SecurityStamp == stamp, cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            // The app is shutting down (its services are gone) while a circuit's check was due: nothing to revalidate.
            return true;
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            // The database is briefly unreachable: keep the person signed in; the next check (one interval on) decides.
            return true;
        }
    }
}

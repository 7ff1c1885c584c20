using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace RegionalWorkspace.Features.Accounts;

/// <summary>Sign-in for clients other than the browser (hub clients, scripts).</summary>
public sealed record SessionRequest(string? Email, string? Password);

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post with the antiforgery token (the user menu's "Sign out").
        // The token is checked here: a minimal endpoint that binds no form is not checked by the antiforgery middleware.
        endpoints.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem("The sign-out form has expired; reload the page and sign out again.", statusCode: StatusCodes.Status400BadRequest);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });

        // POST /api/session {"email","password"}: sets the workspace cookie, as the sign-in form does (same lockout).
        endpoints.MapPost("/api/session", async (HttpContext http, SignInManager<AppUser> signIn) =>
        {
            // Read by hand: a body that is not this JSON gets a message, not the framework's empty 400.
            SessionRequest? request;
            try
            {
                request = await http.Request.ReadFromJsonAsync<SessionRequest>(http.RequestAborted);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or BadHttpRequestException)
            {
                request = null;
            }

            if (request is null || string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password) || request.Email.Length > 256 || request.Password.Length > 256)
            {
                return Results.Problem("E-mail and password are required.", statusCode: StatusCodes.Status400BadRequest);
            }

            var user = await signIn.UserManager.FindByEmailAsync(request.Email.Trim());
            var result = user is null
                ? SignInResult.Failed
                : await signIn.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true);
            return result switch
            {
                { Succeeded: true } => Results.Ok(new { user!.DisplayName }),
                { IsLockedOut: true } => Results.Problem("Account locked after repeated failures.", statusCode: StatusCodes.Status423Locked),
                { IsNotAllowed: true } => Results.Problem("Account disabled.", statusCode: StatusCodes.Status403Forbidden),
                _ => Results.Problem("Wrong e-mail or password.", statusCode: StatusCodes.Status401Unauthorized),
            };
        }).AllowAnonymous().DisableAntiforgery();

        endpoints.MapDelete("/api/session", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.NoContent();
        });
        return endpoints;
    }
}

using Microsoft.Extensions.Localization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Backups;

public static class BackupsSetup
{
    /// <summary>
    /// Backups (the administration page, downloads) and the shared lock a running server holds on its SQLite database.
    /// Call it before <c>AddWorkspaceDatabase</c>: hosted services start in order, and the lock must be taken before the
    /// database is opened (a server must not start on a database being restored).
    /// </summary>
    public static WebApplicationBuilder AddWorkspaceBackups(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => BackupLocations.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IWebHostEnvironment>()));
        builder.Services.AddSingleton<BackupService>();
        builder.Services.AddHostedService<DatabaseInUseLock>();
        return builder;
    }

    /// <summary><c>GET /admin/backups/{name}</c>: an archive as a download, for administrators; any other name is not found.</summary>
    public static IEndpointRouteBuilder MapBackupEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/backups/{name}", async (string name, HttpContext http, BackupService backups, IStringLocalizer<Strings> l) =>
        {
            try
            {
                var (row, content) = await backups.OpenAsync(http.User, name, http.RequestAborted);
                http.Response.RegisterForDisposeAsync(content);
                http.Response.Headers.CacheControl = "no-store";
                return Results.File(content, "application/zip", row.Name, lastModified: row.CreatedAtUtc, enableRangeProcessing: true);
            }
            catch (WorkspaceException ex)
            {
                var status = ex is AccessDeniedException ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound;
                return Results.Problem(l.Error(ex), statusCode: status);
            }
        });
        return endpoints;
    }
}

using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.ListeningSessions;

public static class ListeningSessionsSetup
{
    /// <summary>Listening sessions (C5) and their contributions.</summary>
    public static WebApplicationBuilder AddWorkspaceListeningSessions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ListeningSessionsService>();
        builder.Services.AddSingleton<ContributionsService>();
        return builder;
    }

    /// <summary>
    /// <c>GET /listening-sessions/contributions/files/{id}</c>: a contribution's file as a download, for whoever may see its
    /// session; for anyone else (an officer of a region not invited) it does not exist. Signing in is required (the fallback policy).
    /// </summary>
    public static IEndpointRouteBuilder MapListeningSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/listening-sessions/contributions/files/{id:int}", ServeAsync);
        return endpoints;
    }

    public static string FileUrl(int attachmentId) => $"/listening-sessions/contributions/files/{attachmentId}";

    private static async Task<IResult> ServeAsync(int id, HttpContext http, ContributionsService contributions, IStringLocalizer<Strings> l)
    {
        try
        {
            var (row, content) = await contributions.OpenFileAsync(http.User, id, http.RequestAborted);
            http.Response.RegisterForDisposeAsync(content);
            var headers = http.Response.Headers;
            // The stored type is the one the content was checked to be; the browser must not guess another.
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            headers.CacheControl = "private, no-cache";
            return Results.File(content, row.ContentType, row.FileName, lastModified: row.UploadedAtUtc,
                entityTag: new EntityTagHeaderValue($"\"{row.Sha256}\""), enableRangeProcessing: true);
        }
        catch (WorkspaceException ex)
        {
            var status = ex switch
            {
                NotFoundException => StatusCodes.Status404NotFound,
                AccessDeniedException => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status500InternalServerError,
            };
            return Results.Problem(l.Error(ex), statusCode: status);
        }
    }
}

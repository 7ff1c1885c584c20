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

    private static Task<IResult> ServeAsync(int id, HttpContext http, ContributionsService contributions, IStringLocalizer<Strings> l) =>
        StoredFileDownload.ServeAsync(http, l, async ct =>
        {
            var (row, content) = await contributions.OpenFileAsync(http.User, id, ct);
            return (new StoredFileInfo(row.ContentType, row.FileName, row.UploadedAtUtc, row.Sha256), content);
        });
}

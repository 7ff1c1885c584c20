using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Studies;

public static class StudyAttachmentEndpoints
{
    /// <summary>
    /// <c>GET /studies/attachments/{id}</c>: a study request's file as a download, for whoever may read the request. A
    /// file of a request the caller may not see (another region's officer) is not found. Signing in is required (the
    /// fallback policy).
    /// </summary>
    public static IEndpointRouteBuilder MapStudyAttachmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/studies/attachments/{id:int}", ServeAsync);
        return endpoints;
    }

    private static Task<IResult> ServeAsync(int id, HttpContext http, StudyRequestsService studies, IStringLocalizer<Strings> l) =>
        StoredFileDownload.ServeAsync(http, l, async ct =>
        {
            var (row, content) = await studies.OpenAttachmentAsync(http.User, id, ct);
            return (new StoredFileInfo(row.ContentType, row.FileName, row.UploadedAtUtc, row.Sha256), content);
        });
}

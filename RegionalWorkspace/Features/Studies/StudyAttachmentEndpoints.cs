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

    private static async Task<IResult> ServeAsync(int id, HttpContext http, StudyRequestsService studies, IStringLocalizer<Strings> l)
    {
        try
        {
            var (row, content) = await studies.OpenAttachmentAsync(http.User, id, http.RequestAborted);
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

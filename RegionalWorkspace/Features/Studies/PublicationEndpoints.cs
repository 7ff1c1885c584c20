using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Studies;

public static class PublicationEndpoints
{
    public static string DocumentUrl(int publicationId) => $"/publications/{publicationId}/document";

    /// <summary>
    /// <c>GET /publications/{id}/document</c>: the publication's document as a download, for whoever may see the
    /// publication (an unapproved one: CESE staff only). Otherwise not found. Signing in is required (the fallback policy).
    /// </summary>
    public static IEndpointRouteBuilder MapPublicationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/publications/{id:int}/document", ServeAsync);
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(int id, HttpContext http, PublicationsService publications, IStringLocalizer<Strings> l)
    {
        try
        {
            var (document, content) = await publications.OpenDocumentAsync(http.User, id, http.RequestAborted);
            http.Response.RegisterForDisposeAsync(content);
            var headers = http.Response.Headers;
            // The stored type is the one the content was checked to be; the browser must not guess another.
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            headers.CacheControl = "private, no-cache";
            return Results.File(content, document.ContentType, document.FileName, lastModified: document.UpdatedAtUtc,
                entityTag: new EntityTagHeaderValue($"\"{document.Sha256}\""), enableRangeProcessing: true);
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

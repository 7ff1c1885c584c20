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

    private static Task<IResult> ServeAsync(int id, HttpContext http, PublicationsService publications, IStringLocalizer<Strings> l) =>
        StoredFileDownload.ServeAsync(http, l, async ct =>
        {
            var (row, content) = await publications.OpenDocumentAsync(http.User, id, ct);
            return (new StoredFileInfo(row.ContentType, row.FileName, row.UpdatedAtUtc, row.Sha256), content);
        });
}

using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Practices;

public static class PracticeAttachmentEndpoints
{
    /// <summary>
    /// <c>GET /practices/attachments/{id}</c>: the file as a download, for whoever may read its practice.
    /// <c>GET /practices/attachments/{id}/view</c>: an image shown inline (the thumbnails); other types are not found there.
    /// An attachment the caller may not see is not found. Signing in is required (the fallback policy).
    /// </summary>
    public static IEndpointRouteBuilder MapPracticeAttachmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/practices/attachments/{id:int}", (int id, HttpContext http, PracticeAttachmentsService attachments, IStringLocalizer<Strings> l) =>
            ServeAsync(id, inline: false, http, attachments, l));
        endpoints.MapGet("/practices/attachments/{id:int}/view", (int id, HttpContext http, PracticeAttachmentsService attachments, IStringLocalizer<Strings> l) =>
            ServeAsync(id, inline: true, http, attachments, l));
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(int id, bool inline, HttpContext http, PracticeAttachmentsService attachments, IStringLocalizer<Strings> l)
    {
        try
        {
            var (row, content) = await attachments.OpenAsync(http.User, id, http.RequestAborted);
            http.Response.RegisterForDisposeAsync(content);
            if (inline && !row.IsImage)
            {
                throw new NotFoundException("Error.AttachmentNotFound");
            }

            var headers = http.Response.Headers;
            StoredFileDownload.SetHeaders(headers);
            var tag = StoredFileDownload.EntityTag(row.Sha256);
            if (!inline)
            {
                return Results.File(content, row.ContentType, row.FileName, lastModified: row.UploadedAtUtc, entityTag: tag, enableRangeProcessing: true);
            }

            var disposition = new ContentDispositionHeaderValue("inline");
            disposition.SetHttpFileName(row.FileName);
            headers.ContentDisposition = disposition.ToString();
            return Results.File(content, row.ContentType, lastModified: row.UploadedAtUtc, entityTag: tag);
        }
        catch (WorkspaceException ex)
        {
            return StoredFileDownload.Problem(ex, l);
        }
    }
}

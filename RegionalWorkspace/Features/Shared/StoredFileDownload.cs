using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Shared;

/// <summary>What a download endpoint needs to know of a stored file (checked type, name, time, content hash).</summary>
public sealed record StoredFileInfo(string ContentType, string FileName, DateTimeOffset LastModified, string Sha256);

/// <summary>
/// Serving a file from the <see cref="FileStore"/> over HTTP, the same way for every feature: the headers that keep a
/// browser from guessing another type or running it, revalidation by the content's hash, and a refusal of the use case
/// (not found, not allowed) answered as a problem in the caller's language.
/// </summary>
public static class StoredFileDownload
{
    /// <summary>Opens the file through <paramref name="open"/> (the feature's use case, which checks who may read it) and serves it as a download.</summary>
    public static async Task<IResult> ServeAsync(HttpContext http, IStringLocalizer<Strings> l, Func<CancellationToken, Task<(StoredFileInfo File, Stream Content)>> open)
    {
        try
        {
            var (file, content) = await open(http.RequestAborted);
            http.Response.RegisterForDisposeAsync(content);
            SetHeaders(http.Response.Headers);
            return Results.File(content, file.ContentType, file.FileName, lastModified: file.LastModified, entityTag: EntityTag(file.Sha256), enableRangeProcessing: true);
        }
        catch (WorkspaceException ex)
        {
            return Problem(ex, l);
        }
    }

    public static void SetHeaders(IHeaderDictionary headers)
    {
        // The stored type is the one the content was checked to be; the browser must not guess another.
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        // Drafts and restricted records are not for shared caches; the ETag (the content's hash) lets the browser revalidate cheaply.
        headers.CacheControl = "private, no-cache";
    }

    public static EntityTagHeaderValue EntityTag(string sha256) => new($"\"{sha256}\"");

    public static IResult Problem(WorkspaceException ex, IStringLocalizer<Strings> l) =>
        Results.Problem(l.Error(ex), statusCode: ex switch
        {
            NotFoundException => StatusCodes.Status404NotFound,
            AccessDeniedException => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status500InternalServerError,
        });
}

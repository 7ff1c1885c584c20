using Microsoft.Extensions.Localization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Pdf;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Regions;

public static class RegionEndpoints
{
    /// <summary>
    /// <c>GET /regions/{code}/summary.pdf?from=2026-01-01&amp;to=2026-12-31&amp;lang=fr</c>: the region summary as a download.
    /// Refusals answer with a problem whose detail is in the request's language.
    /// </summary>
    public static IEndpointRouteBuilder MapRegionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/regions/{code}/summary.pdf", async (string code, DateOnly? from, DateOnly? to, string? lang, HttpContext http,
            RegionReportService reports, IStringLocalizer<Strings> l) =>
        {
            try
            {
                var file = await reports.ExportPdfAsync(http.User, code, from, to, lang ?? Cultures.French, http.RequestAborted);
                return Results.File(file.Content, file.ContentType, file.FileName);
            }
            catch (ValidationFailedException ex)
            {
                return Results.Problem(string.Join(" ", ex.Errors.Select(e => $"{e.Field}: {l.Field(e)}")), statusCode: StatusCodes.Status400BadRequest);
            }
            catch (WorkspaceException ex)
            {
                var status = ex switch
                {
                    NotFoundException => StatusCodes.Status404NotFound,
                    AccessDeniedException => StatusCodes.Status403Forbidden,
                    PdfUnavailableException => StatusCodes.Status503ServiceUnavailable,
                    PdfTimeoutException => StatusCodes.Status504GatewayTimeout,
                    _ => StatusCodes.Status500InternalServerError,
                };
                return Results.Problem(l.Error(ex), statusCode: status);
            }
        });
        return endpoints;
    }
}

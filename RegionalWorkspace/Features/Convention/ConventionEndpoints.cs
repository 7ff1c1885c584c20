using Microsoft.Extensions.Localization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Pdf;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Convention;

public static class ConventionEndpoints
{
    /// <summary>
    /// <c>GET /convention/report.pdf?period=2026&amp;lang=fr</c> (period: 2026, 2026-T3 or 2026-01-01..2026-06-30; lang: fr,
    /// ar or en, French by default): the convention implementation report as a download. A bad period or language answers
    /// 400, a refusal 403, each with a problem whose detail is in the request's language.
    /// </summary>
    public static IEndpointRouteBuilder MapConventionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/convention/report.pdf", async (string? period, string? lang, HttpContext http, ConventionReportService reports, IStringLocalizer<Strings> l) =>
        {
            try
            {
                var file = await reports.ExportPdfAsync(http.User, period, lang ?? Cultures.French, http.RequestAborted);
                return Results.File(file.Content, file.ContentType, file.FileName);
            }
            catch (ValidationFailedException ex)
            {
                return Results.Problem(string.Join(" ", ex.Errors.Select(e => l.Field(e))), statusCode: StatusCodes.Status400BadRequest);
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

using Microsoft.Extensions.Localization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Pdf;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Trainings.Documents;

public static class TrainingDocumentsEndpoints
{
    /// <summary>
    /// A session's documents as downloads, <c>?lang=fr|ar</c> (French when absent):
    /// <c>GET /trainings/sessions/{id}/attendance-sheet.pdf</c>, <c>…/certificates.pdf[?participant=ID]</c>,
    /// <c>…/attendance.xlsx</c>, <c>…/attendance.csv</c>. Refusals answer with a problem whose detail is in the request's
    /// language: 400 bad input, 403 not allowed, 404 unknown session or person, 503 no PDF browser, 504 too slow.
    /// </summary>
    public static IEndpointRouteBuilder MapTrainingDocumentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/trainings/sessions/{id:int}").RequireAuthorization();
        group.MapGet("/attendance-sheet.pdf", (int id, string? lang, HttpContext http, TrainingDocumentsService documents, IStringLocalizer<Strings> l) =>
            ServeAsync(documents, http, l, id, SessionDocument.AttendanceSheet, lang, null));
        group.MapGet("/certificates.pdf", (int id, string? lang, int? participant, HttpContext http, TrainingDocumentsService documents, IStringLocalizer<Strings> l) =>
            ServeAsync(documents, http, l, id, SessionDocument.Certificates, lang, participant));
        group.MapGet("/attendance.xlsx", (int id, string? lang, HttpContext http, TrainingDocumentsService documents, IStringLocalizer<Strings> l) =>
            ServeAsync(documents, http, l, id, SessionDocument.AttendanceXlsx, lang, null));
        group.MapGet("/attendance.csv", (int id, string? lang, HttpContext http, TrainingDocumentsService documents, IStringLocalizer<Strings> l) =>
            ServeAsync(documents, http, l, id, SessionDocument.AttendanceCsv, lang, null));
        return endpoints;
    }

    /// <summary>The address of a document, for links and tests.</summary>
    public static string Url(int sessionId, SessionDocument document, string lang, int? participantId = null) => document switch
    {
        SessionDocument.AttendanceSheet => $"/trainings/sessions/{sessionId}/attendance-sheet.pdf?lang={lang}",
        SessionDocument.Certificates when participantId is { } id => $"/trainings/sessions/{sessionId}/certificates.pdf?lang={lang}&participant={id}",
        SessionDocument.Certificates => $"/trainings/sessions/{sessionId}/certificates.pdf?lang={lang}",
        SessionDocument.AttendanceXlsx => $"/trainings/sessions/{sessionId}/attendance.xlsx?lang={lang}",
        _ => $"/trainings/sessions/{sessionId}/attendance.csv?lang={lang}",
    };

    private static async Task<IResult> ServeAsync(TrainingDocumentsService documents, HttpContext http, IStringLocalizer<Strings> l,
        int id, SessionDocument document, string? lang, int? participant)
    {
        try
        {
            var file = await documents.ExportAsync(http.User, id, document, lang ?? Cultures.French, participant, http.RequestAborted);
            // Attendance lists hold personal data: not for shared caches.
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(file.Content, file.ContentType, file.FileName);
        }
        catch (ValidationFailedException ex)
        {
            return Results.Problem(string.Join(" ", ex.Errors.Select(l.Field)), statusCode: StatusCodes.Status400BadRequest);
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
    }
}

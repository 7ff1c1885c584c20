using System.Globalization;
using System.Text;

namespace RegionalWorkspace.Features.Trainings.Evaluation;

/// <summary>CSV import of participants and session evaluations. Wired in WorkspaceApp.</summary>
public static class EvaluationSetup
{
    public const string TemplatePath = "/trainings/participants-template.csv";

    public static WebApplicationBuilder AddTrainingImportAndEvaluation(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ParticipantImportService>();
        builder.Services.AddSingleton<EvaluationService>();
        return builder;
    }

    /// <summary>
    /// <c>GET /trainings/participants-template.csv</c>: an example file in the reader's language (UTF-8 with a byte-order
    /// mark and semicolons, as French Excel opens it directly). The evaluation form itself is a page
    /// (<see cref="EvaluationPage"/>), open without signing in.
    /// </summary>
    public static IEndpointRouteBuilder MapTrainingEvaluation(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(TemplatePath, () =>
        {
            var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            var csv = new StringBuilder();
            foreach (var row in ParticipantCsv.TemplateExamples(culture).Prepend(ParticipantCsv.TemplateHeader(culture)))
            {
                csv.Append(string.Join(';', row.Select(f => CsvFile.Quote(f, ';')))).Append("\r\n");
            }

            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
            return Results.File(bytes, "text/csv; charset=utf-8", $"participants-{culture}.csv");
        });
        return endpoints;
    }
}

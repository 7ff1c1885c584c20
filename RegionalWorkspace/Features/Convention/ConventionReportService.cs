using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Convention.Report;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Pdf;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Convention;

/// <summary>
/// The convention implementation report: the figures of a period (<see cref="ConventionFiguresService"/>) printed as a
/// PDF in French, Arabic or English. Who may export it: those who follow the convention (<see cref="UseCase.FollowConvention"/>:
/// leadership, administrators, ARM and DGCT coordinators, CESE staff); regional officers and trainers may not.
/// </summary>
public sealed class ConventionReportService(
    ConventionFiguresService figures,
    AccessControl access,
    PdfEngine pdf,
    IStringLocalizer<Strings> localizer,
    TimeProvider clock)
{
    /// <summary>Parses <paramref name="period"/> ("2026", "2026-T3", "2026-01-01..2026-06-30"), then exports.</summary>
    public async Task<GeneratedFile> ExportPdfAsync(ClaimsPrincipal principal, string? period, string? culture, CancellationToken ct = default)
    {
        // The refusal comes before any complaint about the input: one who may not export learns nothing else.
        await access.DemandAsync(principal, UseCase.FollowConvention, ct: ct);
        return await ExportPdfAsync(principal, ConventionPeriod.Parse(period), culture, ct);
    }

    /// <summary>The report as a PDF named <c>convention-&lt;period&gt;-&lt;yyyy-MM-dd&gt;.pdf</c> (the day it was generated).</summary>
    public async Task<GeneratedFile> ExportPdfAsync(ClaimsPrincipal principal, ConventionPeriod period, string? culture, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var actor = await access.DemandAsync(principal, UseCase.FollowConvention, ct: ct);
        if (!Cultures.IsSupported(culture))
        {
            throw new ValidationFailedException([new FieldError("Culture", "Validation.Culture")]);
        }

        var data = await figures.ComputeAsync(principal, period, ct);
        if (!pdf.IsAvailable)
        {
            throw new PdfUnavailableException(pdf.BrowserPath);
        }

        var now = clock.GetUtcNow();
        var (title, label) = InCulture(culture!, () =>
        {
            var periodLabel = Describe(period, localizer);
            return (localizer["Convention.ReportTitle", periodLabel].Value, periodLabel);
        });
        var bytes = await pdf.RenderAsync<ConventionReportDocument>(
            Parameters(data, title, label, actor.DisplayName, now),
            new PdfDocumentInfo(title, actor.DisplayName, culture!),
            ct);
        var name = period.ToString().Replace("..", "_", StringComparison.Ordinal);
        return new GeneratedFile($"convention-{name}-{now:yyyy-MM-dd}.pdf", "application/pdf", bytes);
    }

    /// <summary>The parameters of <see cref="ConventionReportDocument"/> (the benchmark and tests render it the same way).</summary>
    public static Dictionary<string, object?> Parameters(ConventionFigures figures, string title, string periodLabel, string author, DateTimeOffset generatedAt) => new()
    {
        [nameof(ConventionReportDocument.Figures)] = figures,
        [nameof(ConventionReportDocument.Title)] = title,
        [nameof(ConventionReportDocument.PeriodLabel)] = periodLabel,
        [nameof(ConventionReportDocument.Author)] = author,
        [nameof(ConventionReportDocument.GeneratedAt)] = generatedAt,
    };

    /// <summary>The period as a reader says it, in the current UI culture: "Année 2026", "3e trimestre 2026", "Du 01/01/2026 au 30/06/2026".</summary>
    public static string Describe(ConventionPeriod period, IStringLocalizer<Strings> l)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Kind switch
        {
            PeriodKind.Year => l["Convention.PeriodYear", period.Year],
            PeriodKind.Quarter => l[$"Convention.PeriodQuarter{period.QuarterNumber}", period.Year],
            _ => l["Convention.PeriodCustom", period.From.ToString("d", CultureInfo.CurrentCulture), period.To.ToString("d", CultureInfo.CurrentCulture)],
        };
    }

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Cultures.Get(culture);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }
}

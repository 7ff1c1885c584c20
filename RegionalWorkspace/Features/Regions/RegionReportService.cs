using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Pdf;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Regions;

/// <summary>The region summary: its data for a period, and the PDF in French, Arabic or English.</summary>
public sealed class RegionReportService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessControl access,
    PdfEngine pdf,
    IStringLocalizer<Strings> localizer,
    TimeProvider clock)
{
    public const int MaxYears = 10;

    public static List<FieldError> ValidatePeriod(DateOnly? from, DateOnly? to)
    {
        var errors = new List<FieldError>();
        InputRules.Date(errors, "From", from, required: true);
        InputRules.Date(errors, "To", to, required: true);
        if (errors.Count == 0 && to < from)
        {
            errors.Add(new("To", "Validation.PeriodOrder"));
        }
        else if (errors.Count == 0 && to > from!.Value.AddYears(MaxYears))
        {
            errors.Add(new("To", "Validation.PeriodTooLong", MaxYears));
        }

        return errors;
    }

    public async Task<RegionReport> BuildAsync(ClaimsPrincipal principal, string code, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ExportDocuments, ct: ct);
        InputRules.ThrowIfAny(ValidatePeriod(from, to));
        var (start, end) = (from!.Value, to!.Value);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var region = await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => new { r.Id, r.Code, r.NameFr, r.NameAr }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Error.RegionNotFound");
        var bodies = await db.Bodies.AsNoTracking().Where(b => b.RegionId == region.Id).OrderBy(b => b.Kind).ThenBy(b => b.NameFr)
            .Select(b => new
            {
                b.Kind,
                b.NameFr,
                b.NameAr,
                b.Status,
                Members = b.Members.OrderBy(m => m.FullName)
                    .Select(m => new ReportMember(m.FullName, m.FullNameAr, m.Organisation, m.SeatType, m.Gender, m.MandateStart, m.MandateEnd)).ToList(),
                Held = b.Meetings.Where(m => m.Status == MeetingStatus.Held && m.Date >= start && m.Date <= end).OrderBy(m => m.Date)
                    .Select(m => new ReportMeeting(m.Date, m.Agenda, m.Minutes, m.Outputs.OrderBy(o => o.Id).Select(o => new OutputRow(o.Kind, o.Title)).ToList())).ToList(),
            })
            .ToListAsync(ct);
        var planned = await db.BodyMeetings.CountAsync(m => m.Body!.RegionId == region.Id && m.Status == MeetingStatus.Planned && m.Date >= start && m.Date <= end, ct);

        var reportBodies = bodies.Select(b => new ReportBody(
            b.Kind, b.NameFr, b.NameAr, b.Status, b.Members,
            b.Members.GroupBy(m => m.Seat).Select(g => new SeatCount(g.Key, g.Count())).OrderByDescending(s => s.Members).ToList(),
            b.Held)).ToList();
        return new RegionReport(region.Code, region.NameFr, region.NameAr, start, end, reportBodies, PerMonth(reportBodies, start, end), planned);
    }

    /// <summary>The region summary as a PDF named <c>region-&lt;code&gt;-&lt;yyyy-MM-dd&gt;.pdf</c> (the day it was generated).</summary>
    public async Task<GeneratedFile> ExportPdfAsync(ClaimsPrincipal principal, string code, DateOnly? from, DateOnly? to, string? culture, CancellationToken ct = default)
    {
        if (!Cultures.IsSupported(culture))
        {
            throw new ValidationFailedException([new FieldError("Culture", "Validation.Culture")]);
        }

        var actor = await access.DemandAsync(principal, UseCase.ExportDocuments, ct: ct);
        var report = await BuildAsync(principal, code, from, to, ct);
        if (!pdf.IsAvailable)
        {
            throw new PdfUnavailableException(pdf.BrowserPath);
        }

        var now = clock.GetUtcNow();
        var title = InCulture(culture!, () => localizer["Report.Title", Cultures.Pick(report.NameFr, report.NameAr)].Value);
        var bytes = await pdf.RenderAsync<RegionReportDocument>(
            new Dictionary<string, object?>
            {
                [nameof(RegionReportDocument.Report)] = report,
                [nameof(RegionReportDocument.Title)] = title,
                [nameof(RegionReportDocument.Author)] = actor.DisplayName,
                [nameof(RegionReportDocument.GeneratedAt)] = now,
            },
            new PdfDocumentInfo(title, actor.DisplayName, culture!),
            ct);
        return new GeneratedFile($"region-{report.Code}-{now:yyyy-MM-dd}.pdf", "application/pdf", bytes);
    }

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = Cultures.Get(culture);
        try
        {
            return read();
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    private static List<MonthCount> PerMonth(IEnumerable<ReportBody> bodies, DateOnly from, DateOnly to)
    {
        var counts = bodies.SelectMany(b => b.MeetingsHeld).GroupBy(m => (m.Date.Year, m.Date.Month)).ToDictionary(g => g.Key, g => g.Count());
        var months = new List<MonthCount>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            months.Add(new MonthCount(month.Year, month.Month, counts.GetValueOrDefault((month.Year, month.Month))));
        }

        return months;
    }
}

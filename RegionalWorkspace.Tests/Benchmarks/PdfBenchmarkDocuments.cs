using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Pdf;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Tests.Benchmarks;

/// <summary>A size of region summary: how many bodies, members and held meetings make it about <see cref="TargetPages"/> pages.</summary>
public sealed record PdfDocumentSize(int TargetPages, int Bodies, int MembersPerBody, int MeetingsPerBody)
{
    public string Label => TargetPages == 1 ? "1 page" : FormattableString.Invariant($"{TargetPages} pages");

    public string Describe() => Bodies == 0
        ? "no body (cover page only: key figures and the \"nothing in the period\" notice)"
        : FormattableString.Invariant($"{Bodies} bodies × {MembersPerBody} members (French and Arabic names) and {MeetingsPerBody} held meetings (1–2 outputs each)");
}

/// <summary>
/// The real region summary (<see cref="RegionReportDocument"/>, printed through <see cref="PdfEngine.RenderAsync{TComponent}"/>
/// exactly as <see cref="RegionReportService.ExportPdfAsync"/> does) with synthetic <see cref="RegionReport"/> data built in
/// memory: demo-like members with French and Arabic names, meetings with a two-line agenda and outputs. Deterministic.
/// </summary>
public static class PdfBenchmarkDocuments
{
    public const string Author = "Khadija Alami";

    public static readonly DateOnly From = new(2025, 1, 1);
    public static readonly DateOnly To = new(2026, 10, 31);

    /// <summary>The three sizes of the issue: ≈ 1, ≈ 10 and ≈ 50 pages (page counts are checked and reported).</summary>
    public static readonly IReadOnlyList<PdfDocumentSize> Sizes =
    [
        new(1, 0, 0, 0),
        new(10, 3, 36, 14),
        new(50, 3, 225, 85),
    ];

    public static readonly IReadOnlyList<string> Cultures = [RegionalWorkspace.Resources.Cultures.French, RegionalWorkspace.Resources.Cultures.Arabic];

    private static readonly (string Fr, string Ar)[] s_women =
    [
        ("Fatima Zahra", "فاطمة الزهراء"), ("Khadija", "خديجة"), ("Amina", "أمينة"), ("Nadia", "نادية"), ("Salma", "سلمى"),
        ("Latifa", "لطيفة"), ("Hajar", "هاجر"), ("Meryem", "مريم"), ("Imane", "إيمان"), ("Zineb", "زينب"),
    ];

    private static readonly (string Fr, string Ar)[] s_men =
    [
        ("Mohamed", "محمد"), ("Youssef", "يوسف"), ("Hassan", "حسن"), ("Said", "سعيد"), ("Karim", "كريم"),
        ("Omar", "عمر"), ("Rachid", "رشيد"), ("Abdellah", "عبد الله"), ("Mehdi", "المهدي"), ("Hamza", "حمزة"),
    ];

    private static readonly (string Fr, string Ar)[] s_lastNames =
    [
        ("El Amrani", "العمراني"), ("Benali", "بنعلي"), ("Alaoui", "العلوي"), ("Bennani", "بناني"), ("Tazi", "التازي"),
        ("El Idrissi", "الإدريسي"), ("Chraibi", "الشرايبي"), ("Berrada", "برادة"), ("Lahlou", "لحلو"), ("Ouazzani", "الوزاني"),
        ("Saidi", "السعيدي"), ("Naciri", "الناصري"), ("Kettani", "الكتاني"), ("Boukhari", "البخاري"), ("Ziani", "الزياني"),
    ];

    private static readonly (SeatType Seat, string Organisation)[] s_seats =
    [
        (SeatType.CivilSociety, "Association Femmes et Développement"), (SeatType.CivilSociety, "Réseau des associations de quartier"),
        (SeatType.Expert, "Observatoire régional de l'approche genre"), (SeatType.Academic, "Université de la région"),
        (SeatType.CouncilMember, "Conseil régional"), (SeatType.YouthRepresentative, "Conseil des jeunes de la province"),
        (SeatType.EconomicActor, "Chambre de commerce, d'industrie et de services"), (SeatType.EconomicActor, "Chambre d'agriculture"),
    ];

    private static readonly string[] s_agendas =
    [
        "Budgétisation sensible au genre du budget régional",
        "Stratégie régionale pour l'emploi des jeunes",
        "Schéma régional d'aménagement du territoire : volet économique",
        "Accès des femmes rurales aux services publics régionaux",
        "Appui aux très petites entreprises et à l'économie sociale et solidaire",
        "Suivi des recommandations adressées au conseil",
    ];

    /// <summary>A region summary of Rabat-Salé-Kénitra for <see cref="From"/>–<see cref="To"/>, of the given size.</summary>
    public static RegionReport Build(PdfDocumentSize size)
    {
        var region = ReferenceData.Regions.Single(r => r.Code == "RSK");
        var random = new Random(size.TargetPages);
        var bodies = new List<ReportBody>();
        for (var b = 0; b < size.Bodies; b++)
        {
            var (kind, nameFr, nameAr) = ReferenceData.Article117Bodies[b % ReferenceData.Article117Bodies.Count];
            var members = Enumerable.Range(0, size.MembersPerBody).Select(i => Member(random, i)).OrderBy(m => m.FullName, StringComparer.Ordinal).ToList();
            var days = To.DayNumber - From.DayNumber;
            var meetings = Enumerable.Range(0, size.MeetingsPerBody)
                .Select(i => Meeting(From.AddDays((int)((long)days * i / Math.Max(1, size.MeetingsPerBody))), i, random))
                .ToList();
            var bySeat = members.GroupBy(m => m.Seat).Select(g => new SeatCount(g.Key, g.Count())).OrderByDescending(s => s.Members).ToList();
            var suffix = b < ReferenceData.Article117Bodies.Count ? "" : FormattableString.Invariant($" ({b / ReferenceData.Article117Bodies.Count + 1})");
            bodies.Add(new ReportBody(kind, nameFr + suffix, nameAr + suffix, BodyStatus.Active, members, bySeat, meetings));
        }

        return new RegionReport(region.Code, region.NameFr, region.NameAr, From, To, bodies, PerMonth(bodies), MeetingsPlanned: 4);
    }

    /// <summary>The component parameters <see cref="RegionReportService.ExportPdfAsync"/> passes, and the document info.</summary>
    public static (Dictionary<string, object?> Parameters, PdfDocumentInfo Info) Arguments(IServiceProvider services, RegionReport report, string culture)
    {
        var localizer = services.GetRequiredService<IStringLocalizer<Strings>>();
        var previous = CultureInfo.CurrentUICulture;
        string title;
        CultureInfo.CurrentUICulture = RegionalWorkspace.Resources.Cultures.Get(culture);
        try
        {
            title = localizer["Report.Title", RegionalWorkspace.Resources.Cultures.Pick(report.NameFr, report.NameAr)].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        var parameters = new Dictionary<string, object?>
        {
            [nameof(RegionReportDocument.Report)] = report,
            [nameof(RegionReportDocument.Title)] = title,
            [nameof(RegionReportDocument.Author)] = Author,
            [nameof(RegionReportDocument.GeneratedAt)] = DateTimeOffset.UtcNow,
        };
        return (parameters, new PdfDocumentInfo(title, Author, culture));
    }

    private static ReportMember Member(Random random, int index)
    {
        var female = index % 2 == 0;
        var first = female ? s_women[random.Next(s_women.Length)] : s_men[random.Next(s_men.Length)];
        var last = s_lastNames[random.Next(s_lastNames.Length)];
        var (seat, organisation) = s_seats[random.Next(s_seats.Length)];
        var start = new DateOnly(2022, 1, 1).AddDays(random.Next(0, 540));
        return new ReportMember(
            $"{first.Fr} {last.Fr}",
            $"{first.Ar} {last.Ar}",
            organisation,
            seat,
            female ? Gender.Female : Gender.Male,
            start,
            start.AddYears(5));
    }

    private static ReportMeeting Meeting(DateOnly date, int index, Random random)
    {
        var agenda = s_agendas[index % s_agendas.Length];
        var outputs = Enumerable.Range(0, 1 + random.Next(2))
            .Select(o => new OutputRow(o == 0 ? OutputKind.Recommendation : OutputKind.Opinion, $"{agenda} : recommandations au conseil"))
            .ToList();
        return new ReportMeeting(
            date,
            $"1. {agenda}\n2. Questions diverses",
            $"Réunion tenue au siège du conseil de la région. Les membres ont examiné le point « {agenda} ».",
            outputs);
    }

    private static List<MonthCount> PerMonth(IEnumerable<ReportBody> bodies)
    {
        var counts = bodies.SelectMany(b => b.MeetingsHeld).GroupBy(m => (m.Date.Year, m.Date.Month)).ToDictionary(g => g.Key, g => g.Count());
        var months = new List<MonthCount>();
        for (var month = new DateOnly(From.Year, From.Month, 1); month <= To; month = month.AddMonths(1))
        {
            months.Add(new MonthCount(month.Year, month.Month, counts.GetValueOrDefault((month.Year, month.Month))));
        }

        return months;
    }
}

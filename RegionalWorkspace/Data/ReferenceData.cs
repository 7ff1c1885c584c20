using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Regions;

namespace RegionalWorkspace.Data;

/// <summary>
/// Data every workspace has: the 12 regions (decree 2-15-40), the convention's parties and the regional councils,
/// and the three consultative bodies of art. 117 in each region. Missing rows are added; existing rows are never
/// overwritten, because names and thresholds are data that administrators edit.
/// </summary>
public static class ReferenceData
{
    public sealed record RegionSeed(int Id, string Code, string NameFr, string NameAr, long Population);

    /// <summary>Populations from the 2014 general census (RGPH 2014); editable afterwards.</summary>
    public static readonly IReadOnlyList<RegionSeed> Regions =
    [
        new(1, "TTA", "Tanger-Tétouan-Al Hoceïma", "طنجة-تطوان-الحسيمة", 3_556_729),
        new(2, "ORI", "L'Oriental", "الشرق", 2_314_346),
        new(3, "FM", "Fès-Meknès", "فاس-مكناس", 4_236_892),
        new(4, "RSK", "Rabat-Salé-Kénitra", "الرباط-سلا-القنيطرة", 4_580_866),
        new(5, "BMK", "Béni Mellal-Khénifra", "بني ملال-خنيفرة", 2_520_776),
        new(6, "CS", "Casablanca-Settat", "الدار البيضاء-سطات", 6_861_739),
        new(7, "MS", "Marrakech-Safi", "مراكش-آسفي", 4_520_569),
        new(8, "DT", "Drâa-Tafilalet", "درعة-تافيلالت", 1_635_008),
        new(9, "SM", "Souss-Massa", "سوس-ماسة", 2_676_847),
        new(10, "GON", "Guelmim-Oued Noun", "كلميم-واد نون", 433_757),
        new(11, "LSH", "Laâyoune-Sakia El Hamra", "العيون-الساقية الحمراء", 367_758),
        new(12, "DOD", "Dakhla-Oued Ed-Dahab", "الداخلة-وادي الذهب", 142_955),
    ];

    public static readonly IReadOnlyList<(BodyKind Kind, string NameFr, string NameAr)> Article117Bodies =
    [
        (BodyKind.EquityAndGender,
            "Instance de l'équité, de l'égalité des chances et de l'approche genre",
            "هيئة المساواة وتكافؤ الفرص ومقاربة النوع"),
        (BodyKind.Youth,
            "Instance chargée des questions relatives aux centres d'intérêt des jeunes",
            "الهيئة المكلفة بدراسة القضايا المتعلقة باهتمامات الشباب"),
        (BodyKind.EconomicActors,
            "Instance consultative en partenariat avec les acteurs économiques",
            "الهيئة الاستشارية بشراكة مع الفاعلين الاقتصاديين"),
    ];

    private static readonly IReadOnlyList<Organisation> s_parties =
    [
        new() { Code = "ARM", Kind = OrganisationKind.Association, NameFr = "Association des Régions du Maroc", NameAr = "جمعية جهات المغرب" },
        new() { Code = "CESE", Kind = OrganisationKind.AdvisoryCouncil, NameFr = "Conseil économique, social et environnemental", NameAr = "المجلس الاقتصادي والاجتماعي والبيئي" },
        new() { Code = "DGCT", Kind = OrganisationKind.Ministry, NameFr = "Direction Générale des Collectivités Territoriales", NameAr = "المديرية العامة للجماعات الترابية" },
    ];

    /// <summary>Petition threshold by population, as several councils publish it (300 / 400 / 500).</summary>
    public static int DefaultPetitionSignatures(long population) => population switch
    {
        < 1_000_000 => 300,
        <= 3_000_000 => 400,
        _ => 500,
    };

    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        db.Actor = "system";
        var existingRegions = await db.Regions.Select(r => r.Code).ToListAsync(ct);
        foreach (var seed in Regions.Where(r => !existingRegions.Contains(r.Code)))
        {
            db.Regions.Add(new Region
            {
                Id = seed.Id,
                Code = seed.Code,
                NameFr = seed.NameFr,
                NameAr = seed.NameAr,
                Population = seed.Population,
                PopulationYear = 2014,
                PetitionSignatures = DefaultPetitionSignatures(seed.Population),
                PetitionProvinceSharePercent = 5,
            });
        }

        await db.SaveChangesAsync(ct);

        var existingOrganisations = await db.Organisations.Select(o => o.Code).ToListAsync(ct);
        var regions = await db.Regions.AsNoTracking().ToListAsync(ct);
        var organisations = s_parties.Select(p => new Organisation { Code = p.Code, Kind = p.Kind, NameFr = p.NameFr, NameAr = p.NameAr })
            .Concat(regions.Select(r => new Organisation
            {
                Code = "CR-" + r.Code,
                Kind = OrganisationKind.RegionalCouncil,
                NameFr = "Conseil de la région " + r.NameFr,
                NameAr = "مجلس جهة " + r.NameAr,
                RegionId = r.Id,
            }));
        db.Organisations.AddRange(organisations.Where(o => !existingOrganisations.Contains(o.Code)));

        var existingBodies = await db.Bodies.Select(b => new { b.RegionId, b.Kind }).ToListAsync(ct);
        foreach (var region in regions)
        {
            foreach (var (kind, nameFr, nameAr) in Article117Bodies)
            {
                if (!existingBodies.Any(b => b.RegionId == region.Id && b.Kind == kind))
                {
                    db.Bodies.Add(new ParticipatoryBody { RegionId = region.Id, Kind = kind, NameFr = nameFr, NameAr = nameAr, Status = BodyStatus.Active });
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }
}

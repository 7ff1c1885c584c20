using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Practices;

namespace RegionalWorkspace.Data;

/// <summary>Demo practices of several regions, in French and Arabic, some adopted elsewhere, so the library has something to show.</summary>
internal static class DemoPractices
{
    private sealed record Seed(
        string Region,
        PracticeCommitment Commitment,
        PracticeThemes Themes,
        PracticeSubThemes SubThemes,
        PracticeStatus Status,
        string Tags,
        (string Language, string Title, string Summary, string Body)[] Texts,
        string[] AdoptedBy);

    private static readonly Seed[] s_seeds =
    [
        new("RSK", PracticeCommitment.C1, PracticeThemes.Social, PracticeSubThemes.CitizenConsultation | PracticeSubThemes.DigitalParticipation, PracticeStatus.Published,
            "consultation, numérique, budget",
            [("fr", "Plateforme de consultation en ligne sur le budget régional", "Chaque année, les habitants commentent les grandes lignes du budget régional avant son vote.",
                "## Le dispositif\nLa région publie le projet de budget en langage clair.\n\n- Questions ouvertes pendant **trois semaines**\n- Synthèse publiée avant la session budgétaire\n- Réponses du conseil aux propositions retenues"),
             ("ar", "منصة للتشاور الإلكتروني حول ميزانية الجهة", "يعلق السكان كل سنة على الخطوط العريضة لميزانية الجهة قبل التصويت عليها.",
                "تنشر الجهة مشروع الميزانية بلغة واضحة، وتفتح باب الأسئلة لمدة ثلاثة أسابيع، ثم تنشر خلاصة قبل دورة الميزانية.")],
            ["SM", "FM"]),
        new("SM", PracticeCommitment.C3, PracticeThemes.Economic | PracticeThemes.Social, PracticeSubThemes.Youth | PracticeSubThemes.EconomicActors, PracticeStatus.Published,
            "jeunes, emploi, entrepreneuriat",
            [("fr", "Forum régional de l'emploi des jeunes", "Un forum annuel où l'instance des jeunes et les acteurs économiques construisent des propositions communes.",
                "Le forum réunit l'instance chargée des questions des jeunes, la chambre de commerce et les associations.\n\n1. Ateliers thématiques\n2. Restitution publique\n3. Avis transmis au conseil")],
            ["RSK", "DT", "MS"]),
        new("FM", PracticeCommitment.C1, PracticeThemes.Social, PracticeSubThemes.GenderEquity, PracticeStatus.Published,
            "genre, budget, égalité",
            [("fr", "Budgétisation sensible au genre", "L'instance de l'équité accompagne les services régionaux pour lire le budget sous l'angle de l'égalité.",
                "Une grille d'analyse commune est appliquée à chaque programme. Les écarts constatés donnent lieu à des **recommandations** suivies en séance.")],
            ["CS"]),
        new("MS", PracticeCommitment.C3, PracticeThemes.Environmental, PracticeSubThemes.CitizenConsultation, PracticeStatus.Published,
            "eau, environnement, concertation",
            [("fr", "Concertation sur la gestion de l'eau", "Des réunions publiques dans chaque province sur le plan régional de l'eau.",
                "Les habitants, les agriculteurs et les associations environnementales sont invités à des réunions de concertation. Un registre des contributions est tenu et publié.")],
            []),
        new("CS", PracticeCommitment.C1, PracticeThemes.Social, PracticeSubThemes.Petitions, PracticeStatus.Published,
            "pétition, citoyens",
            [("ar", "دليل مبسط لتقديم العرائض", "دليل عملي يشرح للمواطنين والجمعيات خطوات تقديم عريضة إلى مجلس الجهة.",
                "يشرح الدليل شروط القبول، وعدد التوقيعات المطلوب، وآجال البت، وكيفية إخبار أصحاب العريضة بالقرار.")],
            ["RSK"]),
        new("TTA", PracticeCommitment.C3, PracticeThemes.Economic, PracticeSubThemes.EconomicActors | PracticeSubThemes.TerritorialPlanning, PracticeStatus.Published,
            "zones d'activité, investissement",
            [("fr", "Comité mixte pour les zones d'activités économiques", "Le conseil et les chambres professionnelles suivent ensemble l'aménagement des zones d'activités.",
                "Le comité se réunit chaque trimestre. Il publie un tableau de bord des zones : taux d'occupation, emplois créés, besoins exprimés.")],
            []),
        new("RSK", PracticeCommitment.C1, PracticeThemes.Social, PracticeSubThemes.Youth, PracticeStatus.Draft,
            "jeunes, conseil",
            [("fr", "Conseil régional des jeunes : charte de fonctionnement", "Projet de charte pour un conseil des jeunes associé aux travaux de l'instance.",
                "Brouillon en cours de rédaction avec l'instance chargée des questions des jeunes.")],
            []),
        new("DT", PracticeCommitment.C1, PracticeThemes.Environmental | PracticeThemes.Social, PracticeSubThemes.PublicServices, PracticeStatus.Published,
            "oasis, services publics",
            [("fr", "Caravanes de l'écoute dans les oasis", "Des équipes mobiles recueillent les attentes des habitants des oasis isolées.",
                "Les caravanes passent deux fois par an dans chaque cercle. Les attentes recueillies alimentent les travaux des instances consultatives.")],
            ["GON"]),
    ];

    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.Practices.AnyAsync(ct))
        {
            return;
        }

        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, r => r.Id, ct);
        var officers = (await db.Users.Where(u => u.RegionId != null).Select(u => new { RegionId = u.RegionId!.Value, u.DisplayName }).ToListAsync(ct))
            .GroupBy(u => u.RegionId).ToDictionary(g => g.Key, g => g.First().DisplayName);
        var start = DateTime.UtcNow.AddDays(-60);
        var created = new List<Practice>();
        foreach (var (seed, index) in s_seeds.Select((s, i) => (s, i)))
        {
            var regionId = regions[seed.Region];
            var author = officers.GetValueOrDefault(regionId) ?? "Samira Benjelloun";
            var at = start.AddDays(index * 6);
            var practice = new Practice
            {
                RegionId = regionId,
                Commitment = seed.Commitment,
                Themes = seed.Themes,
                SubThemes = seed.SubThemes,
                Status = seed.Status,
                CreatedAtUtc = at,
                PublishedAtUtc = seed.Status == PracticeStatus.Published ? at.AddDays(2) : null,
                ContactName = author,
                UpdatedBy = author,
            };
            practice.Texts.AddRange(seed.Texts.Select(t => new PracticeText { Language = t.Language, Title = t.Title, Summary = t.Summary, Body = t.Body }));
            practice.Tags.AddRange(seed.Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(t => new PracticeTag { Tag = t }));
            var input = PracticesService.ToInput(practice);
            input.Version = 0;
            practice.Versions.Add(new PracticeVersion { Number = 1, SavedAtUtc = at, SavedBy = author, Content = System.Text.Json.JsonSerializer.Serialize(input) });
            practice.Adoptions.AddRange(seed.AdoptedBy.Select((code, i) => new PracticeAdoption
            {
                RegionId = regions[code],
                AdoptedBy = officers.GetValueOrDefault(regions[code]) ?? "Samira Benjelloun",
                AtUtc = at.AddDays(10 + i),
            }));
            db.Practices.Add(practice);
            created.Add(practice);
        }

        db.Actor = null;
        await db.SaveChangesAsync(ct);
        db.PracticeSearchDocuments.AddRange(created.Select(PracticesService.SearchDocument));
        await db.SaveChangesAsync(ct);
    }
}

using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.SupportActions;
using RegionalWorkspace.Features.Trainings;

namespace RegionalWorkspace.Data;

/// <summary>
/// Demo support actions (C3) over the last eighteen months, placed relative to the day the demo starts: most regions,
/// the three themes, completed actions with their outcome, actions under way and planned ones, linked to the demo
/// practices of the same theme and to the region's consultative bodies.
/// </summary>
public static class DemoSupportActions
{
    /// <summary>One action: <paramref name="StartDaysAgo"/> negative means it starts in the future.</summary>
    private sealed record Seed(
        string Region, SupportTheme Theme, SupportKind Kind, Organisers Parties, string TitleFr, string TitleAr, string Description,
        int StartDaysAgo, int? LastsDays, SupportStatus Status, string? Outcome = null);

    private static readonly Seed[] s_seeds =
    [
        new("RSK", SupportTheme.Economic, SupportKind.TechnicalAssistance, Organisers.Arm | Organisers.Dgct,
            "Appui à la concertation sur le schéma régional des zones d'activités",
            "دعم التشاور حول التصميم الجهوي لمناطق الأنشطة الاقتصادية",
            "Assistance technique à l'instance des acteurs économiques pour organiser trois ateliers de concertation avec les chambres professionnelles et les coopératives sur l'emplacement et la vocation des futures zones d'activités.",
            510, 120, SupportStatus.Completed,
            "Trois ateliers tenus (142 participants, dont 38 % de femmes) ; avis de l'instance adopté et transmis au conseil ; deux recommandations reprises dans le schéma voté."),
        new("RSK", SupportTheme.Social, SupportKind.Coaching, Organisers.Cese,
            "Accompagnement de l'instance de l'équité et de l'égalité des chances pour son avis sur l'accès aux services sociaux",
            "مواكبة هيئة المساواة وتكافؤ الفرص ومقاربة النوع في إعداد رأيها حول الولوج إلى الخدمات الاجتماعية",
            "Coaching méthodologique par le CESE : cadrage de la saisine, auditions, rédaction de l'avis et de ses recommandations.",
            75, 150, SupportStatus.InProgress),
        new("TTA", SupportTheme.Environmental, SupportKind.Workshop, Organisers.Cese | Organisers.Arm,
            "Atelier participatif sur la gestion du littoral méditerranéen",
            "ورشة تشاركية حول تدبير الساحل المتوسطي",
            "Atelier de deux jours réunissant élus, pêcheurs, associations environnementales et instance de la jeunesse pour hiérarchiser les actions de protection du littoral.",
            420, 2, SupportStatus.Completed,
            "Une feuille de route commune en douze actions ; un comité de suivi mixte constitué ; l'instance de la jeunesse chargée d'une campagne de sensibilisation estivale."),
        new("TTA", SupportTheme.Economic, SupportKind.Diagnostic, Organisers.Dgct,
            "Diagnostic participatif de l'économie sociale et solidaire dans la province d'Al Hoceïma",
            "تشخيص تشاركي للاقتصاد الاجتماعي والتضامني بإقليم الحسيمة",
            "Étude de terrain conduite avec les coopératives et l'instance des acteurs économiques pour identifier les freins à la commercialisation.",
            -30, 90, SupportStatus.Planned),
        new("ORI", SupportTheme.Social, SupportKind.ExchangeVisit, Organisers.Arm,
            "Visite d'échange sur les budgets participatifs des jeunes",
            "زيارة تبادل حول الميزانيات التشاركية للشباب",
            "Une délégation de l'instance de la jeunesse de l'Oriental rencontre son homologue de Souss-Massa pour découvrir le budget participatif des jeunes.",
            300, 3, SupportStatus.Completed,
            "Délégation de 14 membres ; note de capitalisation diffusée ; projet pilote de budget participatif des jeunes proposé au conseil pour l'exercice suivant."),
        new("ORI", SupportTheme.Environmental, SupportKind.TechnicalAssistance, Organisers.Dgct | Organisers.Arm,
            "Consultation citoyenne sur la gestion de l'eau dans les communes rurales",
            "تشاور مع المواطنين حول تدبير الماء في الجماعات القروية",
            "Appui à la conception et à l'animation d'une consultation en ligne et en présentiel sur les priorités d'investissement dans l'eau potable.",
            40, 120, SupportStatus.InProgress),
        new("FM", SupportTheme.Economic, SupportKind.Workshop, Organisers.Arm | Organisers.Cese,
            "Atelier sur l'insertion économique des jeunes diplômés",
            "ورشة حول الإدماج الاقتصادي للشباب حاملي الشهادات",
            "Atelier conjoint avec l'instance de la jeunesse et les acteurs économiques pour co-construire les critères d'un programme régional d'insertion.",
            360, 1, SupportStatus.Completed,
            "Critères d'éligibilité co-construits et intégrés au programme régional ; 60 participants ; l'instance de la jeunesse siège au comité de sélection."),
        new("FM", SupportTheme.Social, SupportKind.Diagnostic, Organisers.Cese,
            "Étude participative sur l'accès des femmes rurales aux services de santé",
            "دراسة تشاركية حول ولوج النساء القرويات إلى الخدمات الصحية",
            "Enquête et groupes de discussion animés avec l'instance de l'équité dans quatre provinces.",
            200, 180, SupportStatus.Cancelled),
        new("BMK", SupportTheme.Environmental, SupportKind.Coaching, Organisers.Dgct,
            "Accompagnement du dispositif de dialogue sur les forêts du Moyen Atlas",
            "مواكبة آلية الحوار حول غابات الأطلس المتوسط",
            "Coaching des animateurs du dispositif de dialogue : cartographie des acteurs, règles de fonctionnement, restitution aux usagers.",
            250, 200, SupportStatus.Completed,
            "Charte du dispositif adoptée ; quatre réunions tenues avec les usagers ; un protocole de gestion concertée des parcours signé avec la direction des forêts."),
        new("BMK", SupportTheme.Economic, SupportKind.TechnicalAssistance, Organisers.Arm,
            "Appui aux coopératives agricoles pour un avis sur les circuits courts",
            "دعم التعاونيات الفلاحية لإعداد رأي حول سلاسل التسويق القصيرة",
            "Assistance à l'instance des acteurs économiques pour préparer un avis sur les marchés de producteurs.",
            -45, 60, SupportStatus.Planned),
        new("CS", SupportTheme.Social, SupportKind.Workshop, Organisers.Arm | Organisers.Dgct | Organisers.Cese,
            "Forum régional sur la participation des personnes en situation de handicap",
            "منتدى جهوي حول مشاركة الأشخاص في وضعية إعاقة",
            "Forum d'une journée avec les associations représentatives pour intégrer l'accessibilité dans les consultations du conseil.",
            150, 1, SupportStatus.Completed,
            "Guide d'accessibilité des consultations adopté ; l'instance de l'équité intègre deux associations de personnes en situation de handicap."),
        new("CS", SupportTheme.Environmental, SupportKind.Diagnostic, Organisers.Cese,
            "Diagnostic partagé de la qualité de l'air dans l'agglomération de Casablanca",
            "تشخيص مشترك لجودة الهواء بتجمع الدار البيضاء",
            "Collecte des perceptions des habitants et des données des capteurs, restitution publique avec l'instance de la jeunesse.",
            20, 150, SupportStatus.InProgress),
        new("MS", SupportTheme.Economic, SupportKind.Coaching, Organisers.Arm,
            "Accompagnement de l'instance des acteurs économiques sur le tourisme rural",
            "مواكبة هيئة الفاعلين الاقتصاديين حول السياحة القروية",
            "Coaching sur six mois pour préparer un avis sur la diversification de l'offre touristique hors Marrakech.",
            460, 180, SupportStatus.Completed,
            "Avis rendu et débattu en session ; création d'un label « gîtes de pays » porté par la région ; 23 hébergeurs accompagnés."),
        new("MS", SupportTheme.Social, SupportKind.TechnicalAssistance, Organisers.Dgct | Organisers.Cese,
            "Appui à la mise en place d'une plateforme de pétitions en ligne",
            "دعم إحداث منصة إلكترونية للعرائض",
            "Assistance technique et juridique pour recevoir et instruire les pétitions des citoyens (articles 118 à 122 de la loi 111-14).",
            90, null, SupportStatus.InProgress),
        new("DT", SupportTheme.Environmental, SupportKind.Workshop, Organisers.Cese | Organisers.Dgct,
            "Atelier sur l'adaptation des oasis au changement climatique",
            "ورشة حول تكيف الواحات مع التغيرات المناخية",
            "Atelier participatif avec les associations d'usagers de l'eau, les élus et l'instance de la jeunesse.",
            330, 2, SupportStatus.Completed,
            "Vingt propositions hiérarchisées ; trois retenues dans le programme de développement régional (khettaras, recharge de la nappe, palmeraies)."),
        new("DT", SupportTheme.Social, SupportKind.ExchangeVisit, Organisers.Arm,
            "Visite d'échange sur les caravanes de l'écoute",
            "زيارة تبادل حول قوافل الإنصات",
            "Les animateurs des caravanes de Guelmim-Oued Noun présentent leur méthode aux équipes de Drâa-Tafilalet.",
            -60, 3, SupportStatus.Planned),
        new("SM", SupportTheme.Economic, SupportKind.Diagnostic, Organisers.Dgct | Organisers.Arm,
            "Diagnostic participatif des filières de l'arganier",
            "تشخيص تشاركي لسلاسل إنتاج الأركان",
            "Diagnostic conduit avec les coopératives féminines et l'instance des acteurs économiques sur la valorisation et la commercialisation.",
            540, 240, SupportStatus.Completed,
            "Diagnostic validé en atelier ; plan d'action de la filière adopté ; représentation des coopératives féminines dans l'instance portée à quatre sièges."),
        new("SM", SupportTheme.Social, SupportKind.Coaching, Organisers.Cese,
            "Accompagnement de l'instance de la jeunesse pour son avis sur l'emploi des jeunes",
            "مواكبة هيئة الشباب في إعداد رأيها حول تشغيل الشباب",
            "Coaching de l'instance pour conduire des auditions et rédiger un avis destiné au conseil régional.",
            60, 120, SupportStatus.InProgress),
        new("GON", SupportTheme.Social, SupportKind.TechnicalAssistance, Organisers.Arm | Organisers.Dgct,
            "Appui à la structuration des caravanes de l'écoute",
            "دعم هيكلة قوافل الإنصات",
            "Assistance pour formaliser la méthode des caravanes, ses outils de collecte et la restitution des attentes aux instances.",
            390, 150, SupportStatus.Completed,
            "Guide méthodologique publié ; outil de collecte numérique adopté ; 1 200 attentes recueillies et transmises aux instances consultatives."),
        new("LSH", SupportTheme.Environmental, SupportKind.Diagnostic, Organisers.Cese,
            "Diagnostic participatif de la gestion des déchets à Laâyoune",
            "تشخيص تشاركي لتدبير النفايات بالعيون",
            "Enquête auprès des habitants et ateliers de quartier avec le dispositif de dialogue.",
            -90, 120, SupportStatus.Planned),
        new("DOD", SupportTheme.Economic, SupportKind.Workshop, Organisers.Arm,
            "Atelier sur la concertation avec les professionnels de la pêche artisanale",
            "ورشة حول التشاور مع مهنيي الصيد التقليدي",
            "Atelier avec l'instance des acteurs économiques et les associations de pêcheurs sur l'aménagement des points de débarquement.",
            180, 1, SupportStatus.Completed,
            "Priorités d'aménagement partagées ; un comité consultatif de la pêche artisanale créé auprès de l'instance des acteurs économiques."),
        new("DOD", SupportTheme.Environmental, SupportKind.TechnicalAssistance, Organisers.Dgct,
            "Appui à une consultation publique sur les énergies renouvelables",
            "دعم استشارة عمومية حول الطاقات المتجددة",
            "Assistance à la préparation d'une consultation des habitants sur les projets éoliens et solaires de la région.",
            10, 90, SupportStatus.InProgress),
    ];

    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.SupportActions.AnyAsync(ct))
        {
            return;
        }

        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, r => r.Id, ct);
        var bodies = await db.Bodies.Select(b => new { b.Id, b.RegionId, b.Kind }).ToListAsync(ct);
        var practices = await db.Practices.Where(p => p.Status == PracticeStatus.Published).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.RegionId, p.Themes }).ToListAsync(ct);
        var parties = await db.Users.Where(u => u.Email == "arm@demo.ma" || u.Email == "dgct@demo.ma" || u.Email == "cese@demo.ma")
            .ToDictionaryAsync(u => u.Email!, u => (u.Id, u.DisplayName), ct);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var now = DateTime.UtcNow;

        foreach (var (seed, index) in s_seeds.Select((s, i) => (s, i)))
        {
            var regionId = regions[seed.Region];
            var recorder = seed.Parties.HasFlag(Organisers.Arm) ? "arm@demo.ma" : seed.Parties.HasFlag(Organisers.Dgct) ? "dgct@demo.ma" : "cese@demo.ma";
            var (userId, name) = parties.TryGetValue(recorder, out var found) ? found : ((string?)null, "Démo");
            var start = today.AddDays(-seed.StartDaysAgo);
            var createdAt = now.AddDays(-Math.Max(seed.StartDaysAgo + 20, 5));
            var action = new SupportAction
            {
                RegionId = regionId,
                Theme = seed.Theme,
                Kind = seed.Kind,
                TitleFr = seed.TitleFr,
                TitleAr = seed.TitleAr,
                Description = seed.Description,
                SupportedBy = seed.Parties,
                Status = seed.Status,
                StartsOn = start,
                EndsOn = seed.LastsDays is int days ? start.AddDays(Math.Max(0, days - 1)) : null,
                Outcome = seed.Outcome,
                CreatedAtUtc = createdAt,
                CreatedById = userId,
                CreatedBy = name,
                UpdatedBy = name,
            };

            // The region's bodies the theme concerns: economic actors, equity and youth for social questions, any for the environment.
            var wanted = seed.Theme switch
            {
                SupportTheme.Economic => [BodyKind.EconomicActors],
                SupportTheme.Social => [BodyKind.EquityAndGender, BodyKind.Youth],
                _ => new[] { BodyKind.Youth, BodyKind.DialogueMechanism },
            };
            action.Bodies.AddRange(bodies.Where(b => b.RegionId == regionId && wanted.Contains(b.Kind)).Take(2).Select(b => new SupportActionBody { BodyId = b.Id }));

            // One or two practices of the same theme: the region's own first, then another region's (what it learns from).
            var theme = seed.Theme switch
            {
                SupportTheme.Economic => PracticeThemes.Economic,
                SupportTheme.Social => PracticeThemes.Social,
                _ => PracticeThemes.Environmental,
            };
            var sameTheme = practices.Where(p => p.Themes.HasFlag(theme)).ToList();
            var linked = sameTheme.Where(p => p.RegionId == regionId).Take(1)
                .Concat(sameTheme.Where(p => p.RegionId != regionId).Skip(index % Math.Max(1, sameTheme.Count)).Take(index % 3 == 0 ? 0 : 1))
                .Select(p => p.Id).Distinct();
            action.Practices.AddRange(linked.Select(id => new SupportActionPractice { PracticeId = id }));
            db.SupportActions.Add(action);
        }

        db.Actor = null;
        await db.SaveChangesAsync(ct);
    }
}

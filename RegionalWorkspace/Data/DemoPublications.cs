using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Studies;

namespace RegionalWorkspace.Data;

/// <summary>
/// Demo publications of CESE: three approved by the General Assembly (one answering a study request when the demo has
/// one adopted or published) and one still awaiting approval, so the guard on study meetings can be seen at work.
/// Run after the demo study requests, if any.
/// </summary>
public static class DemoPublications
{
    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.Publications.AnyAsync(ct))
        {
            return;
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var answered = await db.StudyRequests
            .Where(r => r.Status == StudyRequestStatus.Adopted || r.Status == StudyRequestStatus.Published)
            .OrderBy(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        db.Actor = "Démo";
        db.Publications.AddRange(
            new Publication
            {
                TitleFr = "La régionalisation avancée au service du développement intégré des territoires",
                TitleAr = "الجهوية المتقدمة في خدمة التنمية المندمجة للمجالات الترابية",
                Kind = PublicationKind.Opinion,
                Commission = CeseCommission.RegionalisationAndRuralDevelopment,
                StudyRequestId = answered,
                AssemblySessionNumber = 148,
                AssemblyApprovedOn = today.AddMonths(-3),
                Summary = "L'avis propose de renforcer les moyens des conseils régionaux, de clarifier le partage des compétences avec l'État "
                    + "et de faire des instances consultatives de l'article 117 de véritables lieux de concertation.",
                SummaryAr = "يقترح الرأي تعزيز وسائل المجالس الجهوية، وتوضيح توزيع الاختصاصات مع الدولة، "
                    + "وجعل الهيئات الاستشارية المنصوص عليها في المادة 117 فضاءات حقيقية للتشاور.",
                UpdatedBy = "Démo",
            },
            new Publication
            {
                TitleFr = "L'emploi des jeunes dans les régions : leviers d'action territoriaux",
                TitleAr = "تشغيل الشباب في الجهات: روافع العمل الترابي",
                Kind = PublicationKind.Report,
                Commission = CeseCommission.EmploymentAndProfessionalRelations,
                AssemblySessionNumber = 151,
                AssemblyApprovedOn = today.AddMonths(-1),
                Summary = "Le rapport analyse le chômage des jeunes par région et recommande des plateformes régionales d'orientation et d'insertion.",
                SummaryAr = "يحلل التقرير بطالة الشباب حسب الجهات ويوصي بإحداث منصات جهوية للتوجيه والإدماج.",
                UpdatedBy = "Démo",
            },
            new Publication
            {
                TitleFr = "Gestion durable des ressources en eau à l'échelle régionale",
                TitleAr = "التدبير المستدام للموارد المائية على المستوى الجهوي",
                Kind = PublicationKind.Study,
                Commission = CeseCommission.EnvironmentAndSustainableDevelopment,
                AssemblySessionNumber = 145,
                AssemblyApprovedOn = today.AddMonths(-7),
                Summary = "L'étude dresse l'état des ressources en eau et propose une gouvernance régionale de la demande.",
                SummaryAr = "ترصد الدراسة وضعية الموارد المائية وتقترح حكامة جهوية للطلب على الماء.",
                UpdatedBy = "Démo",
            },
            new Publication
            {
                TitleFr = "Économie sociale et solidaire : quel rôle pour les régions ?",
                TitleAr = "الاقتصاد الاجتماعي والتضامني: أي دور للجهات؟",
                Kind = PublicationKind.Opinion,
                Commission = CeseCommission.SocialAffairsAndSolidarity,
                Summary = "Projet d'avis en cours d'examen ; il sera présenté à l'Assemblée générale lors de sa prochaine session.",
                SummaryAr = "مشروع رأي قيد الدراسة؛ سيُعرض على الجمعية العامة خلال دورتها المقبلة.",
                UpdatedBy = "Démo",
            });
        await db.SaveChangesAsync(ct);
    }
}

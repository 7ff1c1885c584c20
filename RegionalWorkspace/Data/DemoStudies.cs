using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Studies;

namespace RegionalWorkspace.Data;

/// <summary>
/// Demo study requests (C4), one at each stage of the workflow, placed relative to the moment the demo starts, with their
/// history: filed by ARM or DGCT, reviewed, accepted, followed and adopted by CESE staff. They concern different regions,
/// so each regional officer sees some and not others.
/// </summary>
public static class DemoStudies
{
    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.StudyRequests.AnyAsync(ct))
        {
            return;
        }

        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, r => r.Id, ct);
        var people = await db.Users.Where(u => u.Email == "arm@demo.ma" || u.Email == "dgct@demo.ma" || u.Email == "cese@demo.ma")
            .ToDictionaryAsync(u => u.Email!, u => (u.Id, u.DisplayName), ct);
        if (people.Count < 3)
        {
            return;
        }

        var arm = people["arm@demo.ma"];
        var dgct = people["dgct@demo.ma"];
        var cese = people["cese@demo.ma"];
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        db.Actor = cese.DisplayName;

        StudyRequest Request(string title, string question, string rationale, StudyScope scope, (string Id, string DisplayName) by, int daysAgo, string[] regionCodes, string? timeline, DateOnly? desiredBy)
        {
            var request = new StudyRequest
            {
                Title = title,
                Question = question,
                Rationale = rationale,
                Scope = scope,
                Requester = by == arm ? StudyRequester.Arm : StudyRequester.Dgct,
                RequestedByUserId = by.Id,
                DesiredTimeline = timeline,
                DesiredBy = desiredBy,
                Status = StudyRequestStatus.Submitted,
                SubmittedAtUtc = now.AddDays(-daysAgo),
            };
            request.Regions.AddRange(regionCodes.Select(c => new StudyRequestRegion { RegionId = regions[c] }));
            request.History.Add(new StudyRequestEvent { AtUtc = request.SubmittedAtUtc, ActorId = by.Id, ActorName = by.DisplayName, ToStatus = StudyRequestStatus.Submitted });
            return request;
        }

        void Move(StudyRequest request, StudyRequestStatus to, int daysAgo, string? note = null)
        {
            request.History.Add(new StudyRequestEvent
            {
                AtUtc = now.AddDays(-daysAgo), ActorId = cese.Id, ActorName = cese.DisplayName, FromStatus = request.Status, ToStatus = to, Note = note,
            });
            request.Status = to;
        }

        var youth = Request(
            "Participation des jeunes aux instances consultatives régionales",
            "Comment renforcer la participation effective des jeunes aux instances de dialogue et de concertation prévues par l'article 117 de la Constitution ?",
            "Les instances consultatives des jeunes peinent à se réunir régulièrement dans plusieurs régions ; l'ARM souhaite un diagnostic et des recommandations pour l'ensemble des conseils régionaux.",
            StudyScope.AdvancedRegionalisation, arm, 6, ["RSK", "FM"], "Avant la session d'automne des conseils régionaux", today.AddMonths(5));

        var finance = Request(
            "Ressources propres des régions et mécanismes de péréquation",
            "Quelles pistes pour accroître les ressources propres des régions et rendre la péréquation entre régions plus équitable ?",
            "La DGCT prépare la révision du cadre financier des collectivités territoriales et souhaite l'avis du CESE sur les écarts de ressources entre régions.",
            StudyScope.CommonRegionalQuestions, dgct, 25, ["CS", "SM", "DT"], null, today.AddMonths(8));
        Move(finance, StudyRequestStatus.UnderReview, 20);

        var water = Request(
            "Gestion de l'eau et développement régional durable dans les régions du Sud",
            "Comment concilier développement agricole, besoins des villes et préservation des nappes dans les régions du Sud ?",
            "Le stress hydrique menace les économies régionales ; les conseils régionaux demandent un cadre commun pour leurs schémas régionaux d'aménagement du territoire.",
            StudyScope.SustainableRegionalDevelopment, arm, 120, ["SM", "DT", "GON"], "Dans l'année", null);
        Move(water, StudyRequestStatus.UnderReview, 110);
        Move(water, StudyRequestStatus.Accepted, 95, "Auto-saisine inscrite au programme de la commission.");
        water.Commission = CeseCommission.EnvironmentAndSustainableDevelopment;
        water.Rapporteur = "Mohamed Benali";
        Move(water, StudyRequestStatus.InProgress, 80);
        water.Milestones.AddRange(
        [
            new StudyMilestone { Title = "Auditions des acteurs régionaux (Agadir, Errachidia, Guelmim)", DueOn = today.AddDays(-40), DoneOn = today.AddDays(-42) },
            new StudyMilestone { Title = "Séance d'écoute avec les conseils régionaux", DueOn = today.AddDays(20) },
            new StudyMilestone { Title = "Projet d'avis en commission", DueOn = today.AddDays(75) },
        ]);

        var mobility = Request(
            "Mobilité des jeunes diplômés entre les régions",
            "Quels freins empêchent les jeunes diplômés de s'installer dans les régions qui recrutent, et quels leviers régionaux pour les lever ?",
            "La DGCT constate des pénuries de compétences dans certaines régions alors que le chômage des diplômés reste élevé ailleurs.",
            StudyScope.CommonRegionalQuestions, dgct, 300, ["ORI", "TTA", "RSK"], "Pour le prochain plan de développement régional", null);
        Move(mobility, StudyRequestStatus.UnderReview, 290);
        Move(mobility, StudyRequestStatus.Accepted, 280);
        mobility.Commission = CeseCommission.EmploymentAndProfessionalRelations;
        mobility.Rapporteur = "Nadia Alaoui";
        Move(mobility, StudyRequestStatus.InProgress, 270);
        mobility.Milestones.AddRange(
        [
            new StudyMilestone { Title = "Enquête auprès de 1 200 jeunes diplômés", DueOn = today.AddDays(-200), DoneOn = today.AddDays(-205) },
            new StudyMilestone { Title = "Rapport adopté en commission", DueOn = today.AddDays(-60), DoneOn = today.AddDays(-58) },
        ]);
        Move(mobility, StudyRequestStatus.Adopted, 30);
        mobility.AssemblySessionNumber = 158;
        mobility.AssemblyDate = today.AddDays(-30);

        var tourism = Request(
            "Labellisation touristique des produits du terroir",
            "Le CESE peut-il proposer un label régional commun pour les produits du terroir à vocation touristique ?",
            "Plusieurs régions ont lancé des labels concurrents ; l'ARM souhaite une approche harmonisée.",
            StudyScope.SustainableRegionalDevelopment, arm, 90, ["BMK", "MS"], null, today.AddMonths(3));
        Move(tourism, StudyRequestStatus.UnderReview, 85);
        Move(tourism, StudyRequestStatus.Declined, 70, "Question déjà traitée par l'avis du CESE sur l'économie sociale et solidaire ; une note de synthèse a été transmise à l'ARM.");
        tourism.DeclineReason = tourism.History[^1].Note;

        db.StudyRequests.AddRange(youth, finance, water, mobility, tourism);
        await db.SaveChangesAsync(ct);
    }
}

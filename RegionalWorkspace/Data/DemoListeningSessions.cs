using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.ListeningSessions;
using RegionalWorkspace.Features.Studies;

namespace RegionalWorkspace.Data;

/// <summary>
/// Demo listening sessions (C5), placed relative to the moment the demo starts: one in progress on youth employment
/// (Rabat-Salé-Kénitra, Fès-Meknès and Souss-Massa invited, contributions from two of them already on the board), one
/// upcoming online session, and one held six weeks ago with its participants, minutes and synthesis.
/// </summary>
public static class DemoListeningSessions
{
    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.ListeningSessions.AnyAsync(ct))
        {
            return;
        }

        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, r => r.Id, ct);
        var bodies = await db.Bodies.Select(b => new { b.Id, b.Region!.Code, b.Kind }).ToListAsync(ct);
        int? Body(string code, BodyKind kind) => bodies.FirstOrDefault(b => b.Code == code && b.Kind == kind)?.Id;
        var rsk = await db.Users.SingleAsync(u => u.Email == "officer.rsk@demo.ma", ct);
        var sm = await db.Users.SingleAsync(u => u.Email == "officer.sm@demo.ma", ct);
        var request = await db.StudyRequests.Where(r => r.Status != StudyRequestStatus.Declined).OrderBy(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        var publication = await db.Publications.OrderBy(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        var now = DateTime.UtcNow;
        db.Actor = "Démo";

        var runningStart = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute / 15 * 15, 0, DateTimeKind.Utc).AddMinutes(-45);
        var running = Session(
            "Emploi des jeunes dans les régions : propositions des conseils et de leurs instances",
            "تشغيل الشباب في الجهات: مقترحات المجالس وهيئاتها",
            "Le CESE recueille les propositions des conseils régionaux et de leurs instances consultatives pour son avis sur l'emploi des jeunes.",
            runningStart, 180, "Siège du CESE, Rabat", "https://visio.example.ma/ecoute-jeunes",
            [regions["RSK"], regions["FM"], regions["SM"]],
            [Body("RSK", BodyKind.Youth), Body("FM", BodyKind.Youth), Body("SM", BodyKind.EquityAndGender)]);
        running.StudyRequestId = request;
        running.Contributions.AddRange(
        [
            Contribution(regions["RSK"], null, rsk.Id, rsk.DisplayName, runningStart.AddDays(-2),
                "Le conseil régional propose un guichet unique de l'emploi des jeunes dans chaque province, adossé aux maisons des jeunes, et un suivi annuel par l'instance consultative."),
            Contribution(regions["SM"], Body("SM", BodyKind.EquityAndGender), sm.Id, sm.DisplayName, runningStart.AddDays(-1),
                "L'instance de l'équité et de l'égalité des chances demande que 40 % des places des programmes régionaux d'insertion soient réservées aux jeunes femmes rurales."),
            Contribution(regions["RSK"], Body("RSK", BodyKind.Youth), rsk.Id, rsk.DisplayName, runningStart.AddMinutes(20),
                "Le conseil des jeunes souligne l'enjeu de la mobilité : transport subventionné vers les zones d'activité de Kénitra et de Salé."),
            Contribution(regions["SM"], null, sm.Id, sm.DisplayName, runningStart.AddMinutes(35),
                "Souss-Massa propose d'associer les coopératives agricoles à l'apprentissage des jeunes, avec une prime régionale à l'embauche."),
        ]);

        var upcoming = Session(
            "Développement régional durable : l'eau dans les territoires oasiens",
            "التنمية الجهوية المستدامة: الماء في المجالات الواحية",
            "Séance à distance avec les régions du Sud et de l'Oriental sur la gestion de l'eau.",
            now.Date.AddDays(24).AddHours(9), 150, null, "https://visio.example.ma/ecoute-eau",
            [regions["ORI"], regions["DT"], regions["GON"]],
            [Body("DT", BodyKind.EconomicActors)]);

        var heldStart = now.Date.AddDays(-45).AddHours(9);
        var held = Session(
            "Régionalisation avancée : la participation citoyenne dans les conseils régionaux",
            "الجهوية المتقدمة: المشاركة المواطنة في المجالس الجهوية",
            null, heldStart, 240, "Hôtel de la Région, Rabat", null,
            [regions["RSK"], regions["SM"]],
            [Body("RSK", BodyKind.EquityAndGender)]);
        held.Minutes = "Ouverture par le président de la commission permanente.\nPrésentation des dispositifs de pétition par les deux régions.\nÉchanges avec les instances consultatives sur le suivi de leurs avis.";
        held.Synthesis = "Les régions demandent un délai de réponse aux pétitions fixé par règlement intérieur, et un retour écrit du conseil sur chaque avis des instances.";
        held.PublicationId = publication;
        held.Participants.AddRange(
        [
            new ListeningParticipant { FullName = "Nadia Amrani", Organisation = "Conseil régional de Rabat-Salé-Kénitra", RegionId = regions["RSK"], Gender = Gender.Female },
            new ListeningParticipant { FullName = "Hassan Ait Ahmed", Organisation = "Conseil régional de Souss-Massa", RegionId = regions["SM"], Gender = Gender.Male },
            new ListeningParticipant { FullName = "Salma Berrada", Organisation = "Instance de l'équité et de l'égalité des chances", RegionId = regions["RSK"], Gender = Gender.Female },
            new ListeningParticipant { FullName = "Leila Kabbaj", Organisation = "CESE", Gender = Gender.Female },
        ]);
        held.Contributions.AddRange(
        [
            Contribution(regions["RSK"], Body("RSK", BodyKind.EquityAndGender), rsk.Id, rsk.DisplayName, heldStart.AddDays(-3),
                "L'instance propose une plateforme régionale de pétitions en arabe, en amazighe et en français."),
            Contribution(regions["SM"], null, sm.Id, sm.DisplayName, heldStart.AddHours(1),
                "Souss-Massa partage son expérience : 14 pétitions reçues en deux ans, 9 inscrites à l'ordre du jour."),
        ]);

        db.ListeningSessions.AddRange(running, upcoming, held);
        await db.SaveChangesAsync(ct);
    }

    private static ListeningSession Session(string topic, string topicAr, string? description, DateTime startsAtUtc, int minutes, string? place, string? link, int[] regionIds, int?[] bodyIds)
    {
        var session = new ListeningSession
        {
            Topic = topic,
            TopicAr = topicAr,
            Description = description,
            StartsAtUtc = startsAtUtc,
            DurationMinutes = minutes,
            Place = place,
            OnlineLink = link,
            ContributionsCloseAtUtc = startsAtUtc.AddMinutes(minutes),
            UpdatedBy = "Démo",
        };
        session.InvitedRegions.AddRange(regionIds.Select(id => new ListeningSessionRegion { RegionId = id }));
        session.InvitedBodies.AddRange(bodyIds.OfType<int>().Distinct().Select(id => new ListeningSessionBody { BodyId = id }));
        return session;
    }

    private static Contribution Contribution(int regionId, int? bodyId, string authorId, string authorName, DateTime atUtc, string text) => new()
    {
        RegionId = regionId,
        BodyId = bodyId,
        AuthorId = authorId,
        AuthorName = authorName,
        Text = text,
        CreatedAtUtc = atUtc,
    };
}

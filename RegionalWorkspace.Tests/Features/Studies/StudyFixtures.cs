using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Studies;

/// <summary>Study requests in a given state, through the real service, and what is stored about them.</summary>
public static class StudyFixtures
{
    public const int Rsk = 4;
    public const int Sm = 9;
    public const string Cese = "cese@demo.ma";
    public const string Arm = "arm@demo.ma";

    /// <summary>Every account of the demo, one per role (two officers: one concerned, one not).</summary>
    public static readonly string[] Accounts =
        ["admin@demo.ma", "leadership@demo.ma", Cese, Arm, "dgct@demo.ma", "trainer@demo.ma", "officer.rsk@demo.ma", "officer.sm@demo.ma"];

    public static StudyRequestInput Input(string title = "Attractivité des territoires ruraux", params int[] regionIds) => new()
    {
        Title = title,
        Question = "Quels leviers régionaux pour retenir les jeunes actifs dans les communes rurales ?",
        Rationale = "Plusieurs conseils régionaux constatent le départ des jeunes diplômés vers les grandes villes.",
        Scope = StudyScope.AdvancedRegionalisation,
        RegionIds = regionIds.Length == 0 ? [Rsk] : [.. regionIds],
        DesiredTimeline = "Avant la session d'automne",
    };

    public static async Task<int> FileAsync(AppHost host, string email = Arm, StudyRequestInput? input = null) =>
        await host.Get<StudyRequestsService>().FileAsync(await host.PrincipalAsync(email), input ?? Input("Demande " + Guid.NewGuid().ToString("N")[..8]));

    /// <summary>A request filed by ARM (concerning RSK) and taken by CESE staff along the workflow to <paramref name="status"/>.</summary>
    public static async Task<int> InStatusAsync(AppHost host, StudyRequestStatus status, params int[] regionIds)
    {
        var id = await FileAsync(host, Arm, Input("Demande " + status + " " + Guid.NewGuid().ToString("N")[..8], regionIds));
        List<StudyRequestStatus> road = status == StudyRequestStatus.Declined
            ? [StudyRequestStatus.UnderReview, StudyRequestStatus.Declined]
            : StudyWorkflow.Path.Skip(1).TakeWhile(s => s != status).Append(status).Where(s => s != StudyRequestStatus.Submitted).ToList();
        if (status == StudyRequestStatus.Submitted)
        {
            return id;
        }

        var cese = await host.PrincipalAsync(Cese);
        foreach (var step in road)
        {
            await MoveAsync(host, cese, id, step, (await SnapshotAsync(host, id)).Version);
        }

        return id;
    }

    /// <summary>Calls the service method that moves a request to <paramref name="to"/>, with valid values.</summary>
    public static Task MoveAsync(AppHost host, System.Security.Claims.ClaimsPrincipal user, int id, StudyRequestStatus to, int version)
    {
        var studies = host.Get<StudyRequestsService>();
        return to switch
        {
            StudyRequestStatus.UnderReview => studies.StartReviewAsync(user, id, version),
            StudyRequestStatus.Accepted => studies.AcceptAsync(user, id, new AcceptInput { Commission = CeseCommission.SocialAffairsAndSolidarity, Rapporteur = "Amina Tazi", Version = version }),
            StudyRequestStatus.Declined => studies.DeclineAsync(user, id, new DeclineInput { Reason = "Déjà traité par un avis récent.", Version = version }),
            StudyRequestStatus.InProgress => studies.StartAsync(user, id, new StartInput { Milestones = [new MilestoneInput { Title = "Auditions", DueOn = new DateOnly(2027, 3, 1) }], Version = version }),
            StudyRequestStatus.Adopted => studies.AdoptAsync(user, id, new AdoptInput { SessionNumber = 160, Date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), Version = version }),
            StudyRequestStatus.Published => studies.PublishAsync(user, id, new PublishInput { Version = version }),
            _ => throw new ArgumentOutOfRangeException(nameof(to), to, "No move leads back to this status."),
        };
    }

    /// <summary>What a refused move must leave as it was.</summary>
    public sealed record Snapshot(
        StudyRequestStatus Status, int Version, int HistoryCount, int MilestoneCount, CeseCommission? Commission, string? Rapporteur, string? DeclineReason, int? SessionNumber);

    public static async Task<Snapshot> SnapshotAsync(AppHost host, int id)
    {
        await using var db = await host.CreateDbContextAsync();
        var r = await db.StudyRequests.AsNoTracking().SingleAsync(x => x.Id == id);
        return new Snapshot(
            r.Status, r.Version, await db.StudyRequestEvents.CountAsync(e => e.StudyRequestId == id), await db.StudyMilestones.CountAsync(m => m.StudyRequestId == id),
            r.Commission, r.Rapporteur, r.DeclineReason, r.AssemblySessionNumber);
    }

    public static async Task<int> NotificationsAsync(AppHost host, string email, int requestId)
    {
        var userId = await host.UserIdAsync(email);
        await using var db = await host.CreateDbContextAsync();
        var link = StudyRequestsService.Link(requestId);
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.Link == link);
    }
}

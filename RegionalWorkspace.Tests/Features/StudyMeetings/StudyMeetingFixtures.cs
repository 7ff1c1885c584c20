using System.Text;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.StudyMeetings;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.StudyMeetings;

/// <summary>Publications and study meetings built through the real services, by cese@demo.ma (region 4 = RSK, 9 = SM).</summary>
public static class StudyMeetingFixtures
{
    public const string Cese = "cese@demo.ma";
    public const string RskOfficer = "officer.rsk@demo.ma";
    public const string SmOfficer = "officer.sm@demo.ma";
    public const int Rsk = 4;
    public const int Sm = 9;

    public static PublicationInput Publication(string title = "La régionalisation avancée au service du développement intégré") => new()
    {
        TitleFr = title,
        TitleAr = "الجهوية المتقدمة في خدمة التنمية المندمجة",
        Kind = PublicationKind.Opinion,
        Commission = CeseCommission.RegionalisationAndRuralDevelopment,
        Summary = "Recommandations pour renforcer les capacités des conseils régionaux.",
        SummaryAr = "توصيات لتعزيز قدرات المجالس الجهوية.",
    };

    /// <summary>A publication created by CESE staff; approved by the General Assembly (session 42, 30 days ago) when asked.</summary>
    public static async Task<int> CreatePublicationAsync(AppHost host, bool approved, string? title = null)
    {
        var publications = host.Get<PublicationsService>();
        var cese = await host.PrincipalAsync(Cese);
        var id = await publications.CreateAsync(cese, Publication(title ?? $"Avis sur la régionalisation {Guid.NewGuid():N}"));
        if (approved)
        {
            await ApproveAsync(host, id);
        }

        return id;
    }

    public static async Task ApproveAsync(AppHost host, int publicationId, int session = 42)
    {
        var publications = host.Get<PublicationsService>();
        var cese = await host.PrincipalAsync(Cese);
        var version = (await publications.GetAsync(cese, publicationId)).Row.Version;
        await publications.ApproveAsync(cese, publicationId, new ApprovalInput { SessionNumber = session, ApprovedOn = host.Get<WorkspaceTime>().Now.Date.AddDays(-30), Version = version });
    }

    public static StudyMeetingInput Meeting(int publicationId, DateTime startsAtLocal, params int[] regionIds) => new()
    {
        PublicationId = publicationId,
        StartsAt = startsAtLocal,
        DurationMinutes = 120,
        Place = "Siège du conseil régional, Rabat",
        RegionIds = regionIds.Length == 0 ? [Rsk] : [.. regionIds],
    };

    /// <summary>An approved publication and a meeting presenting it, starting at <paramref name="startsAtLocal"/> (Morocco time).</summary>
    public static async Task<int> ScheduleAsync(AppHost host, DateTime startsAtLocal, params int[] regionIds)
    {
        var publicationId = await CreatePublicationAsync(host, approved: true);
        return await host.Get<StudyMeetingsService>().ScheduleAsync(await host.PrincipalAsync(Cese), Meeting(publicationId, startsAtLocal, regionIds));
    }

    public static async Task<int> MeetingCountAsync(AppHost host)
    {
        await using var db = await host.CreateDbContextAsync();
        return await db.StudyMeetings.CountAsync();
    }

    public static byte[] PdfBytes() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A real 1×1 PNG: a type the file store keeps, but not one a publication's document may be.</summary>
    public static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
}

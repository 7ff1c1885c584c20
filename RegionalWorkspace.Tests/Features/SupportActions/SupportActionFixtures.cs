using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.SupportActions;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.SupportActions;

/// <summary>Support actions through the real service, and the demo records they link to.</summary>
public static class SupportActionFixtures
{
    public const int Rsk = 4;
    public const int Sm = 9;
    public const string Arm = "arm@demo.ma";
    public const string RskOfficer = "officer.rsk@demo.ma";
    public const string SmOfficer = "officer.sm@demo.ma";

    public static DateOnly Today(AppHost host) => DateOnly.FromDateTime(host.Get<WorkspaceTime>().Now);

    /// <summary>A valid planned action in <paramref name="regionId"/>, starting in ten days.</summary>
    public static SupportActionInput Input(AppHost host, int regionId = Rsk, string? title = null) => new()
    {
        RegionId = regionId,
        Theme = SupportTheme.Environmental,
        Kind = SupportKind.Workshop,
        TitleFr = title ?? "Atelier sur la gestion de l'eau " + Guid.NewGuid().ToString("N")[..8],
        TitleAr = "ورشة حول تدبير الماء",
        Description = "Atelier participatif avec les associations d'usagers et l'instance de la jeunesse.",
        SupportedBy = Organisers.Arm | Organisers.Cese,
        Status = SupportStatus.Planned,
        StartsOn = Today(host).AddDays(10),
        EndsOn = Today(host).AddDays(11),
    };

    public static async Task<int> CreateAsync(AppHost host, SupportActionInput? input = null, string email = Arm) =>
        await host.Get<SupportActionsService>().CreateAsync(await host.PrincipalAsync(email), input ?? Input(host));

    /// <summary>An action under way since last month.</summary>
    public static async Task<int> InProgressAsync(AppHost host, int regionId = Rsk)
    {
        var input = Input(host, regionId);
        input.Status = SupportStatus.InProgress;
        input.StartsOn = Today(host).AddDays(-30);
        input.EndsOn = null;
        return await CreateAsync(host, input);
    }

    public static async Task<int> CountAsync(AppHost host)
    {
        await using var db = await host.CreateDbContextAsync();
        return await db.SupportActions.CountAsync();
    }

    public static async Task<int> PublishedPracticeAsync(AppHost host)
    {
        await using var db = await host.CreateDbContextAsync();
        return await db.Practices.Where(p => p.Status == PracticeStatus.Published).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
    }

    /// <summary>A draft practice of RSK, made for the test.</summary>
    public static async Task<int> DraftPracticeAsync(AppHost host)
    {
        await using var db = await host.CreateDbContextAsync();
        var practice = new Practice
        {
            RegionId = Rsk,
            Commitment = PracticeCommitment.C3,
            Status = PracticeStatus.Draft,
            Themes = PracticeThemes.Social,
            CreatedAtUtc = DateTime.UtcNow,
        };
        practice.Texts.Add(new PracticeText { Language = "fr", Title = "Brouillon " + Guid.NewGuid().ToString("N")[..6], Summary = "Résumé", Body = "Texte" });
        db.Practices.Add(practice);
        await db.SaveChangesAsync();
        return practice.Id;
    }

    public static Task<int> BodyAsync(AppHost host, string regionCode = "RSK", BodyKind kind = BodyKind.Youth) => host.BodyIdAsync(regionCode, kind);
}

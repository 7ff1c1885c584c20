using System.Text;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.ListeningSessions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.ListeningSessions;

/// <summary>
/// An app whose attachments folder is its own (under its data directory), so a test can check that a refused contribution
/// left no file behind while other test classes upload theirs.
/// </summary>
public class ListeningHostFixture : IAsyncLifetime
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public AppHost Host { get; private set; } = default!;

    public string Folder { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("rw-listening-").FullName;
        Folder = Path.Combine(dataDirectory, "attachments");
        Host = await AppHost.StartAsync(Provider, new Dictionary<string, string?> { ["Attachments:Path"] = Folder }, dataDirectory);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class ListeningPostgresHostFixture : ListeningHostFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>Builds listening sessions and contributions through the real services.</summary>
public static class ListeningFixtures
{
    public const string Cese = "cese@demo.ma";
    public const string RskOfficer = "officer.rsk@demo.ma";
    public const string SmOfficer = "officer.sm@demo.ma";

    public static async Task<int> RegionIdAsync(AppHost host, string code)
    {
        await using var db = await host.CreateDbContextAsync();
        return await db.Regions.Where(r => r.Code == code).Select(r => r.Id).SingleAsync();
    }

    /// <summary>A session starting at <paramref name="startsAtLocal"/> (Morocco time), inviting Rabat-Salé-Kénitra and Fès-Meknès, and RSK's youth body.</summary>
    public static async Task<ListeningSessionInput> InputAsync(AppHost host, DateTime startsAtLocal, int durationMinutes = 180) => new()
    {
        Topic = "Emploi des jeunes dans les régions : écoute des conseils régionaux",
        TopicAr = "تشغيل الشباب في الجهات: الاستماع إلى المجالس الجهوية",
        Description = "Recueillir les propositions des conseils et de leurs instances consultatives.",
        StartsAt = startsAtLocal,
        DurationMinutes = durationMinutes,
        Place = "Siège du CESE, Rabat",
        RegionIds = [await RegionIdAsync(host, "RSK"), await RegionIdAsync(host, "FM")],
        BodyIds = [await host.BodyIdAsync("RSK", BodyKind.Youth)],
    };

    public static async Task<int> OrganiseAsync(AppHost host, DateTime startsAtLocal, int durationMinutes = 180) =>
        await host.Get<ListeningSessionsService>().OrganiseAsync(await host.PrincipalAsync(Cese), await InputAsync(host, startsAtLocal, durationMinutes));

    /// <summary>A session that started 10 minutes ago (Morocco time) and runs three hours.</summary>
    public static Task<int> OrganiseRunningNowAsync(AppHost host) =>
        OrganiseAsync(host, host.Get<WorkspaceTime>().Now.AddMinutes(-10));

    public static async Task<int> ContributeAsync(AppHost host, int sessionId, string text, string email = RskOfficer, int? bodyId = null, params (string Name, byte[] Bytes)[] files) =>
        await host.Get<ContributionsService>().ContributeAsync(
            await host.PrincipalAsync(email), sessionId, new ContributionInput { Text = text, BodyId = bodyId },
            files.Select(f => new ContributionUpload(f.Name, () => new MemoryStream(f.Bytes))).ToList());

    /// <summary>Moves a session's closing time (time passing, without waiting for it).</summary>
    public static async Task SetCloseAsync(AppHost host, int sessionId, DateTime closeAtUtc)
    {
        await using var db = await host.CreateDbContextAsync();
        await db.ListeningSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.ContributionsCloseAtUtc, closeAtUtc));
    }

    public static byte[] PdfBytes() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static async Task<HttpClient> ClientAsync(AppHost host, string email)
    {
        var cookies = await HubClient.SignInAsync(host.BaseUrl, email);
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = host.BaseUrl };
    }
}

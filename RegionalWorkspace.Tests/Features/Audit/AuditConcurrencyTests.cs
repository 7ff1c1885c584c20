using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Audit;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Audit;

/// <summary>
/// Concurrent writers through the real service: every save appends its entry, none is lost or forked, and the chain
/// verifies. On PostgreSQL the writers are split over two servers sharing the database (the chain lock is the
/// database's, not a process's).
/// </summary>
public sealed class AuditConcurrencyTests
{
    private const int Writers = 8;
    private const int SavesPerWriter = 20;

    private static MemberInput Member(string name) => new()
    {
        FullName = name,
        Organisation = "Association",
        SeatType = SeatType.CivilSociety,
        Gender = Gender.Male,
        MandateStart = new DateOnly(2025, 1, 1),
        MandateEnd = new DateOnly(2029, 12, 31),
    };

    [Fact]
    public async Task ConcurrentWriters_Sqlite_KeepAValidChain()
    {
        await using var host = await AppHost.StartAsync();
        await RunAsync([host, host]);
    }

    [Fact]
    public async Task ConcurrentWriters_PostgresOnTwoServers_KeepAValidChain()
    {
        await using var first = await AppHost.StartAsync(DatabaseProvider.Postgres);
        await using var second = await AppHost.StartAsync(DatabaseProvider.Postgres,
            new Dictionary<string, string?> { ["ConnectionStrings:Workspace"] = first.ConnectionString });
        await RunAsync([first, second]);
    }

    private static async Task RunAsync(AppHost[] hosts)
    {
        var host = hosts[0];
        var bodyId = await host.BodyIdAsync("RSK", BodyKind.Youth);
        var admin = await host.PrincipalAsync("admin@demo.ma");
        var adminId = await host.UserIdAsync("admin@demo.ma");
        long before;
        await using (var db = await host.CreateDbContextAsync())
        {
            before = await db.AuditEntries.CountAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ids = new System.Collections.Concurrent.ConcurrentBag<int>();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var bodies = hosts[w % hosts.Length].Get<BodiesService>();
            using (AuditActor.Use(admin))
            {
                for (var i = 0; i < SavesPerWriter; i++)
                {
                    ids.Add(await bodies.AddMemberAsync(admin, bodyId, Member($"Writer {w} save {i}"), timeout.Token));
                }
            }
        }, timeout.Token)));

        var result = await host.Get<AuditVerifier>().VerifyAsync(timeout.Token);
        Assert.True(result.Intact, $"Broken at {result.FirstBroken}");
        Assert.Equal(before + (Writers * SavesPerWriter), result.Checked);
        await using var check = await host.CreateDbContextAsync();
        var keys = ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var entries = await check.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(BodyMember) && e.Operation == AuditOperation.Insert && keys.Contains(e.EntityKey))
            .ToListAsync(timeout.Token);
        Assert.Equal(Writers * SavesPerWriter, entries.Count);
        Assert.All(entries, e => Assert.Equal(adminId, e.UserId));
        Assert.Equal(entries.Count, entries.Select(e => e.EntityKey).Distinct().Count());
    }
}

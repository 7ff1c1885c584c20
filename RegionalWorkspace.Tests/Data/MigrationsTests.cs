using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Data;

/// <summary>Each provider's migrations build the whole model and the reference data, at start-up.</summary>
public sealed class MigrationsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StartUp_FreshDatabase_AppliesEveryMigrationAndSeedsReferenceData(DatabaseProvider provider)
    {
        await using var host = await AppHost.StartAsync(provider);
        await using var db = await host.CreateDbContextAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration for " + provider);
        Assert.Equal(
            ReferenceData.Regions.Select(r => (r.Code, r.NameFr, r.NameAr)),
            (await db.Regions.OrderBy(r => r.Id).ToListAsync()).Select(r => (r.Code, r.NameFr, r.NameAr)));
        Assert.Equal(15, await db.Organisations.CountAsync());
        Assert.Equal(36, await db.Bodies.CountAsync(b => b.Kind != BodyKind.DialogueMechanism));
        Assert.All(await db.Regions.Select(r => r.Bodies.Select(b => b.Kind).Distinct().Count()).ToListAsync(), n => Assert.Equal(3, n));
    }

    [Fact]
    public async Task StartUp_Twice_DoesNotDuplicateReferenceOrDemoData()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("rw-test-twice-").FullName;
        int members;
        var first = await AppHost.StartAsync(DatabaseProvider.Sqlite, dataDirectory: dataDirectory);
        await using (var db = await first.CreateDbContextAsync())
        {
            members = await db.BodyMembers.CountAsync();
        }

        await first.StopAsync();
        await using var second = await AppHost.StartAsync(DatabaseProvider.Sqlite, dataDirectory: dataDirectory);
        await using var again = await second.CreateDbContextAsync();

        Assert.Equal(12, await again.Regions.CountAsync());
        Assert.Equal(36, await again.Bodies.CountAsync());
        Assert.Equal(members, await again.BodyMembers.CountAsync());
        Assert.Equal(8, await again.Users.CountAsync());
    }

    [Fact]
    public async Task Postgres_ConcurrentEdits_SecondIsRefusedAsOnSqlite()
    {
        await using var host = await AppHost.StartAsync(DatabaseProvider.Postgres);
        var bodies = host.Get<BodiesService>();
        var officer = await host.PrincipalAsync("officer.sm@demo.ma");
        var bodyId = await host.BodyIdAsync("SM", BodyKind.Youth);
        var row = (await bodies.ListMembersAsync(officer, bodyId, null, 0, 1)).Items.Single();

        var first = MemberInput.From(row);
        first.Organisation = "Première";
        await bodies.UpdateMemberAsync(officer, row.Id, first);
        var second = MemberInput.From(row);
        second.Organisation = "Seconde";

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => bodies.UpdateMemberAsync(officer, row.Id, second));
        Assert.Equal("Première", (await bodies.ListMembersAsync(officer, bodyId, null, 0, 100)).Items.Single(m => m.Id == row.Id).Organisation);
    }
}

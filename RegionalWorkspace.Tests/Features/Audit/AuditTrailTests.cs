using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Audit;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Audit;

/// <summary>What a change through a real service leaves in the audit trail (real app, real SQLite database).</summary>
public sealed class AuditTrailTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private AppHost Host => fixture.Host;

    private BodiesService Bodies => Host.Get<BodiesService>();

    private static MemberInput Member(string name, int version = 0) => new()
    {
        FullName = name,
        FullNameAr = "سلمى بناني",
        Organisation = "Association Femmes et Développement",
        SeatType = SeatType.CivilSociety,
        Gender = Gender.Female,
        MandateStart = new DateOnly(2025, 1, 1),
        MandateEnd = new DateOnly(2029, 12, 31),
        Version = version,
    };

    private async Task<List<AuditEntry>> EntriesAsync(string entityType, string key)
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == entityType && e.EntityKey == key).OrderBy(e => e.Id).ToListAsync();
    }

    private static Dictionary<string, JsonElement> Json(string? json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json ?? "{}")!;

    [Fact]
    public async Task UpdateMember_ThroughService_RecordsTheActorAndOnlyTheChangedValues()
    {
        var bodyId = await Host.BodyIdAsync("RSK", BodyKind.Youth);
        var officer = await Host.PrincipalAsync("officer.rsk@demo.ma");
        var officerId = await Host.UserIdAsync("officer.rsk@demo.ma");
        int memberId;
        using (AuditActor.Use(officer))
        {
            memberId = await Bodies.AddMemberAsync(officer, bodyId, Member("Salma Bennani"));
            await Bodies.UpdateMemberAsync(officer, memberId, Member("Salma Bennani-Tazi", version: 1));
        }

        var entries = await EntriesAsync(nameof(BodyMember), memberId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal([AuditOperation.Insert, AuditOperation.Update], entries.Select(e => e.Operation));
        var update = entries[1];
        Assert.Equal(officerId, update.UserId);
        Assert.Equal("Khadija Alami", update.UserName);
        var before = Json(update.Before);
        var after = Json(update.After);
        Assert.Equal("Salma Bennani", before["FullName"].GetString());
        Assert.Equal("Salma Bennani-Tazi", after["FullName"].GetString());
        Assert.Equal(1, before["Version"].GetInt32());
        Assert.Equal(2, after["Version"].GetInt32());
        // Unchanged values are not repeated in an update.
        Assert.DoesNotContain("Organisation", before.Keys);
        Assert.DoesNotContain("MandateStart", after.Keys);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.True(update.AtUtc > DateTime.UtcNow.AddMinutes(-5) && update.AtUtc <= DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task AddAndRemoveMember_RecordAnInsertWithItsKeyAndADeleteWithEveryValue()
    {
        var bodyId = await Host.BodyIdAsync("RSK", BodyKind.Youth);
        var admin = await Host.PrincipalAsync("admin@demo.ma");
        var adminId = await Host.UserIdAsync("admin@demo.ma");
        int memberId;
        using (AuditActor.Use(admin))
        {
            memberId = await Bodies.AddMemberAsync(admin, bodyId, Member("Youssef Amrani"));
            await Bodies.RemoveMemberAsync(admin, memberId, 1);
        }

        var entries = await EntriesAsync(nameof(BodyMember), memberId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, entries.Count);
        var (insert, delete) = (entries[0], entries[1]);
        Assert.Equal(AuditOperation.Insert, insert.Operation);
        Assert.Null(insert.Before);
        var inserted = Json(insert.After);
        Assert.Equal(memberId, inserted["Id"].GetInt32());
        Assert.Equal(bodyId, inserted["BodyId"].GetInt32());
        Assert.Equal("Youssef Amrani", inserted["FullName"].GetString());
        Assert.Equal("سلمى بناني", inserted["FullNameAr"].GetString());
        Assert.Equal("CivilSociety", inserted["SeatType"].GetString());
        Assert.Equal("2025-01-01", inserted["MandateStart"].GetString());

        Assert.Equal(AuditOperation.Delete, delete.Operation);
        Assert.Equal(adminId, delete.UserId);
        Assert.Null(delete.After);
        Assert.Equal("Youssef Amrani", Json(delete.Before)["FullName"].GetString());
        Assert.Equal(inserted.Keys.Order(), Json(delete.Before).Keys.Order());
        Assert.True(delete.Id > insert.Id);
    }

    [Fact]
    public async Task CreateAndUpdateAccount_PasswordHashAndSecurityStampAreNeverWritten()
    {
        var admin = await Host.PrincipalAsync("admin@demo.ma");
        var accounts = Host.Get<AccountsService>();
        string userId;
        using (AuditActor.Use(admin))
        {
            userId = await accounts.CreateAsync(admin, new AccountInput
            {
                Email = "audit.secret@demo.ma", DisplayName = "Compte Audit", Role = WorkspaceRole.Leadership, Password = "Secret-Audit-2026!",
            });
            await accounts.UpdateAsync(admin, userId, new AccountInput
            {
                Email = "audit.secret@demo.ma", DisplayName = "Compte Audit", Role = WorkspaceRole.CeseStaff,
            });
        }

        await using var db = await Host.CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(AppUser) && e.EntityKey == userId).OrderBy(e => e.Id).ToListAsync();
        var insert = Assert.Single(entries, e => e.Operation == AuditOperation.Insert);
        Assert.Equal(AuditTrail.Redacted, Json(insert.After)["PasswordHash"].GetString());
        Assert.Equal(AuditTrail.Redacted, Json(insert.After)["SecurityStamp"].GetString());
        Assert.Equal("Compte Audit", Json(insert.After)["DisplayName"].GetString());
        // The role change renews the security stamp: the update says it changed, without the value.
        Assert.Contains(entries, e => e.Operation == AuditOperation.Update && Json(e.After).TryGetValue("SecurityStamp", out var s) && s.GetString() == AuditTrail.Redacted);
        Assert.Contains(await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "IdentityUserRole" && e.EntityKey.StartsWith(userId)).Select(e => e.Operation).ToListAsync(),
            op => op == AuditOperation.Delete);

        // Neither the hash, nor the stamp, nor the password appears anywhere in the trail.
        foreach (var secret in new[] { user.PasswordHash!, user.SecurityStamp!, "Secret-Audit-2026!" })
        {
            Assert.False(await db.AuditEntries.AnyAsync(e => (e.Before != null && e.Before.Contains(secret)) || (e.After != null && e.After.Contains(secret))), "A secret reached the audit trail.");
        }

        Assert.False(await db.AuditEntries.AnyAsync(e => (e.After != null && e.After.Contains("AQAAAA")) || (e.Before != null && e.Before.Contains("AQAAAA"))),
            "An Identity password hash (AQAAAA…) reached the audit trail.");
    }

    [Fact]
    public async Task Save_WithoutAnActingUser_IsRecordedAsTheSystem()
    {
        await using var db = await Host.CreateDbContextAsync();
        var region = await db.Regions.OrderBy(r => r.Id).FirstAsync();
        var organisation = new Organisation { Code = "AUDSYS", NameFr = "Organisme système", NameAr = "هيئة" };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();

        var entry = Assert.Single(await EntriesAsync(nameof(Organisation), organisation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Null(entry.UserId);
        Assert.Equal(AuditIdentity.SystemName, entry.UserName);
        // The reference data and the demo seeding ran as the system too.
        await using var check = await Host.CreateDbContextAsync();
        var seeded = await check.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Region) && e.EntityKey == region.Id.ToString()).FirstAsync();
        Assert.Equal(AuditIdentity.SystemName, seeded.UserName);
    }

    [Fact]
    public async Task AuditEntry_ChangedOrDeletedThroughTheModel_IsRefusedAndNothingIsSaved()
    {
        await using var db = await Host.CreateDbContextAsync();
        var entry = await db.AuditEntries.OrderBy(e => e.Id).FirstAsync();
        var original = entry.UserName;
        entry.UserName = "forged";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        db.AuditEntries.Remove(await db.AuditEntries.OrderBy(e => e.Id).FirstAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        db.AuditEntries.Add(new AuditEntry { Id = 999_999_999, UserName = "x", EntityType = "x", EntityKey = "x", PreviousHash = "x", Hash = "x" });
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());

        await using var check = await Host.CreateDbContextAsync();
        Assert.Equal(original, (await check.AuditEntries.OrderBy(e => e.Id).FirstAsync()).UserName);
        Assert.False(await check.AuditEntries.AnyAsync(e => e.Id == 999_999_999));
    }

    [Fact]
    public async Task StaleUpdate_IsRefusedAndWritesNoEntry_AndTheChainStaysIntact()
    {
        var bodyId = await Host.BodyIdAsync("RSK", BodyKind.Youth);
        var officer = await Host.PrincipalAsync("officer.rsk@demo.ma");
        int memberId;
        using (AuditActor.Use(officer))
        {
            memberId = await Bodies.AddMemberAsync(officer, bodyId, Member("Nadia Berrada"));
            await Bodies.UpdateMemberAsync(officer, memberId, Member("Nadia Berrada (1)", version: 1));
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Bodies.UpdateMemberAsync(officer, memberId, Member("Nadia Berrada (stale)", version: 1)));
        }

        var entries = await EntriesAsync(nameof(BodyMember), memberId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, entries.Count);
        Assert.DoesNotContain(entries, e => e.After?.Contains("stale", StringComparison.Ordinal) == true);
        var verification = await Host.Get<AuditVerifier>().VerifyAsync();
        Assert.True(verification.Intact, $"Broken at {verification.FirstBroken}");
        await using var db = await Host.CreateDbContextAsync();
        Assert.Equal(await db.AuditEntries.CountAsync(), verification.Checked);
        Assert.Equal(await db.AuditEntries.OrderByDescending(e => e.Id).Select(e => e.Hash).FirstAsync(), verification.HeadHash);
    }
}

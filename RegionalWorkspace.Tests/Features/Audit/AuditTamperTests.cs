using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Audit;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Audit;

/// <summary>
/// Tampering with the table by direct SQL, as someone with access to the database file or server could: the append-only
/// triggers refuse it, and once they are dropped, the chain check names the first broken entry.
/// </summary>
public sealed class AuditTamperTests : IAsyncLifetime
{
    private AppHost _host = default!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Demo:Seed"] = "false" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Ten more entries by a named user, so that tampering happens in the middle of the chain.</summary>
    private static async Task<long> AddEntriesAsync(AppHost host, int count = 10)
    {
        using (AuditActor.Use(new AuditIdentity("user-1", "Amina Tahiri")))
        {
            for (var i = 0; i < count; i++)
            {
                await using var db = await host.CreateDbContextAsync();
                db.Organisations.Add(new Organisation { Code = $"T{Guid.NewGuid():N}"[..12], NameFr = $"Organisme {i}", NameAr = "هيئة" });
                await db.SaveChangesAsync();
            }
        }

        await using var check = await host.CreateDbContextAsync();
        return await check.AuditEntries.MaxAsync(e => e.Id);
    }

    private static async Task SqlAsync(AppHost host, string sql)
    {
        await using var db = await host.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private static Task DropTriggersAsync(AppHost host) =>
        SqlAsync(host, """DROP TRIGGER "AuditEntries_NoUpdate"; DROP TRIGGER "AuditEntries_NoDelete";""");

    private Task<AuditVerification> VerifyAsync() => _host.Get<AuditVerifier>().VerifyAsync();

    [Fact]
    public async Task Triggers_RefuseUpdateAndDeleteBySql()
    {
        var last = await AddEntriesAsync(_host);

        var update = await Assert.ThrowsAnyAsync<Exception>(() => SqlAsync(_host, $"""UPDATE "AuditEntries" SET "UserName" = 'x' WHERE "Id" = {last}"""));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => SqlAsync(_host, $"""DELETE FROM "AuditEntries" WHERE "Id" = {last}"""));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task IntactChain_VerifiesEveryEntry()
    {
        var last = await AddEntriesAsync(_host);

        var result = await VerifyAsync();

        Assert.True(result.Intact);
        Assert.Equal(last, result.Checked);
    }

    [Fact]
    public async Task EditedValue_IsDetectedAtThatEntry()
    {
        var last = await AddEntriesAsync(_host);
        var target = last - 4;
        await DropTriggersAsync(_host);

        await SqlAsync(_host, $"""UPDATE "AuditEntries" SET "After" = REPLACE("After", 'Organisme', 'Officine') WHERE "Id" = {target}""");

        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(target, result.FirstBroken!.EntryId);
        Assert.Equal(AuditBreak.Altered, result.FirstBroken.Reason);
        Assert.Equal(target - 1, result.Checked);
    }

    [Fact]
    public async Task EditedEntryWithItsHashRecomputed_IsDetectedAtTheNextEntry()
    {
        var last = await AddEntriesAsync(_host);
        var target = last - 3;
        await DropTriggersAsync(_host);
        await using (var db = await _host.CreateDbContextAsync())
        {
            var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == target);
            entry.UserName = "Quelqu'un d'autre";
            var forgedHash = AuditHash.Compute(entry);
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEntries" SET "UserName" = {entry.UserName}, "Hash" = {forgedHash} WHERE "Id" = {target}""");
        }

        var result = await VerifyAsync();
        Assert.Equal(target + 1, result.FirstBroken!.EntryId);
        Assert.Equal(AuditBreak.Unlinked, result.FirstBroken.Reason);
    }

    [Fact]
    public async Task DeletedEntry_IsDetectedAtTheEntryAfterIt()
    {
        var last = await AddEntriesAsync(_host);
        var target = last - 5;
        await DropTriggersAsync(_host);

        await SqlAsync(_host, $"""DELETE FROM "AuditEntries" WHERE "Id" = {target}""");

        var result = await VerifyAsync();
        Assert.Equal(target + 1, result.FirstBroken!.EntryId);
        Assert.Equal(AuditBreak.Missing, result.FirstBroken.Reason);
        Assert.Equal(target, result.FirstBroken.ExpectedId);
    }

    [Fact]
    public async Task ForgedEntries_AreDetectedAtTheFirstForgedOne()
    {
        var last = await AddEntriesAsync(_host);
        await using var db = await _host.CreateDbContextAsync();
        var head = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == last);
        // A forged row that names the real head and carries a made-up hash, then one with a well-computed hash of its
        // own fields but a made-up predecessor.
        var at = AuditHash.Truncate(DateTime.UtcNow);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AuditEntries" ("Id", "AtUtc", "UserId", "UserName", "EntityType", "EntityKey", "Operation", "Before", "After", "PreviousHash", "Hash")
            VALUES ({last + 1}, {at}, NULL, 'system', 'Organisation', '999', 'Delete', {"{}"}, NULL, {head.Hash}, {new string('a', 64)})
            """);

        var result = await VerifyAsync();
        Assert.Equal(last + 1, result.FirstBroken!.EntryId);
        Assert.Equal(AuditBreak.Altered, result.FirstBroken.Reason);
        Assert.Equal(last, result.Checked);

        // After the broken link, a new save still appends (it does not repair or hide the forgery).
        var afterForgery = await AddEntriesAsync(_host, 1);
        Assert.Equal(last + 2, afterForgery);
        Assert.Equal(last + 1, (await VerifyAsync()).FirstBroken!.EntryId);
    }

    [Fact]
    public async Task ForgedEntryWithAValidOwnHash_IsDetectedByItsLink()
    {
        var last = await AddEntriesAsync(_host);
        var forged = new AuditEntry
        {
            Id = last + 1, AtUtc = AuditHash.Truncate(DateTime.UtcNow), UserName = "system", EntityType = "Organisation", EntityKey = "1",
            Operation = AuditOperation.Delete, Before = "{}", PreviousHash = new string('b', 64), Hash = "",
        };
        forged.Hash = AuditHash.Compute(forged);
        await using var db = await _host.CreateDbContextAsync();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AuditEntries" ("Id", "AtUtc", "UserId", "UserName", "EntityType", "EntityKey", "Operation", "Before", "After", "PreviousHash", "Hash")
            VALUES ({forged.Id}, {forged.AtUtc}, NULL, {forged.UserName}, {forged.EntityType}, {forged.EntityKey}, 'Delete', {forged.Before}, NULL, {forged.PreviousHash}, {forged.Hash})
            """);

        var result = await VerifyAsync();
        Assert.Equal(last + 1, result.FirstBroken!.EntryId);
        Assert.Equal(AuditBreak.Unlinked, result.FirstBroken.Reason);
    }

    [Fact]
    public async Task FailingAuditWrite_RollsTheChangeBack()
    {
        await AddEntriesAsync(_host, 1);
        await SqlAsync(_host, """CREATE TRIGGER "Test_RefuseAudit" BEFORE INSERT ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END;""");
        var code = "ROLLBACK1";

        await using (var db = await _host.CreateDbContextAsync())
        {
            db.Organisations.Add(new Organisation { Code = code, NameFr = "Jamais enregistré", NameAr = "هيئة" });
            await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());
        }

        await using var check = await _host.CreateDbContextAsync();
        Assert.False(await check.Organisations.AnyAsync(o => o.Code == code));
    }
}

/// <summary>The same on PostgreSQL, where the trigger also refuses TRUNCATE and only the table's owner can disable it.</summary>
public sealed class AuditTamperPostgresTests : IAsyncLifetime
{
    private AppHost _host = default!;

    public async Task InitializeAsync() =>
        _host = await AppHost.StartAsync(DatabaseProvider.Postgres, new Dictionary<string, string?> { ["Demo:Seed"] = "false" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task SqlAsync(string sql)
    {
        await using var db = await _host.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task Trigger_RefusesUpdateDeleteAndTruncate_AndAnEditPastItIsDetected()
    {
        await using (var db = await _host.CreateDbContextAsync())
        {
            using (AuditActor.Use(new AuditIdentity("user-1", "Amina Tahiri")))
            {
                for (var i = 0; i < 5; i++)
                {
                    db.Organisations.Add(new Organisation { Code = $"PG{i}", NameFr = $"Organisme {i}", NameAr = "هيئة" });
                    await db.SaveChangesAsync();
                }
            }
        }

        long last;
        await using (var db = await _host.CreateDbContextAsync())
        {
            last = await db.AuditEntries.MaxAsync(e => e.Id);
        }

        foreach (var sql in new[]
                 {
                     $"""UPDATE "AuditEntries" SET "UserName" = 'x' WHERE "Id" = {last}""",
                     $"""DELETE FROM "AuditEntries" WHERE "Id" = {last}""",
                     """TRUNCATE "AuditEntries" """,
                 })
        {
            var refusal = await Assert.ThrowsAsync<PostgresException>(() => SqlAsync(sql));
            Assert.Contains("append-only", refusal.MessageText, StringComparison.Ordinal);
        }

        Assert.True((await _host.Get<AuditVerifier>().VerifyAsync()).Intact);

        var target = last - 2;
        await SqlAsync($"""
            ALTER TABLE "AuditEntries" DISABLE TRIGGER USER;
            UPDATE "AuditEntries" SET "UserName" = 'Quelqu''un' WHERE "Id" = {target.ToString(CultureInfo.InvariantCulture)};
            """);
        var result = await _host.Get<AuditVerifier>().VerifyAsync();
        Assert.Equal(target, result.FirstBroken!.EntryId);
        Assert.Equal(AuditBreak.Altered, result.FirstBroken.Reason);
    }
}

using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Backups;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Backups;

public sealed class BackupRestoreTests(BackupHostFixture fixture) : IClassFixture<BackupHostFixture>, IDisposable
{
    private static readonly DateTime s_now = new(2026, 11, 29, 8, 0, 0, DateTimeKind.Utc);

    private readonly string _scratch = Directory.CreateTempSubdirectory("rw-restore-test-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Restore_IntoFreshDataDirectory_TheAppStartsOnItAndReadsTheDataAndAttachmentsBack()
    {
        var data = Directory.CreateTempSubdirectory("rw-restored-").FullName;

        var result = BackupRestorer.Restore(fixture.Archive, BackupFiles.Locations(data), s_now);

        Assert.Null(result.PreviousDatabase);
        Assert.Null(result.PreviousAttachments);
        Assert.Equal(2, result.Manifest.AttachmentCount);
        await using var host = await AppHost.StartAsync(DatabaseProvider.Sqlite, BackupFiles.Settings(data), data);
        await using (var db = await host.CreateDbContextAsync())
        {
            Assert.Equal(fixture.PracticeId, await db.PracticeTexts.Where(t => t.Title == BackupHostFixture.PracticeTitle).Select(t => t.PracticeId).SingleAsync());
        }

        var admin = await host.PrincipalAsync(BackupHostFixture.Admin);
        var files = host.Get<PracticeAttachmentsService>();
        foreach (var attachment in fixture.Attachments)
        {
            var (row, content) = await files.OpenAsync(admin, attachment.Id);
            await using (content)
            {
                using var copy = new MemoryStream();
                await content.CopyToAsync(copy);
                Assert.Equal(attachment.FileName, row.FileName);
                Assert.Equal(attachment.FileName.EndsWith(".png", StringComparison.Ordinal) ? BackupFiles.Png : BackupFiles.Pdf, copy.ToArray());
            }
        }
    }

    [Fact]
    public void Restore_OverExistingData_ReplacesItAndKeepsThePreviousFilesAside()
    {
        var data = Path.Combine(_scratch, "data");
        BackupRestorer.Restore(fixture.Archive, BackupFiles.Locations(data), s_now);
        var attachments = Path.Combine(data, "attachments");
        File.WriteAllBytes(Path.Combine(attachments, "added-after.pdf"), BackupFiles.Pdf);
        var previousDatabase = BackupFiles.Sha256(File.ReadAllBytes(Path.Combine(data, "workspace.db")));

        var result = BackupRestorer.Restore(fixture.Archive, BackupFiles.Locations(data), s_now);

        Assert.Equal(Path.Combine(data, "workspace.db.before-restore-20261129-080000"), result.PreviousDatabase);
        Assert.Equal(previousDatabase, BackupFiles.Sha256(File.ReadAllBytes(result.PreviousDatabase!)));
        Assert.True(File.Exists(Path.Combine(result.PreviousAttachments!, "added-after.pdf")));
        Assert.False(File.Exists(Path.Combine(attachments, "added-after.pdf")));
        Assert.Equal(2, Directory.GetFiles(attachments).Length);
        Assert.Equal("ok", SqliteSnapshot.IntegrityCheck(Path.Combine(data, "workspace.db")));
    }

    public static TheoryData<string, string> Damages => new()
    {
        { "not a zip", "Error.BackupCorrupt" },
        { "truncated", "Error.BackupCorrupt" },
        { "foreign zip", "Error.BackupForeign" },
        { "other format", "Error.BackupForeign" },
        { "attachment altered", "Error.BackupTampered" },
        { "database altered", "Error.BackupTampered" },
        { "entry removed", "Error.BackupIncomplete" },
        { "entry added", "Error.BackupTampered" },
        { "path out of the folder", "Error.BackupTampered" },
        { "newer migration", "Error.BackupNewerVersion" },
        { "bytes flipped in place", "Error.BackupCorrupt" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void Restore_DamagedOrForeignArchive_IsRefusedWithItsReasonAndChangesNothing(string damage, string reason)
    {
        var data = Path.Combine(_scratch, "data");
        BackupRestorer.Restore(fixture.Archive, BackupFiles.Locations(data), s_now);
        var before = BackupFiles.Tree(data);
        var archive = Damage(damage);

        var refused = Assert.Throws<BackupRefusedException>(() => BackupRestorer.Restore(archive, BackupFiles.Locations(data), s_now.AddHours(1)));

        Assert.Equal(reason, refused.Message);
        Assert.Equal(before, BackupFiles.Tree(data));
        Assert.Equal(["attachments"], Directory.GetDirectories(data).Select(Path.GetFileName));
    }

    [Fact]
    public void Restore_WhileAServerRunsOnTheDatabase_IsRefusedAndChangesNothing()
    {
        var data = fixture.Host.DataDirectory;
        var before = LiveFiles(data);

        var refused = Assert.Throws<BackupRefusedException>(() => BackupRestorer.Restore(fixture.Archive, BackupFiles.Locations(data), s_now));

        Assert.Equal("Error.BackupDatabaseInUse", refused.Message);
        Assert.Equal(before, LiveFiles(data));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(data, "*", SearchOption.AllDirectories), p => p.Contains("restore", StringComparison.Ordinal));
    }

    [Fact]
    public void Restore_SqliteArchiveIntoAPostgresWorkspace_IsRefused()
    {
        var data = Path.Combine(_scratch, "pg");
        var locations = BackupFiles.Locations(data) with { Provider = DatabaseProvider.Postgres, DatabasePath = null, SqliteConnectionString = "" };

        var refused = Assert.Throws<BackupRefusedException>(() => BackupRestorer.Restore(fixture.Archive, locations, s_now));

        Assert.Equal("Error.BackupProviderMismatch", refused.Message);
        Assert.False(Directory.Exists(Path.Combine(data, "attachments")));
    }

    [Fact]
    public void PostgresWorkspace_ArchiveHoldsTheAttachmentsOnly_AndRestoresThem()
    {
        var source = PostgresLocations(Path.Combine(_scratch, "pg-source"));
        Directory.CreateDirectory(source.AttachmentsFolder);
        File.WriteAllBytes(Path.Combine(source.AttachmentsFolder, "a.png"), BackupFiles.Png);
        File.WriteAllBytes(Path.Combine(source.AttachmentsFolder, "b.pdf"), BackupFiles.Pdf);
        File.WriteAllBytes(Path.Combine(source.AttachmentsFolder, "upload-123.tmp"), BackupFiles.Pdf);

        var created = BackupWriter.Write(source, Path.Combine(source.BackupsFolder, "pg.zip"), s_now);

        Assert.False(created.Manifest.HasDatabase);
        Assert.Equal(DatabaseProvider.Postgres, created.Manifest.Provider);
        Assert.Equal(["attachments/a.png", "attachments/b.pdf"], created.Manifest.Entries.Select(e => e.Path).Order());
        var target = PostgresLocations(Path.Combine(_scratch, "pg-target"));
        BackupRestorer.Restore(created.Path, target, s_now);
        Assert.Equal(BackupFiles.Png, File.ReadAllBytes(Path.Combine(target.AttachmentsFolder, "a.png")));
        Assert.Equal(BackupFiles.Pdf, File.ReadAllBytes(Path.Combine(target.AttachmentsFolder, "b.pdf")));
        var refused = Assert.Throws<BackupRefusedException>(() => BackupRestorer.Restore(created.Path, BackupFiles.Locations(Path.Combine(_scratch, "sqlite")), s_now));
        Assert.Equal("Error.BackupProviderMismatch", refused.Message);
    }

    private static BackupLocations PostgresLocations(string data) =>
        BackupFiles.Locations(data) with { Provider = DatabaseProvider.Postgres, DatabasePath = null, SqliteConnectionString = "" };

    /// <summary>
    /// The files of a running workspace's directory, the database's files aside (the server's own background work may
    /// checkpoint them); a restore would have renamed those aside, which the caller checks.
    /// </summary>
    private static SortedDictionary<string, string> LiveFiles(string data)
    {
        var tree = BackupFiles.Tree(data);
        tree.Remove("workspace.db");
        tree.Remove("workspace.db-shm");
        tree.Remove("workspace.db-wal");
        Assert.True(File.Exists(Path.Combine(data, "workspace.db")));
        return tree;
    }

    private string Damage(string damage)
    {
        var path = Path.Combine(_scratch, $"damaged-{Guid.NewGuid():N}.zip");
        var original = File.ReadAllBytes(fixture.Archive);
        var attachment = BackupFiles.Read(fixture.Archive).Manifest.Entries.First(e => e.Path.StartsWith(BackupManifest.AttachmentsPrefix, StringComparison.Ordinal)).Path;
        switch (damage)
        {
            case "not a zip":
                File.WriteAllText(path, "Ceci n'est pas une archive.");
                return path;
            case "truncated":
                File.WriteAllBytes(path, original[..(original.Length / 2)]);
                return path;
            case "bytes flipped in place":
                var flipped = (byte[])original.Clone();
                for (var i = 200; i < 260; i++)
                {
                    flipped[i] ^= 0x5A;
                }

                File.WriteAllBytes(path, flipped);
                return path;
            case "foreign zip":
                return BackupFiles.Rewrite(fixture.Archive, _scratch, e =>
                {
                    e.Clear();
                    e["notes.txt"] = Encoding.UTF8.GetBytes("hello");
                });
            case "other format":
                return WithManifest(m => m["format"] = "SomethingElse.Backup");
            case "attachment altered":
                return BackupFiles.Rewrite(fixture.Archive, _scratch, e => e[attachment] = [.. e[attachment], 0x20]);
            case "database altered":
                return BackupFiles.Rewrite(fixture.Archive, _scratch, e =>
                {
                    var database = e[BackupManifest.DatabaseEntry];
                    database[database.Length / 2] ^= 0xFF;
                });
            case "entry removed":
                return BackupFiles.Rewrite(fixture.Archive, _scratch, e => e.Remove(attachment));
            case "entry added":
                return BackupFiles.Rewrite(fixture.Archive, _scratch, e => e[BackupManifest.AttachmentsPrefix + "extra.pdf"] = BackupFiles.Pdf);
            case "path out of the folder":
                return BackupFiles.Rewrite(fixture.Archive, _scratch, e =>
                {
                    var escaping = BackupManifest.AttachmentsPrefix + "../../escaped.png";
                    e[escaping] = e[attachment];
                    e.Remove(attachment);
                    e[BackupManifest.FileName] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(e[BackupManifest.FileName]).Replace(attachment, escaping, StringComparison.Ordinal));
                });
            case "newer migration":
                return WithManifest(m => m["migration"] = "29991231000000_Future");
            default:
                throw new ArgumentOutOfRangeException(nameof(damage), damage, null);
        }
    }

    private string WithManifest(Action<JsonObject> change) =>
        BackupFiles.Rewrite(fixture.Archive, _scratch, e =>
        {
            var manifest = JsonNode.Parse(e[BackupManifest.FileName])!.AsObject();
            change(manifest);
            e[BackupManifest.FileName] = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        });
}

using System.Collections.Concurrent;
using System.Net.Http.Json;
using RegionalWorkspace.Features.Backups;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Tests.Features.Practices;
using RegionalWorkspace.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RegionalWorkspace.Tests.Features.Backups;

public sealed class BackupServiceTests(BackupHostFixture fixture, ITestOutputHelper output) : IClassFixture<BackupHostFixture>, IDisposable
{
    private const int MaxWrites = 400;
    private const int WritesBeforeBackup = 25;

    private readonly string _scratch = Directory.CreateTempSubdirectory("rw-backup-test-").FullName;

    private AppHost Host => fixture.Host;

    private BackupService Backups => Host.Get<BackupService>();

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Create_WhileWritesRun_CopyIsSoundAndHoldsEveryWriteAcknowledgedBeforeIt()
    {
        var officer = await Host.PrincipalAsync(BackupHostFixture.RskOfficer);
        var practices = Host.Get<PracticesService>();
        var acknowledged = new ConcurrentQueue<int>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < MaxWrites && !stop.IsCancellationRequested; i++)
            {
                acknowledged.Enqueue(await practices.CreateAsync(officer, 4, PracticeFixtures.Input($"Rafale {i:D3} pendant la sauvegarde")));
            }
        });
        for (var waited = 0; acknowledged.Count < WritesBeforeBackup && waited < 600 && !writer.IsCompleted; waited++)
        {
            await Task.Delay(50);
        }

        var before = acknowledged.ToArray();
        Assert.True(before.Length >= WritesBeforeBackup, $"only {before.Length} writes acknowledged before the backup");
        var progress = new ConcurrentQueue<BackupProgress>();
        var created = await Backups.CreateAsync(await Host.PrincipalAsync(BackupHostFixture.Admin), new SynchronousProgress(progress.Enqueue));
        var duringBackup = acknowledged.Count - before.Length;
        await stop.CancelAsync();
        await writer; // a write refused with "database is locked" would fail here
        output.WriteLine($"{before.Length} writes acknowledged before the backup, {duringBackup} while it ran, {acknowledged.Count} in all.");

        var archive = Path.Combine(Host.Get<BackupLocations>().BackupsFolder, created.Name);
        var copy = BackupFiles.ExtractDatabase(archive, _scratch);
        Assert.Equal("ok", SqliteSnapshot.IntegrityCheck(copy));
        using var db = BackupFiles.Open(copy);
        var ids = BackupFiles.Query(db, "SELECT Id FROM Practices", r => r.GetInt32(0)).ToHashSet();
        Assert.DoesNotContain(before, id => !ids.Contains(id));
        // Each practice and its texts are written in one transaction: the copy has no practice without its text.
        Assert.Empty(BackupFiles.Query(db, "SELECT p.Id FROM Practices p WHERE NOT EXISTS (SELECT 1 FROM PracticeTexts t WHERE t.PracticeId = p.Id)", r => r.GetInt32(0)));
        var (manifest, _) = BackupFiles.Read(archive);
        Assert.Equal(ids.Count, manifest.TableCounts["Practices"]);
        Assert.Equal(SqliteSnapshot.KnownMigrations[^1], manifest.Migration);
        Assert.Contains(progress, p => p.Stage == BackupStage.Attachments && p.Done == p.Total);
    }

    [Fact]
    public async Task Create_Attachments_AreArchivedByteForByteWithTheHashesTheDatabaseRecorded()
    {
        var (manifest, entries) = BackupFiles.Read(fixture.Archive);

        Assert.Equal(2, manifest.AttachmentCount);
        Assert.Empty(manifest.MissingAttachments);
        await using var db = await Host.CreateDbContextAsync();
        var stored = db.PracticeAttachments.Where(a => a.PracticeId == fixture.PracticeId).Select(a => new { a.StoredName, a.Sha256, a.FileName }).ToList();
        Assert.Equal(2, stored.Count);
        foreach (var attachment in stored)
        {
            var path = BackupManifest.AttachmentsPrefix + attachment.StoredName;
            var expected = attachment.FileName.EndsWith(".png", StringComparison.Ordinal) ? BackupFiles.Png : BackupFiles.Pdf;
            Assert.Equal(expected, entries[path]);
            Assert.Equal(attachment.Sha256, manifest.Entries.Single(e => e.Path == path).Sha256);
        }

        // The manifest vouches for every other entry, with its true size and hash.
        Assert.Equal(entries.Keys.Where(k => k != BackupManifest.FileName).Order(), manifest.Entries.Select(e => e.Path).Order());
        Assert.All(manifest.Entries, e => Assert.Equal((e.Size, e.Sha256), ((long)entries[e.Path].Length, BackupFiles.Sha256(entries[e.Path]))));
    }

    [Fact]
    public async Task List_ShowsTheArchivesNewestFirst_AndDeleteRemovesOne()
    {
        var admin = await Host.PrincipalAsync(BackupHostFixture.Admin);
        var created = await Backups.CreateAsync(admin);

        var listed = await Backups.ListAsync(admin);
        var row = Assert.Single(listed, r => r.Name == created.Name);
        Assert.Equal(new FileInfo(Path.Combine(Backups.Folder, created.Name)).Length, row.Size);
        Assert.Contains(listed, r => r.Name == Path.GetFileName(fixture.Archive));
        Assert.Equal(listed.OrderByDescending(r => r.CreatedAtUtc).Select(r => r.Name), listed.Select(r => r.Name));

        await Backups.DeleteAsync(admin, created.Name);
        Assert.DoesNotContain(await Backups.ListAsync(admin), r => r.Name == created.Name);
        Assert.False(File.Exists(Path.Combine(Backups.Folder, created.Name)));
    }

    [Theory]
    [InlineData("../workspace.db")]
    [InlineData("..%2Fworkspace.db")]
    [InlineData("workspace.db")]
    [InlineData(".backup-partial.zip")]
    [InlineData("absent.zip")]
    public async Task DeleteAndOpen_NameNotAnArchiveOfTheFolder_IsNotFoundAndNothingIsDeleted(string name)
    {
        var admin = await Host.PrincipalAsync(BackupHostFixture.Admin);
        var before = BackupFiles.Tree(Host.DataDirectory).Keys.Where(k => !k.StartsWith("workspace.db", StringComparison.Ordinal)).ToList();

        await Assert.ThrowsAsync<NotFoundException>(() => Backups.DeleteAsync(admin, name));
        await Assert.ThrowsAsync<NotFoundException>(() => Backups.OpenAsync(admin, name));

        Assert.True(File.Exists(Path.Combine(Host.DataDirectory, "workspace.db")));
        Assert.Subset(BackupFiles.Tree(Host.DataDirectory).Keys.ToHashSet(), before.ToHashSet());
    }

    [Theory]
    [InlineData("officer.rsk@demo.ma")]
    [InlineData("leadership@demo.ma")]
    [InlineData("cese@demo.ma")]
    [InlineData("trainer@demo.ma")]
    public async Task EveryUseCase_ByNonAdministrator_IsRefused(string email)
    {
        var user = await Host.PrincipalAsync(email);
        var name = Path.GetFileName(fixture.Archive);
        var count = Directory.GetFiles(Backups.Folder).Length;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Backups.CreateAsync(user));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Backups.ListAsync(user));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Backups.OpenAsync(user, name));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Backups.DeleteAsync(user, name));

        Assert.Equal(count, Directory.GetFiles(Backups.Folder).Length);
        Assert.True(File.Exists(fixture.Archive));
    }

    [Fact]
    public async Task Download_AdministratorGetsTheArchive_OthersAreRefused()
    {
        var name = Path.GetFileName(fixture.Archive);
        using var admin = await SignedInClientAsync(BackupHostFixture.Admin);
        var response = await admin.GetAsync($"/admin/backups/{name}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(fixture.Archive), await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.GetAsync("/admin/backups/..%2Fworkspace.db")).StatusCode);
        using var officer = await SignedInClientAsync(BackupHostFixture.RskOfficer);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await officer.GetAsync($"/admin/backups/{name}")).StatusCode);
        using var anonymous = Host.CreateClient();
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await anonymous.GetAsync($"/admin/backups/{name}")).StatusCode);
    }

    private async Task<HttpClient> SignedInClientAsync(string email)
    {
        var client = Host.CreateClient();
        var response = await client.PostAsJsonAsync("/api/session", new { email, password = RegionalWorkspace.Data.DemoData.Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>Records reports on the reporting thread (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class SynchronousProgress(Action<BackupProgress> report) : IProgress<BackupProgress>
    {
        public void Report(BackupProgress value) => report(value);
    }
}

using System.Diagnostics;
using RegionalWorkspace.Features.Backups;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Backups;

/// <summary>
/// <c>RegionalWorkspace backup create|restore</c> run as a real process (the app's own entry point, from the build
/// output), against the data of a server running in this process.
/// </summary>
public sealed class BackupCommandTests(BackupHostFixture fixture) : IClassFixture<BackupHostFixture>, IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    private readonly string _scratch = Directory.CreateTempSubdirectory("rw-backup-cli-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task CreateWhileTheServerRuns_ThenRestoreIntoAFreshDirectory_BothSucceed()
    {
        var live = fixture.Host.DataDirectory;
        var archive = Path.Combine(_scratch, "cli-backup.zip");

        var create = await RunAsync(["backup", "create", "--out", archive, .. DataArguments(live)]);

        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Contains(archive, create.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", create.Output, StringComparison.Ordinal);
        var (manifest, _) = BackupFiles.Read(archive);
        Assert.Equal(2, manifest.AttachmentCount);
        Assert.Equal(SqliteSnapshot.KnownMigrations[^1], manifest.Migration);

        var fresh = Path.Combine(_scratch, "restored");
        var restore = await RunAsync(["backup", "restore", archive, .. DataArguments(fresh)]);

        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal("ok", SqliteSnapshot.IntegrityCheck(Path.Combine(fresh, "workspace.db")));
        using var db = BackupFiles.Open(Path.Combine(fresh, "workspace.db"));
        Assert.Single(BackupFiles.Query(db, $"SELECT PracticeId FROM PracticeTexts WHERE Title = '{BackupHostFixture.PracticeTitle.Replace("'", "''", StringComparison.Ordinal)}'", r => r.GetInt32(0)));
        Assert.Equal(
            manifest.Entries.Where(e => e.Path.StartsWith(BackupManifest.AttachmentsPrefix, StringComparison.Ordinal)).Select(e => e.Sha256).Order(),
            Directory.GetFiles(Path.Combine(fresh, "attachments")).Select(f => BackupFiles.Sha256(File.ReadAllBytes(f))).Order());
    }

    [Fact]
    public async Task Restore_OntoTheDatabaseOfARunningServer_IsRefusedWithExitCode1()
    {
        var live = fixture.Host.DataDirectory;

        var restore = await RunAsync(["backup", "restore", fixture.Archive, .. DataArguments(live)]);

        Assert.True(restore.ExitCode == 1, restore.ToString());
        Assert.Contains("in use by a running application", restore.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(live), p => p.Contains("before-restore", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restore_CorruptArchive_IsRefusedWithExitCode1AndCreatesNothing()
    {
        var damaged = Path.Combine(_scratch, "damaged.zip");
        var bytes = await File.ReadAllBytesAsync(fixture.Archive);
        await File.WriteAllBytesAsync(damaged, bytes[..(bytes.Length / 3)]);
        var target = Path.Combine(_scratch, "target");

        var restore = await RunAsync(["backup", "restore", damaged, .. DataArguments(target)]);

        Assert.True(restore.ExitCode == 1, restore.ToString());
        Assert.Contains("not a readable ZIP archive", restore.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(target, "workspace.db")));
        Assert.False(Directory.Exists(Path.Combine(target, "attachments")));
    }

    [Theory]
    [InlineData("backup")]
    [InlineData("backup restore")]
    [InlineData("backup erase")]
    public async Task Usage_Mistaken_ExplainsAndExitsWith2(string arguments)
    {
        var run = await RunAsync(arguments.Split(' '));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Usage: backup create [--out FILE] | backup restore FILE", run.Error, StringComparison.Ordinal);
    }

    private static string[] DataArguments(string directory) =>
    [
        "--Database:Path", Path.Combine(directory, "workspace.db"),
        "--Attachments:Path", Path.Combine(directory, "attachments"),
        "--Backups:Path", Path.Combine(directory, "backups"),
    ];

    /// <summary>The app's entry point as its own process (English messages), killed if it outlives <see cref="s_timeout"/>.</summary>
    private async Task<Run> RunAsync(string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _scratch,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RegionalWorkspace.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LANG"] = "C.UTF-8";
        start.Environment.Remove("LC_ALL");
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', arguments)}' ran longer than {s_timeout}.");
        }

        return new Run(process.ExitCode, await output, await error);
    }

    private sealed record Run(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Error}";
    }
}

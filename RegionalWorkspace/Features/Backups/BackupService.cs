using System.Globalization;
using System.Security.Claims;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Backups;

/// <summary>A backup archive in <c>Backups:Path</c>.</summary>
public sealed record BackupFileRow(string Name, long Size, DateTime CreatedAtUtc);

/// <summary>
/// The administration page's use cases: make a backup while the workspace runs, list, download and delete the archives
/// of <c>Backups:Path</c>. Administrators only. One backup at a time. Restoring is done with the workspace stopped,
/// from the command line (<see cref="BackupCommand"/>).
/// </summary>
public sealed class BackupService(BackupLocations locations, AccessControl access, TimeProvider time, ILogger<BackupService> logger)
{
    private const string Extension = ".zip";

    private readonly SemaphoreSlim _running = new(1, 1);

    public DatabaseProvider Provider => locations.Provider;

    public string Folder => locations.BackupsFolder;

    public async Task<BackupFileRow> CreateAsync(ClaimsPrincipal principal, IProgress<BackupProgress>? progress = null, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ManageBackups, ct: ct);
        if (!await _running.WaitAsync(0, ct))
        {
            throw new BackupRefusedException("Error.BackupRunning");
        }

        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            var path = Path.Combine(locations.BackupsFolder, UnusedName(now));
            // The copy and the archive are synchronous I/O: off the circuit's thread.
            var result = await Task.Run(() => BackupWriter.Write(locations, path, now, SnapshotMethod.BackupApi, progress, ct), ct);
            logger.LogInformation(
                "Backup {File} made by {UserId}: {Size} bytes, {Attachments} attachments, migration {Migration}.",
                Path.GetFileName(result.Path), actor.UserId, result.Size, result.Manifest.AttachmentCount, result.Manifest.Migration);
            if (result.Manifest.MissingAttachments.Count > 0)
            {
                logger.LogWarning("Backup {File}: {Count} attachments named in the database are missing from {Folder}: {Names}.",
                    Path.GetFileName(result.Path), result.Manifest.MissingAttachments.Count, locations.AttachmentsFolder, string.Join(", ", result.Manifest.MissingAttachments));
            }

            return Row(new FileInfo(result.Path), result.Manifest.CreatedAtUtc);
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>The archives, newest first.</summary>
    public async Task<IReadOnlyList<BackupFileRow>> ListAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ManageBackups, ct: ct);
        if (!Directory.Exists(locations.BackupsFolder))
        {
            return [];
        }

        return new DirectoryInfo(locations.BackupsFolder).EnumerateFiles("*" + Extension)
            .Where(f => IsBackupName(f.Name))
            .Select(f => Row(f, null))
            .OrderByDescending(r => r.CreatedAtUtc)
            .ThenByDescending(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }

    public async Task DeleteAsync(ClaimsPrincipal principal, string name, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ManageBackups, ct: ct);
        File.Delete(PathOf(name));
        logger.LogInformation("Backup {File} deleted by {UserId}.", name, actor.UserId);
    }

    /// <summary>The archive's content, to download; the caller disposes it.</summary>
    public async Task<(BackupFileRow Row, Stream Content)> OpenAsync(ClaimsPrincipal principal, string name, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ManageBackups, ct: ct);
        var path = PathOf(name);
        try
        {
            var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81_920, useAsync: true);
            return (Row(new FileInfo(path), null), content);
        }
        catch (FileNotFoundException)
        {
            throw new NotFoundException("Error.BackupNotFound");
        }
    }

    /// <summary><c>workspace-backup-yyyyMMdd-HHmmss.zip</c> (UTC), the name the page and the command line give.</summary>
    public static string FileNameFor(DateTime utc) =>
        "workspace-backup-" + utc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + Extension;

    private string UnusedName(DateTime utc)
    {
        var name = FileNameFor(utc);
        for (var n = 2; File.Exists(Path.Combine(locations.BackupsFolder, name)) && n < 1000; n++)
        {
            name = Path.GetFileNameWithoutExtension(FileNameFor(utc)) + "-" + n.ToString(CultureInfo.InvariantCulture) + Extension;
        }

        return name;
    }

    /// <summary>A plain file name in the folder (never a path out of it), of an existing archive.</summary>
    private string PathOf(string? name)
    {
        if (name is null || !IsBackupName(name) || Path.GetFileName(name) != name)
        {
            throw new NotFoundException("Error.BackupNotFound");
        }

        var path = Path.Combine(locations.BackupsFolder, name);
        return File.Exists(path) ? path : throw new NotFoundException("Error.BackupNotFound");
    }

    private static bool IsBackupName(string name) =>
        name.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) && !name.StartsWith('.') && name.IndexOfAny(['/', '\\']) < 0;

    private static BackupFileRow Row(FileInfo file, DateTime? createdAtUtc) =>
        new(file.Name, file.Length, createdAtUtc ?? file.LastWriteTimeUtc);
}

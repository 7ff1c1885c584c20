using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using RegionalWorkspace.Data;

namespace RegionalWorkspace.Features.Backups;

/// <summary>What a restore put in place, and where it moved what was there before.</summary>
public sealed record RestoreResult(BackupManifest Manifest, string? PreviousDatabase, string? PreviousAttachments);

/// <summary>
/// Puts a backup archive back, with the workspace stopped. Every check comes before any change: the archive must open,
/// be ours (manifest), list exactly the entries it holds, each of the size and SHA-256 the manifest says, hold a sound
/// database (<c>PRAGMA integrity_check</c>) at a migration this build knows, for the configured provider. The entries are
/// extracted beside their destinations first; then the current database (with its WAL) and attachments folder are
/// renamed to <c>…before-restore-&lt;time&gt;</c> (kept, not deleted) and the extracted ones renamed into place; a
/// failure while renaming puts the previous ones back.
/// </summary>
public static class BackupRestorer
{
    private const int BufferSize = 81_920;

    private static readonly string[] s_databaseCompanions = ["", "-wal", "-shm", "-journal"];

    public static RestoreResult Restore(string archivePath, BackupLocations locations, DateTime nowUtc, CancellationToken ct = default)
    {
        archivePath = Path.GetFullPath(archivePath);
        if (!File.Exists(archivePath))
        {
            throw new BackupRefusedException("Error.BackupFileNotFound", archivePath);
        }

        // First, so that nothing is even extracted while a server runs on this database (and none starts meanwhile).
        FileStream? exclusive = null;
        if (locations.LockPath is { } lockPath)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
            exclusive = DatabaseInUseLock.TryTakeExclusive(lockPath) ?? throw new BackupRefusedException("Error.BackupDatabaseInUse", locations.DatabasePath!);
        }

        var id = Guid.NewGuid().ToString("N");
        var attachmentsParent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(locations.AttachmentsFolder))!;
        var stagedAttachments = Path.Combine(attachmentsParent, $".restore-{id}-attachments");
        var stagedDatabase = locations.DatabasePath is null ? null : Path.Combine(Path.GetDirectoryName(locations.DatabasePath)!, $".restore-{id}.db");
        try
        {
            var manifest = Verify(archivePath, locations, stagedDatabase, stagedAttachments, ct);
            var (previousDatabase, previousAttachments) = Swap(locations, stagedDatabase, stagedAttachments, nowUtc);
            return new RestoreResult(manifest, previousDatabase, previousAttachments);
        }
        finally
        {
            if (stagedDatabase is not null)
            {
                BackupWriter.DeleteIfExists(stagedDatabase);
                BackupWriter.DeleteIfExists(stagedDatabase + "-journal");
            }

            if (Directory.Exists(stagedAttachments))
            {
                Directory.Delete(stagedAttachments, recursive: true);
            }

            exclusive?.Dispose();
        }
    }

    /// <summary>Checks <paramref name="archivePath"/> and extracts it to the staging places; throws at the first fault.</summary>
    private static BackupManifest Verify(string archivePath, BackupLocations locations, string? stagedDatabase, string stagedAttachments, CancellationToken ct)
    {
        try
        {
            using var zip = ZipFile.OpenRead(archivePath);
            var manifest = BackupManifest.Read(zip);
            if (manifest.Provider != locations.Provider || manifest.HasDatabase != (locations.Provider == DatabaseProvider.Sqlite))
            {
                throw new BackupRefusedException("Error.BackupProviderMismatch", manifest.Provider, locations.Provider);
            }

            if (manifest.Migration is { } migration && !SqliteSnapshot.KnownMigrations.Contains(migration))
            {
                throw new BackupRefusedException("Error.BackupNewerVersion", manifest.AppVersion, migration);
            }

            var listed = manifest.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
            var held = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            if (held.FirstOrDefault(e => e.FullName != BackupManifest.FileName && !listed.ContainsKey(e.FullName)) is { } extra)
            {
                throw new BackupRefusedException("Error.BackupTampered", extra.FullName);
            }

            if (manifest.Entries.FirstOrDefault(e => zip.GetEntry(e.Path) is null) is { } absent)
            {
                throw new BackupRefusedException("Error.BackupIncomplete", absent.Path);
            }

            Directory.CreateDirectory(stagedAttachments);
            foreach (var entry in manifest.Entries)
            {
                var target = entry.Path == BackupManifest.DatabaseEntry
                    ? stagedDatabase!
                    : Path.Combine(stagedAttachments, entry.Path[BackupManifest.AttachmentsPrefix.Length..].Replace('/', Path.DirectorySeparatorChar));
                Extract(zip.GetEntry(entry.Path)!, entry, target, ct);
            }

            if (stagedDatabase is not null)
            {
                var integrity = SqliteSnapshot.IntegrityCheck(stagedDatabase);
                if (integrity != "ok")
                {
                    throw new BackupRefusedException("Error.BackupDatabaseDamaged", integrity);
                }

                if (SqliteSnapshot.ReadFacts(stagedDatabase).Migration != manifest.Migration)
                {
                    throw new BackupRefusedException("Error.BackupTampered", BackupManifest.DatabaseEntry);
                }
            }

            return manifest;
        }
        catch (InvalidDataException)
        {
            throw new BackupRefusedException("Error.BackupCorrupt", Path.GetFileName(archivePath));
        }
    }

    private static void Extract(ZipArchiveEntry entry, BackupEntry listed, string target, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var source = entry.Open();
        using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize);
        var buffer = new byte[BufferSize];
        long size = 0;
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            size += read;
            if (size > listed.Size)
            {
                throw new BackupRefusedException("Error.BackupTampered", listed.Path);
            }

            hash.AppendData(buffer, 0, read);
            file.Write(buffer, 0, read);
        }

        file.Flush(flushToDisk: true);
        if (size != listed.Size || !string.Equals(Convert.ToHexStringLower(hash.GetHashAndReset()), listed.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new BackupRefusedException("Error.BackupTampered", listed.Path);
        }
    }

    /// <summary>Renames the current files aside and the staged ones into place; on failure, renames everything back.</summary>
    private static (string? Database, string? Attachments) Swap(BackupLocations locations, string? stagedDatabase, string stagedAttachments, DateTime nowUtc)
    {
        var stamp = nowUtc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var done = new Stack<(string From, string To, bool IsDirectory)>();
        string? previousDatabase = null;
        string? previousAttachments = null;

        // Connections pooled in this process could still point at the file being replaced.
        SqliteConnection.ClearAllPools();
        try
        {
            if (locations.DatabasePath is { } database && stagedDatabase is not null)
            {
                var aside = Unused($"{database}.before-restore-{stamp}");
                foreach (var suffix in s_databaseCompanions.Where(s => File.Exists(database + s)))
                {
                    Move(database + suffix, aside + suffix, isDirectory: false, done);
                    previousDatabase = aside;
                }

                Move(stagedDatabase, database, isDirectory: false, done);
            }

            var folder = Path.TrimEndingDirectorySeparator(locations.AttachmentsFolder);
            if (Directory.Exists(folder))
            {
                previousAttachments = Unused($"{folder}.before-restore-{stamp}");
                Move(folder, previousAttachments, isDirectory: true, done);
            }

            Move(stagedAttachments, folder, isDirectory: true, done);
            return (previousDatabase, previousAttachments);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            while (done.TryPop(out var move))
            {
                if (move.IsDirectory)
                {
                    Directory.Move(move.To, move.From);
                }
                else
                {
                    File.Move(move.To, move.From);
                }
            }

            throw new BackupRefusedException("Error.BackupRestoreFailed", ex.Message);
        }
    }

    private static void Move(string from, string to, bool isDirectory, Stack<(string From, string To, bool IsDirectory)> done)
    {
        if (isDirectory)
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to);
        }

        done.Push((from, to, isDirectory));
    }

    private static string Unused(string path)
    {
        var candidate = path;
        for (var n = 2; (File.Exists(candidate) || Directory.Exists(candidate)) && n < 1000; n++)
        {
            candidate = $"{path}-{n}";
        }

        return candidate;
    }
}

using System.IO.Compression;
using System.Security.Cryptography;
using RegionalWorkspace.Data;

namespace RegionalWorkspace.Features.Backups;

public enum BackupStage
{
    Database,
    Attachments,
    Finishing,
}

/// <summary>How far a backup has gone: the stage, and within it <paramref name="Done"/> of <paramref name="Total"/> items.</summary>
public sealed record BackupProgress(BackupStage Stage, int Done, int Total);

public sealed record BackupResult(string Path, long Size, BackupManifest Manifest);

/// <summary>
/// Writes one archive (ZIP): the database copied online, the attachments, and <c>manifest.json</c> with each entry's
/// size and SHA-256. The archive is written under a temporary name and renamed once complete, so a listing never shows
/// half a backup.
/// </summary>
/// <remarks>
/// Consistency with the attachments: stored files are immutable (a new upload gets a new random name) and a file is
/// written before the row naming it is committed, and deleted only after that row is gone. So every file the database
/// copy refers to is on disk when the copy is taken, unless its row was deleted since. The archive takes every file
/// of the folder (uploads in progress aside); a file the copy refers to that has vanished meanwhile makes the backup
/// start again from a new copy, at most <see cref="MaxAttempts"/> times; after that (a file missing from the live
/// folder too) the manifest lists it under <c>missingAttachments</c>.
/// </remarks>
public static class BackupWriter
{
    public const int MaxAttempts = 3;

    private const int BufferSize = 81_920;

    public static BackupResult Write(
        BackupLocations locations,
        string outputPath,
        DateTime createdAtUtc,
        SnapshotMethod method = SnapshotMethod.BackupApi,
        IProgress<BackupProgress>? progress = null,
        CancellationToken ct = default)
    {
        outputPath = Path.GetFullPath(outputPath);
        if (File.Exists(outputPath))
        {
            throw new BackupRefusedException("Error.BackupExists", Path.GetFileName(outputPath));
        }

        // Opening a missing file would create an empty database, and archive that.
        if (locations.DatabasePath is { } database && !File.Exists(database))
        {
            throw new BackupRefusedException("Error.BackupFileNotFound", database);
        }

        var folder = Path.GetDirectoryName(outputPath)!;
        Directory.CreateDirectory(folder);
        var work = Path.Combine(folder, $".backup-{Guid.NewGuid():N}");
        var snapshot = work + ".db";
        var partial = work + ".partial";
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                DeleteIfExists(snapshot);
                DeleteIfExists(partial);
                progress?.Report(new BackupProgress(BackupStage.Database, 0, 1));
                SnapshotFacts? facts = null;
                if (locations.Provider == DatabaseProvider.Sqlite)
                {
                    SqliteSnapshot.Take(locations.SqliteConnectionString, snapshot, method);
                    var integrity = SqliteSnapshot.IntegrityCheck(snapshot);
                    if (integrity != "ok")
                    {
                        throw new BackupRefusedException("Error.BackupDatabaseDamaged", integrity);
                    }

                    facts = SqliteSnapshot.ReadFacts(snapshot);
                }

                ct.ThrowIfCancellationRequested();
                var manifest = WriteArchive(partial, snapshot, facts, locations, createdAtUtc, progress, ct);
                if (manifest.MissingAttachments.Count == 0 || attempt == MaxAttempts)
                {
                    progress?.Report(new BackupProgress(BackupStage.Finishing, 1, 1));
                    File.Move(partial, outputPath);
                    return new BackupResult(outputPath, new FileInfo(outputPath).Length, manifest);
                }
            }
        }
        finally
        {
            DeleteIfExists(snapshot);
            DeleteIfExists(snapshot + "-journal");
            DeleteIfExists(partial);
        }
    }

    private static BackupManifest WriteArchive(
        string partial,
        string snapshot,
        SnapshotFacts? facts,
        BackupLocations locations,
        DateTime createdAtUtc,
        IProgress<BackupProgress>? progress,
        CancellationToken ct)
    {
        var entries = new List<BackupEntry>();
        var missing = new SortedSet<string>(facts?.ReferencedFiles ?? new HashSet<string>(), StringComparer.Ordinal);
        using var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize);
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (facts is not null)
            {
                using var database = new FileStream(snapshot, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
                entries.Add(AddEntry(zip, BackupManifest.DatabaseEntry, database, CompressionLevel.Optimal, ct));
                progress?.Report(new BackupProgress(BackupStage.Database, 1, 1));
            }

            var files = ListAttachments(locations.AttachmentsFolder);
            var done = 0;
            progress?.Report(new BackupProgress(BackupStage.Attachments, done, files.Count));
            foreach (var relative in files)
            {
                ct.ThrowIfCancellationRequested();
                var source = OpenIfPresent(Path.Combine(locations.AttachmentsFolder, relative));
                if (source is not null)
                {
                    using (source)
                    {
                        // Most attachments (PDF, images, Office files) are compressed already.
                        entries.Add(AddEntry(zip, BackupManifest.AttachmentsPrefix + relative, source, CompressionLevel.Fastest, ct));
                    }

                    missing.Remove(relative);
                }

                progress?.Report(new BackupProgress(BackupStage.Attachments, ++done, files.Count));
            }

            var manifest = new BackupManifest(
                BackupManifest.FormatName,
                BackupManifest.CurrentFormatVersion,
                createdAtUtc,
                BackupManifest.AppVersionOfThisBuild,
                locations.Provider,
                facts?.Migration,
                facts?.TableCounts ?? new Dictionary<string, long>(),
                entries.Count(e => e.Path.StartsWith(BackupManifest.AttachmentsPrefix, StringComparison.Ordinal)),
                missing.ToList(),
                entries);
            var manifestEntry = zip.CreateEntry(BackupManifest.FileName, CompressionLevel.Optimal);
            using (var stream = manifestEntry.Open())
            {
                stream.Write(manifest.ToJson());
            }

            return manifest;
        }
    }

    /// <summary>The folder's files as relative paths with '/', sorted, without the uploads still being received.</summary>
    private static List<string> ListAttachments(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(r => !(r.StartsWith("upload-", StringComparison.Ordinal) && r.EndsWith(".tmp", StringComparison.Ordinal)))
            .Where(r => BackupManifest.IsAllowedPath(BackupManifest.AttachmentsPrefix + r))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static FileStream? OpenIfPresent(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static BackupEntry AddEntry(ZipArchive zip, string path, Stream source, CompressionLevel level, CancellationToken ct)
    {
        var entry = zip.CreateEntry(path, level);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var target = entry.Open();
        var buffer = new byte[BufferSize];
        long size = 0;
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            hash.AppendData(buffer, 0, read);
            target.Write(buffer, 0, read);
            size += read;
        }

        return new BackupEntry(path, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    internal static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}

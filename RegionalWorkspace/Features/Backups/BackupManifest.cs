using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Backups;

/// <summary>One file of an archive, as the manifest vouches for it.</summary>
public sealed record BackupEntry(string Path, long Size, string Sha256);

/// <summary>
/// <c>manifest.json</c>, the last entry of a backup archive: when and by which version it was made, the database's last
/// migration, row counts per table, and the size and SHA-256 of every other entry. A restore checks each entry against it
/// before it replaces anything.
/// </summary>
public sealed record BackupManifest(
    string Format,
    int FormatVersion,
    DateTime CreatedAtUtc,
    string AppVersion,
    DatabaseProvider Provider,
    string? Migration,
    IReadOnlyDictionary<string, long> TableCounts,
    int AttachmentCount,
    IReadOnlyList<string> MissingAttachments,
    IReadOnlyList<BackupEntry> Entries)
{
    public const string FormatName = "RegionalWorkspace.Backup";

    public const int CurrentFormatVersion = 1;

    public const string FileName = "manifest.json";

    /// <summary>The SQLite database inside the archive (absent from a PostgreSQL workspace's archive).</summary>
    public const string DatabaseEntry = "database/workspace.db";

    public const string AttachmentsPrefix = "attachments/";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public bool HasDatabase => Entries.Any(e => e.Path == DatabaseEntry);

    public static string AppVersionOfThisBuild =>
        typeof(BackupManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(BackupManifest).Assembly.GetName().Version?.ToString()
        ?? "?";

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, s_json);

    /// <summary>
    /// The manifest of <paramref name="zip"/>, refused when the archive is not one of ours (no manifest, another format,
    /// a newer format) or lists an entry that could land outside the folders a restore writes to.
    /// </summary>
    public static BackupManifest Read(ZipArchive zip)
    {
        var entry = zip.GetEntry(FileName) ?? throw new BackupRefusedException("Error.BackupForeign");
        BackupManifest? manifest;
        try
        {
            using var stream = entry.Open();
            manifest = JsonSerializer.Deserialize<BackupManifest>(stream, s_json);
        }
        catch (JsonException)
        {
            throw new BackupRefusedException("Error.BackupForeign");
        }

        if (manifest is null || manifest.Format != FormatName || manifest.Entries is null || manifest.TableCounts is null || manifest.MissingAttachments is null)
        {
            throw new BackupRefusedException("Error.BackupForeign");
        }

        if (manifest.FormatVersion > CurrentFormatVersion)
        {
            throw new BackupRefusedException("Error.BackupNewerFormat", manifest.AppVersion);
        }

        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var listed in manifest.Entries)
        {
            if (listed is null || !IsAllowedPath(listed.Path) || !paths.Add(listed.Path) || listed.Size < 0 || listed.Sha256 is not { Length: 64 })
            {
                throw new BackupRefusedException("Error.BackupTampered", listed?.Path ?? "?");
            }
        }

        return manifest;
    }

    /// <summary>The database entry, or <c>attachments/</c> followed by plain names (no empty, dot or dot-dot segment).</summary>
    public static bool IsAllowedPath(string? path)
    {
        if (path == DatabaseEntry)
        {
            return true;
        }

        if (path is null || !path.StartsWith(AttachmentsPrefix, StringComparison.Ordinal) || path.Length > 400)
        {
            return false;
        }

        var segments = path[AttachmentsPrefix.Length..].Split('/');
        return segments.All(s => s.Length > 0 && s != "." && s != ".." && s.IndexOfAny(['\\', ':', '\0']) < 0);
    }
}

/// <summary>A backup refused or not made; the message key tells why (nothing was changed).</summary>
public sealed class BackupRefusedException(string messageKey, params object[] arguments) : WorkspaceException(messageKey, arguments);

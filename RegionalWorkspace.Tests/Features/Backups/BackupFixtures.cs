using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Backups;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Tests.Features.Practices;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Backups;

/// <summary>
/// One running app whose data directory holds the database, <c>attachments/</c> and <c>backups/</c>, with a practice
/// carrying two attachments, and one archive of it made by the real use case (a baseline the restore tests start from).
/// </summary>
public sealed class BackupHostFixture : IAsyncLifetime
{
    public const string Admin = "admin@demo.ma";
    public const string RskOfficer = "officer.rsk@demo.ma";
    public const string PracticeTitle = "Sauvegarde : atelier des jeunes de Kénitra";

    public AppHost Host { get; private set; } = default!;

    public int PracticeId { get; private set; }

    public IReadOnlyList<AttachmentRow> Attachments { get; private set; } = [];

    /// <summary>The baseline archive (in the host's backups folder).</summary>
    public string Archive { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var data = Directory.CreateTempSubdirectory("rw-backup-").FullName;
        Host = await AppHost.StartAsync(DatabaseProvider.Sqlite, BackupFiles.Settings(data), data);
        var officer = await Host.PrincipalAsync(RskOfficer);
        PracticeId = await Host.Get<PracticesService>().CreateAsync(officer, 4, PracticeFixtures.Input(PracticeTitle));
        var files = Host.Get<PracticeAttachmentsService>();
        Attachments =
        [
            await files.UploadAsync(officer, PracticeId, "photo.png", new MemoryStream(BackupFiles.Png)),
            await files.UploadAsync(officer, PracticeId, "compte rendu.pdf", new MemoryStream(BackupFiles.Pdf)),
        ];
        var created = await Host.Get<BackupService>().CreateAsync(await Host.PrincipalAsync(Admin));
        Archive = Path.Combine(Host.Get<BackupLocations>().BackupsFolder, created.Name);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>Files, archives and data directories as the backup tests look at them.</summary>
public static class BackupFiles
{
    // A real 1×1 PNG, and a small file the store accepts as a PDF (by its signature).
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% compte rendu de l'atelier\n%%EOF\n");

    /// <summary>The app settings that put everything under <paramref name="dataDirectory"/>.</summary>
    public static Dictionary<string, string?> Settings(string dataDirectory) => new()
    {
        ["Attachments:Path"] = Path.Combine(dataDirectory, "attachments"),
        ["Backups:Path"] = Path.Combine(dataDirectory, "backups"),
    };

    /// <summary>Where a workspace with <paramref name="dataDirectory"/> (AppHost's layout) keeps its data.</summary>
    public static BackupLocations Locations(string dataDirectory)
    {
        var database = Path.Combine(dataDirectory, "workspace.db");
        return new BackupLocations(
            DatabaseProvider.Sqlite,
            database,
            $"Data Source={database};Default Timeout=30;Pooling=True",
            Path.Combine(dataDirectory, "attachments"),
            Path.Combine(dataDirectory, "backups"));
    }

    /// <summary>The manifest and the content of every entry of an archive.</summary>
    public static (BackupManifest Manifest, Dictionary<string, byte[]> Entries) Read(string archive)
    {
        using var zip = ZipFile.OpenRead(archive);
        var manifest = BackupManifest.Read(zip);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            entries[entry.FullName] = copy.ToArray();
        }

        return (manifest, entries);
    }

    /// <summary>The archive's database written to a temporary file (deleted with <paramref name="directory"/>).</summary>
    public static string ExtractDatabase(string archive, string directory)
    {
        var path = Path.Combine(directory, $"copy-{Guid.NewGuid():N}.db");
        File.WriteAllBytes(path, Read(archive).Entries[BackupManifest.DatabaseEntry]);
        return path;
    }

    public static SqliteConnection Open(string databaseFile)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        return connection;
    }

    public static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Every file under <paramref name="directory"/> with its SHA-256: what "nothing changed" compares.</summary>
    public static SortedDictionary<string, string> Tree(string directory)
    {
        var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            tree[Path.GetRelativePath(directory, file)] = Sha256(File.ReadAllBytes(file));
        }

        return tree;
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>A copy of <paramref name="archive"/> where <paramref name="change"/> rewrote the entries (name → content; null removes).</summary>
    public static string Rewrite(string archive, string directory, Action<Dictionary<string, byte[]>> change)
    {
        var entries = Read(archive).Entries;
        change(entries);
        var path = Path.Combine(directory, $"altered-{Guid.NewGuid():N}.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(content);
        }

        return path;
    }
}

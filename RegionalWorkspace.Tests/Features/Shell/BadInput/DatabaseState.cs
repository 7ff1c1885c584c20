using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace RegionalWorkspace.Tests.Features.Shell.BadInput;

/// <summary>
/// Everything a refused input must leave as it was: the row count and a content hash of every table of the SQLite
/// database, and the name, size and hash of every file in the attachments folder.
/// </summary>
public sealed record DatabaseState(IReadOnlyDictionary<string, (long Rows, string Hash)> Tables, IReadOnlyDictionary<string, string> Files)
{
    public static async Task<DatabaseState> CaptureAsync(string databasePath, string attachmentsFolder)
    {
        var tables = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
        await using (var connection = Open(databasePath))
        {
            var names = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    names.Add(reader.GetString(0));
                }
            }

            foreach (var name in names)
            {
                tables[name] = await HashTableAsync(connection, name);
            }
        }

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (Directory.Exists(attachmentsFolder))
        {
            foreach (var file in Directory.EnumerateFiles(attachmentsFolder, "*", SearchOption.AllDirectories))
            {
                var bytes = await File.ReadAllBytesAsync(file);
                files[Path.GetRelativePath(attachmentsFolder, file)] = $"{bytes.Length}:{Convert.ToHexString(SHA256.HashData(bytes))[..16]}";
            }
        }

        return new DatabaseState(tables, files);
    }

    /// <summary>What differs from <paramref name="before"/>, one line per table or file; empty when nothing does.</summary>
    public string DiffFrom(DatabaseState before)
    {
        var lines = new List<string>();
        foreach (var name in before.Tables.Keys.Union(Tables.Keys).Order(StringComparer.Ordinal))
        {
            before.Tables.TryGetValue(name, out var was);
            Tables.TryGetValue(name, out var now);
            if (was != now)
            {
                lines.Add($"table {name}: {was.Rows} → {now.Rows} rows{(was.Rows == now.Rows ? " (content changed)" : "")}");
            }
        }

        foreach (var name in before.Files.Keys.Union(Files.Keys).Order(StringComparer.Ordinal))
        {
            if (before.Files.GetValueOrDefault(name) != Files.GetValueOrDefault(name))
            {
                lines.Add($"file {name}: {before.Files.GetValueOrDefault(name) ?? "absent"} → {Files.GetValueOrDefault(name) ?? "absent"}");
            }
        }

        return string.Join("; ", lines);
    }

    private static SqliteConnection Open(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task<(long, string)> HashTableAsync(SqliteConnection connection, string table)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long rows = 0;
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" ORDER BY 1";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? "∅" : reader.GetValue(i) switch
                {
                    byte[] bytes => Convert.ToBase64String(bytes),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var v => v.ToString(),
                };
                hash.AppendData(Encoding.UTF8.GetBytes(value + "\u001f"));
            }

            hash.AppendData("\u001e"u8);
        }

        return (rows, Convert.ToHexString(hash.GetHashAndReset())[..16]);
    }

    /// <summary>
    /// A cheap "did anything commit?" between two probes: SQLite's <c>PRAGMA data_version</c> read on a connection of its
    /// own changes whenever another connection commits. When it does, the full state says what changed.
    /// </summary>
    public sealed class ChangeProbe : IDisposable
    {
        private readonly SqliteConnection _connection;
        private long _last;

        public ChangeProbe(string databasePath)
        {
            _connection = Open(databasePath);
            _last = Read();
        }

        /// <summary>True when some connection committed since the last call.</summary>
        public bool Changed()
        {
            var now = Read();
            var changed = now != _last;
            _last = now;
            return changed;
        }

        public void Dispose() => _connection.Dispose();

        private long Read()
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "PRAGMA data_version";
            return (long)command.ExecuteScalar()!;
        }
    }
}

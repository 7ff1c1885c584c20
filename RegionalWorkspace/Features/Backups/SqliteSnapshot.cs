using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;

namespace RegionalWorkspace.Features.Backups;

/// <summary>How the live SQLite database is copied. Both read one consistent snapshot while writers carry on (WAL).</summary>
public enum SnapshotMethod
{
    /// <summary>SQLite's online backup API in a single step: a page-by-page copy inside one read transaction.</summary>
    BackupApi,

    /// <summary><c>VACUUM INTO</c>: a rebuilt, compacted copy (more work: every table and index is rewritten).</summary>
    VacuumInto,
}

/// <summary>What a backup learns from its copy of the database.</summary>
internal sealed record SnapshotFacts(string? Migration, IReadOnlyDictionary<string, long> TableCounts, IReadOnlySet<string> ReferencedFiles);

/// <summary>A consistent copy of the live SQLite database, made without stopping writers, and what it holds.</summary>
internal static class SqliteSnapshot
{
    private static readonly Lazy<Schema> s_schema = new(ReadSchema);

    /// <summary>Every migration this build knows, in order.</summary>
    public static IReadOnlyList<string> KnownMigrations => s_schema.Value.Migrations;

    /// <summary>
    /// Copies the database of <paramref name="sourceConnectionString"/> to <paramref name="target"/> (a new file), as a
    /// single self-contained file (rollback journal, no WAL beside it).
    /// </summary>
    public static void Take(string sourceConnectionString, string target, SnapshotMethod method)
    {
        using (var source = new SqliteConnection(sourceConnectionString))
        {
            source.Open();
            Execute(source, "PRAGMA busy_timeout=30000;");
            if (method == SnapshotMethod.VacuumInto)
            {
                using var vacuum = source.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $target;";
                vacuum.Parameters.AddWithValue("$target", target);
                vacuum.ExecuteNonQuery();
            }
            else
            {
                using var destination = new SqliteConnection(FileConnectionString(target, SqliteOpenMode.ReadWriteCreate));
                destination.Open();
                source.BackupDatabase(destination);
            }
        }

        // The copy carries the source's WAL flag in its header; a lone file is simpler to archive and to restore.
        using var copy = new SqliteConnection(FileConnectionString(target, SqliteOpenMode.ReadWrite));
        copy.Open();
        Execute(copy, "PRAGMA journal_mode=DELETE;");
    }

    /// <summary><c>PRAGMA integrity_check</c>'s verdict on the file: "ok" when sound.</summary>
    public static string IntegrityCheck(string path)
    {
        try
        {
            using var connection = new SqliteConnection(FileConnectionString(path, SqliteOpenMode.ReadOnly));
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            using var reader = command.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read() && lines.Count < 10)
            {
                lines.Add(reader.GetString(0));
            }

            return string.Join("; ", lines);
        }
        catch (SqliteException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>The last migration, the rows of each table and the stored file names the copy refers to.</summary>
    public static SnapshotFacts ReadFacts(string path)
    {
        using var connection = new SqliteConnection(FileConnectionString(path, SqliteOpenMode.ReadOnly));
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            counts[table] = Convert.ToInt64(Scalar(connection, $"SELECT COUNT(*) FROM {Quote(table)};"), System.Globalization.CultureInfo.InvariantCulture);
        }

        string? migration = null;
        if (tables.Contains("__EFMigrationsHistory"))
        {
            migration = Scalar(connection, "SELECT MigrationId FROM \"__EFMigrationsHistory\" ORDER BY MigrationId DESC LIMIT 1;") as string;
        }

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (table, column) in s_schema.Value.FileColumns.Where(c => tables.Contains(c.Table)))
        {
            using var files = connection.CreateCommand();
            files.CommandText = $"SELECT DISTINCT {Quote(column)} FROM {Quote(table)} WHERE {Quote(column)} IS NOT NULL;";
            using var reader = files.ExecuteReader();
            while (reader.Read())
            {
                referenced.Add(reader.GetString(0));
            }
        }

        return new SnapshotFacts(migration, counts, referenced);
    }

    public static string FileConnectionString(string path, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// From the EF model: the migrations, and every column holding a <see cref="Shared.FileStore"/> name (a string
    /// property named <c>…StoredName</c>), so a feature that adds attachments is covered without a change here.
    /// </summary>
    private static Schema ReadSchema()
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new SqliteAppDbContext(options);
        var columns = db.Model.GetEntityTypes()
            .Where(t => t.GetTableName() is not null)
            .SelectMany(t => t.GetProperties()
                .Where(p => p.ClrType == typeof(string) && p.Name.EndsWith("StoredName", StringComparison.Ordinal))
                .Select(p => (Table: t.GetTableName()!, Column: p.GetColumnName())))
            .Distinct()
            .ToList();
        return new Schema(db.Database.GetMigrations().ToList(), columns);
    }

    private sealed record Schema(IReadOnlyList<string> Migrations, IReadOnlyList<(string Table, string Column)> FileColumns);
}

using Microsoft.Data.Sqlite;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Backups;

/// <summary>
/// Where a workspace keeps what a backup holds: the SQLite file (none with PostgreSQL, which pg_dump backs up), the
/// attachments folder (<c>Attachments:Path</c>) and the folder of backups (<c>Backups:Path</c>, default
/// <c>data/backups</c> under the content root). The web app and the command line read them from the same configuration.
/// </summary>
public sealed record BackupLocations(DatabaseProvider Provider, string? DatabasePath, string SqliteConnectionString, string AttachmentsFolder, string BackupsFolder)
{
    public static BackupLocations From(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        string? databasePath = null;
        var connectionString = "";
        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = DatabaseSetup.SqliteConnectionString(configuration, environment.ContentRootPath);
            databasePath = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource, environment.ContentRootPath);
        }

        var configured = configuration["Backups:Path"];
        var backups = Path.GetFullPath(
            string.IsNullOrWhiteSpace(configured) ? Path.Combine("data", "backups") : configured,
            environment.ContentRootPath);
        return new BackupLocations(provider, databasePath, connectionString, FileStore.FolderPath(configuration, environment), backups);
    }

    /// <summary>
    /// The file a running workspace holds a shared lock on (see <see cref="DatabaseInUseLock"/>): a restore takes it
    /// exclusively, so it cannot replace a database under a running server, nor can a server start during a restore.
    /// </summary>
    public string? LockPath => DatabasePath is null ? null : DatabasePath + ".lock";
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RegionalWorkspace.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseSetup
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{AppDbContext}"/> for the configured provider
    /// (<c>Database:Provider</c> = <c>Sqlite</c>, the default, or <c>Postgres</c>).
    /// </summary>
    public static WebApplicationBuilder AddWorkspaceDatabase(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var services = builder.Services;

        if (provider == DatabaseProvider.Postgres)
        {
            var connectionString = configuration.GetConnectionString("Workspace");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Workspace is not set.");
            }

            services.AddDbContextFactory<PostgresAppDbContext>(o => ConfigurePostgres(o, connectionString));
            services.AddSingleton<IDbContextFactory<AppDbContext>, ProviderContextFactory<PostgresAppDbContext>>();
        }
        else
        {
            var connectionString = SqliteConnectionString(configuration, builder.Environment.ContentRootPath);
            services.AddDbContextFactory<SqliteAppDbContext>(o => ConfigureSqlite(o, connectionString));

            // SQLite's "async" calls run synchronously: each command holds a thread-pool thread while it waits for the
            // file or the write lock. With the default minimum (one thread per core) a burst of saves starves the pool,
            // and every circuit's UI event then waits for the pool to grow (≈ 2 threads a second).
            ThreadPool.GetMinThreads(out var workers, out var completionPorts);
            ThreadPool.SetMinThreads(Math.Max(workers, configuration.GetValue("Database:SqliteMinThreads", 32)), completionPorts);
            services.AddSingleton<IDbContextFactory<AppDbContext>, ProviderContextFactory<SqliteAppDbContext>>();
        }

        // Identity's stores and the Data Protection key ring resolve a scoped context; it still comes from the factory.
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddSingleton(new DatabaseInfo(provider));
        services.AddHostedService<DatabaseInitialiser>();
        return builder;
    }

    /// <summary>The SQLite file: <c>Database:Path</c>, else <c>data/workspace.db</c> under the content root.</summary>
    public static string SqliteConnectionString(IConfiguration configuration, string contentRoot)
    {
        var explicitConnection = configuration.GetConnectionString("Workspace");
        if (!string.IsNullOrWhiteSpace(explicitConnection) && configuration["Database:Path"] is null)
        {
            return explicitConnection;
        }

        var path = configuration["Database:Path"] ?? Path.Combine(contentRoot, "data", "workspace.db");
        path = Path.GetFullPath(path, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Default Timeout is the busy timeout too: Microsoft.Data.Sqlite retries SQLITE_BUSY until it expires.
        return $"Data Source={path};Default Timeout=30;Pooling=True";
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance);

    internal static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithPlannerSettings(connectionString), o => o.ExecutionStrategy(d => new PostgresReconnection.Strategy(d)))
            .AddInterceptors(PostgresReconnection.PoolReset.Instance);

    /// <summary>
    /// PostgreSQL's default cost of a random page read (4) dates from spinning disks: with it the planner prefers reading
    /// (and decompressing) every practice's search vector to using the full-text index once a word is common. 1.1 is
    /// the usual setting for SSD storage; an explicit <c>Options</c> in the connection string wins.
    /// </summary>
    private static string WithPlannerSettings(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Options))
        {
            builder.Options = "-c random_page_cost=1.1";
        }

        return builder.ConnectionString;
    }

    private sealed class ProviderContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext>
        where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }

    /// <summary>WAL is set once on the file; these settings are per connection.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

public sealed record DatabaseInfo(DatabaseProvider Provider);

/// <summary>Lets <c>dotnet ef</c> build the SQLite context: <c>dotnet ef migrations add X -c SqliteAppDbContext -o Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseSetup.ConfigureSqlite(options, "Data Source=design-time.db");
        return new SqliteAppDbContext(options.Options);
    }
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context (no server needed to add a migration).</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>();
        DatabaseSetup.ConfigurePostgres(options, "Host=localhost;Database=design_time");
        return new PostgresAppDbContext(options.Options);
    }
}

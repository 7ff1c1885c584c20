using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Accounts;

namespace RegionalWorkspace.Data;

/// <summary>
/// Runs before the server accepts requests: applies the provider's migrations, then makes sure the reference data
/// (regions, organisations, the art. 117 bodies, roles) exists, then seeds demo data when <c>Demo:Seed</c> is true.
/// </summary>
internal sealed class DatabaseInitialiser(
    IServiceProvider services,
    IConfiguration configuration,
    IHostEnvironment environment,
    DatabaseInfo database,
    ILogger<DatabaseInitialiser> logger) : IHostedService
{
    private const long SeedLockKey = 727_001;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        else
        {
            // Several servers may start together on one PostgreSQL database: one seeds, the others wait, then find it done.
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({SeedLockKey})", cancellationToken);
        }

        try
        {
            await db.Database.MigrateAsync(cancellationToken);
            await ReferenceData.EnsureAsync(db, cancellationToken);
            await EnsureRolesAndDemoAsync(factory, cancellationToken);
        }
        finally
        {
            if (database.Provider == DatabaseProvider.Postgres)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({SeedLockKey})", CancellationToken.None);
            }
        }

        logger.LogInformation("Database ready ({Provider}).", database.Provider);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureRolesAndDemoAsync(IDbContextFactory<AppDbContext> factory, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Enum.GetNames<WorkspaceRole>())
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (configuration.GetValue("Demo:Seed", false))
        {
            if (environment.IsProduction())
            {
                logger.LogWarning("Demo:Seed is on in Production: demo accounts with a published password are being created.");
            }

            await DemoData.EnsureAsync(factory, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), cancellationToken);
        }
    }
}

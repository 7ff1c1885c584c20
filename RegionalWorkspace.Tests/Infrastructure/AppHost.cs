using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Bodies;

namespace RegionalWorkspace.Tests.Infrastructure;

/// <summary>
/// The real app, started in-process on <c>http://127.0.0.1:0</c> against a fresh database: a temporary SQLite file,
/// or a new PostgreSQL database (see <see cref="PostgresServer"/>). Demo data and accounts are seeded.
/// </summary>
public sealed class AppHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;
    private readonly string? _postgresDatabase;

    private AppHost(WebApplication app, string dataDirectory, string? postgresDatabase, Uri baseUrl)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        _postgresDatabase = postgresDatabase;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public IServiceProvider Services => _app.Services;

    public string DataDirectory => _dataDirectory;

    public static Task<AppHost> StartAsync(IDictionary<string, string?>? settings = null) =>
        StartAsync(DatabaseProvider.Sqlite, settings);

    public static async Task<AppHost> StartAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("rw-test-").FullName;
        var configuration = new Dictionary<string, string?>
        {
            ["Demo:Seed"] = "true",
            ["Database:Provider"] = provider.ToString(),
            ["Database:Path"] = Path.Combine(dataDirectory, "workspace.db"),
            ["Accounts:RevalidationInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
            // EF logs the first look for a fresh database's migrations history table as a failed command.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "None",
            // Keys are stored unencrypted in the test database on purpose; the warning says so for every host.
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
            ["Logging:Json"] = "false",
            // Every test signs in from 127.0.0.1, often many times a minute; HardeningTests sets a small limit.
            ["Security:SignInsPerMinute"] = "100000",
        };

        // A host given a connection string shares an existing database (several servers); otherwise it gets its own.
        string? postgresDatabase = null;
        if (provider == DatabaseProvider.Postgres && settings?.ContainsKey("ConnectionStrings:Workspace") != true)
        {
            (postgresDatabase, var connectionString) = await PostgresServer.CreateDatabaseAsync();
            configuration["ConnectionStrings:Workspace"] = connectionString;
        }

        if (provider == DatabaseProvider.Postgres)
        {
            configuration.Remove("Database:Path");
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = WorkspaceApp.Create(
            ["--environment", "Testing", "--urls", "http://127.0.0.1:0", "--contentRoot", AppContext.BaseDirectory],
            builder => builder.Configuration.AddInMemoryCollection(configuration));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AppHost(app, dataDirectory, postgresDatabase, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public async Task<AppDbContext> CreateDbContextAsync() =>
        await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A principal for <paramref name="email"/>, as the cookie would carry it (services re-read role and region from the database).</summary>
    public async Task<ClaimsPrincipal> PrincipalAsync(string email)
    {
        await using var db = await CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, email)], "Test"));
    }

    public async Task<string> UserIdAsync(string email)
    {
        await using var db = await CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    public async Task<int> BodyIdAsync(string regionCode, BodyKind kind)
    {
        await using var db = await CreateDbContextAsync();
        return await db.Bodies.Where(b => b.Region!.Code == regionCode && b.Kind == kind).Select(b => b.Id).FirstAsync();
    }

    /// <summary>The PostgreSQL connection string of this host's database (to start another server on it).</summary>
    public string? ConnectionString => Get<Microsoft.Extensions.Configuration.IConfiguration>().GetConnectionString("Workspace");

    public HttpClient CreateClient(bool followRedirects = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true }) { BaseAddress = BaseUrl };

    public async Task StopAsync() => await _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            await PostgresServer.DropDatabaseAsync(_postgresDatabase);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pooled connection of another host: the OS's temp cleaning removes it.
        }
    }
}

/// <summary>One running app shared by the tests of a class (start-up costs a few seconds).</summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public AppHost Host { get; private set; } = default!;

    public async Task InitializeAsync() => Host = await AppHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>One running app on a fresh PostgreSQL database, shared by the tests of a class.</summary>
public sealed class PostgresAppHostFixture : IAsyncLifetime
{
    public AppHost Host { get; private set; } = default!;

    public async Task InitializeAsync() => Host = await AppHost.StartAsync(DatabaseProvider.Postgres);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Shell.BadInput;

/// <summary>
/// One real app (fresh SQLite database, its own attachments folder) for the whole bad-input suite; its classes run one
/// after the other, so a change of the database between two probes can only come from the probe in between.
/// </summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, ClaimsPrincipal> _principals = new();

    public AppHost Host { get; private set; } = default!;

    public string AttachmentsFolder { get; private set; } = "";

    public DatabaseState.ChangeProbe Probe { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("rw-bad-").FullName;
        AttachmentsFolder = Path.Combine(dataDirectory, "attachments");
        Directory.CreateDirectory(AttachmentsFolder);
        Host = await AppHost.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Attachments:Path"] = AttachmentsFolder }, dataDirectory);
        Probe = new DatabaseState.ChangeProbe(DatabasePath);
    }

    public string DatabasePath => Path.Combine(Host.DataDirectory, "workspace.db");

    public async Task<ClaimsPrincipal> PrincipalAsync(string email) =>
        _principals.TryGetValue(email, out var principal) ? principal : _principals[email] = await Host.PrincipalAsync(email);

    public T Get<T>()
        where T : notnull => Host.Get<T>();

    public Task<DatabaseState> CaptureAsync() => DatabaseState.CaptureAsync(DatabasePath, AttachmentsFolder);

    /// <summary>The concurrency version now stored for the entity <typeparamref name="TEntity"/> with this id.</summary>
    public async Task<int> VersionAsync<TEntity>(int id)
        where TEntity : class
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.Set<TEntity>().Where(e => EF.Property<int>(e, "Id") == id).Select(e => EF.Property<int>(e, "Version")).SingleAsync();
    }

    /// <summary>Whether <paramref name="key"/> is a string of the resources (French, the default).</summary>
    public bool IsKnownKey(string key) => !Host.Get<IStringLocalizer<Strings>>()[key].ResourceNotFound;

    public async Task DisposeAsync()
    {
        Probe.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BadInputCollection : ICollectionFixture<BadInputFixture>
{
    public const string Name = "bad-input";
}

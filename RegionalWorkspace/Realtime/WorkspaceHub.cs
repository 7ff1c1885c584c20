using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Realtime;

/// <summary>What a hub client gets back when it joins a region.</summary>
public sealed record RegionFeed(int RegionId, string Code);

/// <summary>
/// <c>/hubs/workspace</c>: the live feed for clients other than the Blazor UI (a wall display, another system). Clients
/// sign in with a workspace account (cookie from <c>POST /api/session</c>), join a region's feed (or all regions) and
/// receive every committed change there as a <c>change</c> message carrying a <see cref="WorkspaceEvent"/>. A client
/// can join only the feeds its account may follow: a regional officer, only their own region.
/// </summary>
public sealed class WorkspaceHub(AccessControl access, IDbContextFactory<AppDbContext> dbFactory, HubConnections connections) : Hub
{
    public const string Path = "/hubs/workspace";
    public const string ChangeMethod = "change";
    public const string AllRegionsGroup = "regions:all";

    public static string RegionGroup(int regionId) => $"region:{regionId}";

    public override Task OnConnectedAsync()
    {
        connections.Add(Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task<RegionFeed> JoinRegion(string code)
    {
        var regionId = await RegionIdAsync(code);
        await DemandAsync(UseCase.FollowRegionLive, regionId);
        await Groups.AddToGroupAsync(Context.ConnectionId, RegionGroup(regionId));
        return new RegionFeed(regionId, code);
    }

    public async Task LeaveRegion(string code) =>
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, RegionGroup(await RegionIdAsync(code)));

    /// <summary>Every region's changes (roles that follow all regions). Join this or regions, not both.</summary>
    public async Task JoinAllRegions()
    {
        await DemandAsync(UseCase.FollowRegionLive, regionId: null);
        await Groups.AddToGroupAsync(Context.ConnectionId, AllRegionsGroup);
    }

    private async Task<int> RegionIdAsync(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 8)
        {
            throw new HubException("Unknown region code.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(Context.ConnectionAborted);
        return await db.Regions.Where(r => r.Code == code).Select(r => (int?)r.Id).FirstOrDefaultAsync(Context.ConnectionAborted)
            ?? throw new HubException("Unknown region code.");
    }

    private async Task DemandAsync(UseCase useCase, int? regionId)
    {
        try
        {
            await access.DemandAsync(Context.User ?? new ClaimsPrincipal(), useCase, regionId, Context.ConnectionAborted);
        }
        catch (AccessDeniedException ex)
        {
            // Hub clients get a stable message key they can translate, never a stack trace.
            throw new HubException(ex.Message);
        }
    }
}

/// <summary>
/// The hub's open connections, so that an account that is disabled (or whose role changes) loses its live feed within
/// seconds, as its browser tabs do.
/// </summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new();

    public int Count => _connections.Count;

    public void Add(HubCallerContext context) => _connections[context.ConnectionId] = context;

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    public IReadOnlyList<HubCallerContext> Snapshot() => _connections.Values.ToList();
}

/// <summary>Forwards every committed change to the hub groups that follow it, and ends the feeds of accounts that lost access.</summary>
internal sealed class HubForwarder(
    IWorkspaceBus bus,
    IHubContext<WorkspaceHub> hub,
    HubConnections connections,
    IDbContextFactory<AppDbContext> dbFactory,
    IOptions<IdentityOptions> identityOptions,
    IOptions<AccountOptions> accountOptions,
    ILogger<HubForwarder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = bus.Subscribe(e =>
        {
            if (e.Audience is not (Audience.SignedIn or Audience.ConcernedRegions))
            {
                return;
            }

            // The all-regions group is for roles that read every region; a region's group sees what concerns it.
            _ = SendAsync(WorkspaceHub.AllRegionsGroup, e);
            foreach (var regionId in (e.ConcernedRegionIds ?? []).Append(e.RegionId ?? -1).Where(id => id > 0).Distinct())
            {
                _ = SendAsync(WorkspaceHub.RegionGroup(regionId), e);
            }
        });

        using var timer = new PeriodicTimer(accountOptions.Value.RevalidationInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RevalidateAsync(stoppingToken);
        }
    }

    private async Task SendAsync(string group, WorkspaceEvent e)
    {
        try
        {
            await hub.Clients.Group(group).SendAsync(WorkspaceHub.ChangeMethod, e);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not forward a change to hub group {Group}.", group);
        }
    }

    private async Task RevalidateAsync(CancellationToken ct)
    {
        var open = connections.Snapshot();
        if (open.Count == 0)
        {
            return;
        }

        try
        {
            var stampClaim = identityOptions.Value.ClaimsIdentity.SecurityStampClaimType;
            var userIds = open.Select(c => c.UserIdentifier).OfType<string>().Distinct().ToList();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var valid = await db.Users.Where(u => userIds.Contains(u.Id) && !u.IsDisabled)
                .Select(u => new { u.Id, u.SecurityStamp }).ToDictionaryAsync(u => u.Id, u => u.SecurityStamp, ct);
            foreach (var connection in open)
            {
                var stamp = connection.User?.FindFirstValue(stampClaim);
                if (connection.UserIdentifier is not { } id || !valid.TryGetValue(id, out var current) || current != stamp)
                {
                    connection.Abort();
                    connections.Remove(connection.ConnectionId);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Hub connections could not be re-checked; trying again shortly.");
        }
    }
}

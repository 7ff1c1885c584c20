using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.Activity;

public sealed record ActivityRow(long Id, DateTime AtUtc, string ActorName, Capability Capability, string EntityType, ChangeKind Kind, int? RegionId, string Title, string Link);

/// <summary>The activity feed: who did what, where and when, newest first, as far as the reader may see.</summary>
public sealed class ActivityService(IDbContextFactory<AppDbContext> dbFactory, AccessControl access)
{
    public async Task<Page<ActivityRow>> ListAsync(ClaimsPrincipal principal, int? regionId, Capability? capability, int page, int pageSize, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        pageSize = Math.Clamp(pageSize, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Activity.AsNoTracking();
        if (actor.Role is WorkspaceRole.ArmCoordinator or WorkspaceRole.DgctCoordinator)
        {
            query = query.Where(a => a.Audience != Audience.Administrators && a.Audience != Audience.CeseStaff);
        }
        else if (actor.Role != WorkspaceRole.Administrator)
        {
            var ownRegion = actor.Role == WorkspaceRole.RegionalOfficer ? actor.RegionId : -1;
            var token = ActivityEntry.Token(ownRegion ?? -1);
            query = actor.Role == WorkspaceRole.RegionalOfficer
                ? query.Where(a => a.Audience == Audience.SignedIn || (a.Audience == Audience.RegionAndCoordinators && a.RegionId == ownRegion)
                    || (a.Audience == Audience.ConcernedRegions && (a.RegionId == ownRegion || a.ConcernedRegions!.Contains(token))))
                : query.Where(a => a.Audience == Audience.SignedIn || a.Audience == Audience.ConcernedRegions || (a.Audience == Audience.RegionAndCoordinators && a.RegionId == ownRegion)
                    || (a.Audience == Audience.CeseStaff && actor.Role == WorkspaceRole.CeseStaff));
        }

        if (regionId is not null)
        {
            query = query.Where(a => a.RegionId == regionId);
        }

        if (capability is not null)
        {
            query = query.Where(a => a.Capability == capability);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.Id)
            .Skip(Math.Max(page, 0) * pageSize).Take(pageSize)
            .Select(a => new ActivityRow(a.Id, a.AtUtc, a.ActorName, a.Capability, a.EntityType, a.Kind, a.RegionId, a.Title, a.Link))
            .ToListAsync(ct);
        return new Page<ActivityRow>(items, total);
    }
}

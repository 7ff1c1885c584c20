using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Accounts;

/// <summary>
/// The permission check every service runs before a use case. It reads the account's role, region and status from
/// the database on each call, so a disabled account or a changed role takes effect at once, whatever the cookie says.
/// </summary>
public sealed class AccessControl(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<Actor?> FindActorAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && !u.IsDisabled)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.RegionId,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);

        return row is not null && Enum.TryParse<WorkspaceRole>(row.Role, out var role)
            ? new Actor(row.Id, row.DisplayName, role, row.RegionId)
            : null;
    }

    /// <summary>The actor, if they may do <paramref name="useCase"/> (on <paramref name="regionId"/>'s data); otherwise throws.</summary>
    public async Task<Actor> DemandAsync(ClaimsPrincipal principal, UseCase useCase, int? regionId = null, CancellationToken ct = default)
    {
        var actor = await FindActorAsync(principal, ct) ?? throw new AccessDeniedException("Error.SignedOut");
        if (!actor.Can(useCase, regionId))
        {
            throw new AccessDeniedException(actor.Role == WorkspaceRole.RegionalOfficer && Permissions.Rules[useCase].Contains(actor.Role)
                ? "Error.OtherRegion"
                : "Error.Forbidden");
        }

        return actor;
    }
}

using RegionalWorkspace.Features.Accounts;

namespace RegionalWorkspace.Features.Practices;

/// <summary>Who sees a practice: published and archived ones, everyone; drafts, their region's officers and the coordinators.</summary>
public static class PracticeAccess
{
    public static bool SeesAllDrafts(Actor actor) =>
        actor.Role is WorkspaceRole.Administrator or WorkspaceRole.ArmCoordinator or WorkspaceRole.DgctCoordinator;

    public static bool CanSee(Actor actor, int regionId, PracticeStatus status) =>
        status != PracticeStatus.Draft || SeesAllDrafts(actor) || (actor.Role == WorkspaceRole.RegionalOfficer && actor.RegionId == regionId);

    /// <summary>The same rule as a query filter.</summary>
    public static IQueryable<Practice> Visible(this IQueryable<Practice> practices, Actor actor)
    {
        if (SeesAllDrafts(actor))
        {
            return practices;
        }

        var ownRegion = actor.Role == WorkspaceRole.RegionalOfficer ? actor.RegionId : -1;
        return practices.Where(p => p.Status != PracticeStatus.Draft || p.RegionId == ownRegion);
    }
}

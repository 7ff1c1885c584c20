using RegionalWorkspace.Features.Accounts;

namespace RegionalWorkspace.Features.Studies;

/// <summary>
/// Who sees what of CESE engagement (C4–C6): every role sees every study request, publication, listening session and
/// study meeting, except regional officers, who see those that concern (or invite) their region. A record one may not
/// see is reported as not found.
/// </summary>
public static class CeseAccess
{
    public static bool CanSee(Actor actor, IEnumerable<int> concernedRegionIds) =>
        actor.Can(UseCase.ReadCeseEngagement, actor.Role == Accounts.WorkspaceRole.RegionalOfficer ? actor.RegionId : null)
        && (actor.Role != Accounts.WorkspaceRole.RegionalOfficer || (actor.RegionId is int own && concernedRegionIds.Contains(own)));
}

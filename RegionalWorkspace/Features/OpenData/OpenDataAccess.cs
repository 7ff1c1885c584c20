using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Studies;

namespace RegionalWorkspace.Features.OpenData;

/// <summary>
/// What each caller of the open data finds, as query filters. A signed-in caller (<see cref="Actor"/>) gets what the
/// workspace's own pages show them, by the same rules; an anonymous caller (<c>null</c>) gets what is published:
/// <list type="bullet">
/// <item>practices: <see cref="PracticeAccess"/> (drafts for their region's officers and the coordinators); anonymous:
/// published and archived ones, as for any reader without a region;</item>
/// <item>study requests: <see cref="CeseAccess"/> (officers: those concerning their region); anonymous: those the
/// General Assembly adopted and the published ones (submitted, reviewed, declined or in-progress requests are internal
/// to the parties);</item>
/// <item>publications: <see cref="PublicationsService"/>'s rule (unapproved ones for CESE staff only); anonymous: approved ones.</item>
/// </list>
/// Regions, bodies (counted) and training figures (counted) hold no personal data and are the same for everyone.
/// </summary>
public static class OpenDataAccess
{
    public static IQueryable<Practice> VisibleTo(this IQueryable<Practice> practices, Actor? actor) =>
        actor is null ? practices.Where(p => p.Status != PracticeStatus.Draft) : practices.Visible(actor);

    public static IQueryable<StudyRequest> VisibleTo(this IQueryable<StudyRequest> requests, Actor? actor)
    {
        if (actor is null)
        {
            return requests.Where(r => r.Status == StudyRequestStatus.Adopted || r.Status == StudyRequestStatus.Published);
        }

        if (actor.Role != WorkspaceRole.RegionalOfficer)
        {
            return requests;
        }

        var own = actor.RegionId ?? -1;
        return requests.Where(r => r.Regions.Any(x => x.RegionId == own));
    }

    /// <summary>The publications <paramref name="actor"/> may see, through <see cref="PublicationsService"/>'s own rule.</summary>
    public static IQueryable<Publication> VisiblePublications(AppDbContext db, Actor? actor) =>
        actor is null
            ? db.Publications.AsNoTracking().Where(p => p.AssemblySessionNumber != null && p.AssemblyApprovedOn != null)
            : PublicationsService.Visible(db, actor);
}

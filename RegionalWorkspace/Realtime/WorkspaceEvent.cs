using RegionalWorkspace.Features.Accounts;

namespace RegionalWorkspace.Realtime;

/// <summary>The capabilities of the workspace, as the activity feed filters them. Later features add theirs.</summary>
public enum Capability
{
    Regions,
    Bodies,
    Accounts,
    Practices,
    Trainings,
    Studies,
    ListeningSessions,
    StudyMeetings,
    SupportActions,
}

public enum ChangeKind
{
    Created,
    Updated,
    Deleted,
}

/// <summary>Who may learn that a change happened.</summary>
public enum Audience
{
    /// <summary>Everyone signed in (the data is readable by every role).</summary>
    SignedIn,

    /// <summary>Administrators only (accounts).</summary>
    Administrators,

    /// <summary>The region's own officers, the coordinators and administrators (a draft practice).</summary>
    RegionAndCoordinators,

    /// <summary>
    /// Every role but regional officers of the regions not concerned (<see cref="WorkspaceEvent.ConcernedRegionIds"/>):
    /// a study request, a listening session or a study meeting concerns some regions only.
    /// </summary>
    ConcernedRegions,

    /// <summary>CESE staff only (a publication the General Assembly has not approved yet).</summary>
    CeseStaff,

    /// <summary>
    /// One account only: the one named by <see cref="WorkspaceEvent.Scope"/> <c>user:{id}</c> (see
    /// <see cref="WorkspaceEvent.UserScope"/>), for a per-account signal such as "your notifications changed". It carries no
    /// content; it is neither kept in the activity feed nor forwarded to hub clients.
    /// </summary>
    Recipient,
}

/// <summary>
/// A committed change, published after the commit: what changed (<see cref="EntityType"/>, <see cref="EntityId"/>),
/// where (<see cref="RegionId"/>, <see cref="Scope"/>: the record page it belongs to, e.g. <c>body:12</c>), how, who,
/// and the record's new <see cref="Version"/>.
/// </summary>
public sealed record WorkspaceEvent(
    Guid Id,
    Capability Capability,
    string EntityType,
    int EntityId,
    int? RegionId,
    ChangeKind Kind,
    string ActorId,
    string ActorName,
    int Version,
    DateTime AtUtc,
    string Title,
    string Link,
    string? Scope,
    Audience Audience,
    IReadOnlyList<int>? ConcernedRegionIds = null)
{
    /// <summary>The <see cref="Scope"/> of an <see cref="Audience.Recipient"/> event meant for <paramref name="userId"/>.</summary>
    public static string UserScope(string userId) => $"user:{userId}";

    /// <summary>Whether <paramref name="actor"/> may see this event (the same rule as reading the data it is about).</summary>
    public bool IsVisibleTo(Actor actor) => Audience switch
    {
        Audience.Recipient => Scope == UserScope(actor.UserId),
        Audience.Administrators => actor.Role == WorkspaceRole.Administrator,
        Audience.RegionAndCoordinators => actor.Role is WorkspaceRole.Administrator or WorkspaceRole.ArmCoordinator or WorkspaceRole.DgctCoordinator
            || (actor.Role == WorkspaceRole.RegionalOfficer && actor.RegionId == RegionId),
        Audience.ConcernedRegions => actor.Role != WorkspaceRole.RegionalOfficer
            || (actor.RegionId is int own && (own == RegionId || (ConcernedRegionIds?.Contains(own) ?? false))),
        Audience.CeseStaff => actor.Role == WorkspaceRole.CeseStaff,
        _ => actor.Can(UseCase.ReadWorkspace, RegionId),
    };
}

/// <summary>What a service says about a change it has just committed; <see cref="WorkspaceChanges"/> adds who and when.</summary>
public sealed record Change(
    Capability Capability,
    string EntityType,
    int EntityId,
    int? RegionId,
    ChangeKind Kind,
    int Version,
    string Title,
    string Link,
    string? Scope = null,
    Audience Audience = Audience.SignedIn,
    IReadOnlyList<int>? ConcernedRegionIds = null);

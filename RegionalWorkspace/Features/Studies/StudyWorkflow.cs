using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Studies;

/// <summary>One allowed move of a study request: from a status to another, by a role.</summary>
public sealed record StudyTransition(StudyRequestStatus From, StudyRequestStatus To, WorkspaceRole By);

/// <summary>
/// The workflow of a study request (C4), as a table: any move not listed is refused, and a listed move only by its
/// role. The service checks each transition against it; the page offers only what it allows.
/// </summary>
public static class StudyWorkflow
{
    public static readonly IReadOnlyList<StudyTransition> Transitions =
    [
        new(StudyRequestStatus.Submitted, StudyRequestStatus.UnderReview, WorkspaceRole.CeseStaff),
        new(StudyRequestStatus.UnderReview, StudyRequestStatus.Accepted, WorkspaceRole.CeseStaff),
        new(StudyRequestStatus.UnderReview, StudyRequestStatus.Declined, WorkspaceRole.CeseStaff),
        new(StudyRequestStatus.Accepted, StudyRequestStatus.InProgress, WorkspaceRole.CeseStaff),
        new(StudyRequestStatus.InProgress, StudyRequestStatus.Adopted, WorkspaceRole.CeseStaff),
        new(StudyRequestStatus.Adopted, StudyRequestStatus.Published, WorkspaceRole.CeseStaff),
    ];

    /// <summary>The road of a request that goes all the way, for the page's stepper (a declined request stops after review).</summary>
    public static readonly IReadOnlyList<StudyRequestStatus> Path =
    [
        StudyRequestStatus.Submitted, StudyRequestStatus.UnderReview, StudyRequestStatus.Accepted,
        StudyRequestStatus.InProgress, StudyRequestStatus.Adopted, StudyRequestStatus.Published,
    ];

    public static bool Allows(StudyRequestStatus from, StudyRequestStatus to, WorkspaceRole role) =>
        Transitions.Any(t => t.From == from && t.To == to && t.By == role);

    /// <summary>The moves <paramref name="actor"/> may make from <paramref name="status"/>.</summary>
    public static IReadOnlyList<StudyRequestStatus> NextFor(Actor actor, StudyRequestStatus status) =>
        actor.Can(UseCase.DecideStudyRequests)
            ? Transitions.Where(t => t.From == status && t.By == actor.Role).Select(t => t.To).ToList()
            : [];

    /// <summary>Milestones are planned and followed while the study is accepted or in progress.</summary>
    public static bool MilestonesOpen(StudyRequestStatus status) => status is StudyRequestStatus.Accepted or StudyRequestStatus.InProgress;

    /// <summary>Its requester edits a request until CESE takes it up.</summary>
    public static bool CanEdit(Actor actor, string requestedByUserId, StudyRequestStatus status) =>
        status == StudyRequestStatus.Submitted && actor.UserId == requestedByUserId && actor.Can(UseCase.FileStudyRequests);

    /// <summary>Files: its requester while it is submitted; CESE staff at any time.</summary>
    public static bool CanAttach(Actor actor, string requestedByUserId, StudyRequestStatus status) =>
        actor.Can(UseCase.DecideStudyRequests) || CanEdit(actor, requestedByUserId, status);

    public static bool CanPlanMilestones(Actor actor, StudyRequestStatus status) =>
        actor.Can(UseCase.DecideStudyRequests) && MilestonesOpen(status);
}

/// <summary>
/// A move the workflow does not allow from the request's current status. <see cref="WorkspaceException.Arguments"/>
/// are the two statuses; the UI names them in the reader's language (<c>Error.StudyTransition</c>).
/// </summary>
public sealed class StudyTransitionRefusedException(StudyRequestStatus from, StudyRequestStatus to)
    : WorkspaceException("Error.StudyTransition", from, to)
{
    public StudyRequestStatus From { get; } = from;

    public StudyRequestStatus To { get; } = to;
}

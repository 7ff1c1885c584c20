namespace RegionalWorkspace.Features.Accounts;

/// <summary>The use cases of the workspace. Each one is declared in <see cref="Permissions"/>.</summary>
public enum UseCase
{
    ReadWorkspace,
    EditBodies,
    EditRegionSettings,
    ManageAccounts,

    /// <summary>The 12 regions side by side.</summary>
    CompareRegions,

    /// <summary>Follow the convention (C1–C6) across the 12 regions: its figures, the leadership dashboard and the implementation report (PDF).</summary>
    FollowConvention,

    /// <summary>Follow a region's changes live from a hub client (a wall display, another system).</summary>
    FollowRegionLive,

    /// <summary>Export printable documents (PDF summaries) of what one may read.</summary>
    ExportDocuments,

    /// <summary>Read the practice library (drafts only for their region and the coordinators: see <see cref="Practices.PracticeAccess"/>).</summary>
    ReadPractices,

    /// <summary>Write, edit, publish, archive and restore a region's practices, and attach files to them.</summary>
    EditPractices,

    /// <summary>Comment on a practice one may read.</summary>
    CommentPractices,

    /// <summary>Say "we adopted this" on behalf of one's region.</summary>
    AdoptPractices,

    /// <summary>Create and change training programmes and sessions (C2).</summary>
    ManageTrainings,

    /// <summary>Register (and cancel) participants of one's region for a session, import them from CSV.</summary>
    RegisterParticipants,

    /// <summary>Take attendance on a session's board, add walk-ins, issue documents.</summary>
    TakeAttendance,

    /// <summary>Read study requests, publications, listening sessions and study meetings (officers: those concerning their region).</summary>
    ReadCeseEngagement,

    /// <summary>File a study request with CESE (C4): ARM and DGCT coordinators only.</summary>
    FileStudyRequests,

    /// <summary>Review, accept or decline a request, assign it, set milestones, record the General Assembly's adoption, publish (CESE).</summary>
    DecideStudyRequests,

    /// <summary>Record CESE's publications and their General Assembly approval.</summary>
    ManagePublications,

    /// <summary>Organise and run listening sessions (C5) and study meetings (C6): invitations, attendance, minutes, follow-up.</summary>
    RunCeseSessions,

    /// <summary>Contribute, on behalf of one's region or its consultative bodies, to a listening session it is invited to.</summary>
    ContributeToListening,

    /// <summary>Update the status of a follow-up action owned by one's region (CESE staff: any).</summary>
    UpdateFollowUpActions,

    /// <summary>Record and follow the support actions (C3) given to the regions (officers: their own region's).</summary>
    ManageSupportActions,

    /// <summary>Make, list, download and delete backups of the workspace's data (administration page).</summary>
    ManageBackups,
    /// <summary>Browse, verify and export the audit trail of every change (administrators).</summary>
    ReviewAuditTrail,
}

/// <summary>A signed-in person as the database knows them now (not as their cookie remembers them).</summary>
public sealed record Actor(string UserId, string DisplayName, WorkspaceRole Role, int? RegionId)
{
    public bool Can(UseCase useCase, int? regionId = null) => Permissions.Allows(this, useCase, regionId);
}

/// <summary>
/// Who may do what, after DOMAIN.md's roles. A use case is allowed to a list of roles; regional officers, where
/// allowed, act only on their own region's data.
/// </summary>
public static class Permissions
{
    private static readonly WorkspaceRole[] s_everyone = Enum.GetValues<WorkspaceRole>();

    private static readonly Dictionary<UseCase, WorkspaceRole[]> s_rules = new()
    {
        [UseCase.ReadWorkspace] = s_everyone,
        [UseCase.EditBodies] = [WorkspaceRole.Administrator, WorkspaceRole.RegionalOfficer],
        [UseCase.EditRegionSettings] = [WorkspaceRole.Administrator],
        [UseCase.ManageAccounts] = [WorkspaceRole.Administrator],
        [UseCase.CompareRegions] = [WorkspaceRole.Administrator, WorkspaceRole.Leadership, WorkspaceRole.CeseStaff, WorkspaceRole.ArmCoordinator, WorkspaceRole.DgctCoordinator],
        [UseCase.FollowConvention] = [WorkspaceRole.Administrator, WorkspaceRole.Leadership, WorkspaceRole.CeseStaff, WorkspaceRole.ArmCoordinator, WorkspaceRole.DgctCoordinator],
        [UseCase.FollowRegionLive] = s_everyone,
        [UseCase.ExportDocuments] = s_everyone,
        [UseCase.ReadPractices] = s_everyone,
        [UseCase.EditPractices] = [WorkspaceRole.Administrator, WorkspaceRole.RegionalOfficer],
        [UseCase.CommentPractices] = s_everyone,
        [UseCase.AdoptPractices] = [WorkspaceRole.RegionalOfficer],
        [UseCase.ManageTrainings] = [WorkspaceRole.Administrator, WorkspaceRole.Trainer, WorkspaceRole.ArmCoordinator, WorkspaceRole.DgctCoordinator, WorkspaceRole.CeseStaff],
        [UseCase.RegisterParticipants] = [WorkspaceRole.Administrator, WorkspaceRole.RegionalOfficer, WorkspaceRole.ArmCoordinator, WorkspaceRole.DgctCoordinator],
        [UseCase.TakeAttendance] = [WorkspaceRole.Administrator, WorkspaceRole.Trainer, WorkspaceRole.ArmCoordinator, WorkspaceRole.DgctCoordinator, WorkspaceRole.CeseStaff],
        [UseCase.ReadCeseEngagement] = s_everyone,
        [UseCase.FileStudyRequests] = [WorkspaceRole.ArmCoordinator, WorkspaceRole.DgctCoordinator],
        [UseCase.DecideStudyRequests] = [WorkspaceRole.CeseStaff],
        [UseCase.ManagePublications] = [WorkspaceRole.CeseStaff],
        [UseCase.RunCeseSessions] = [WorkspaceRole.CeseStaff],
        [UseCase.ContributeToListening] = [WorkspaceRole.RegionalOfficer],
        [UseCase.UpdateFollowUpActions] = [WorkspaceRole.CeseStaff, WorkspaceRole.RegionalOfficer],
        [UseCase.ManageSupportActions] = [WorkspaceRole.Administrator, WorkspaceRole.ArmCoordinator, WorkspaceRole.DgctCoordinator, WorkspaceRole.CeseStaff, WorkspaceRole.RegionalOfficer],
        [UseCase.ManageBackups] = [WorkspaceRole.Administrator],
        [UseCase.ReviewAuditTrail] = [WorkspaceRole.Administrator],
    };

    public static IReadOnlyDictionary<UseCase, WorkspaceRole[]> Rules => s_rules;

    public static bool Allows(Actor actor, UseCase useCase, int? regionId)
    {
        if (!s_rules.TryGetValue(useCase, out var roles) || !roles.Contains(actor.Role))
        {
            return false;
        }

        // Officers read every region but change, and follow live on the hub, only their own.
        return useCase is UseCase.ReadWorkspace or UseCase.ExportDocuments or UseCase.ReadPractices or UseCase.CommentPractices
            || actor.Role != WorkspaceRole.RegionalOfficer
            || (regionId is not null && regionId == actor.RegionId);
    }
}

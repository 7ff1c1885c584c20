using RegionalWorkspace.Features.Accounts;

namespace RegionalWorkspace.Tests.Features.Accounts;

/// <summary>How far a regional officer's permission reaches.</summary>
public enum OfficerReach
{
    /// <summary>Refused, whatever the region.</summary>
    None,

    /// <summary>Only on their own region's records (a record of another region, or no region at all, is refused).</summary>
    OwnRegion,

    /// <summary>On every region's records.</summary>
    AnyRegion,
}

/// <summary>One use case's row: which roles may do it, and how far an officer reaches.</summary>
public sealed record DeclaredRule(
    bool Administrator, bool Leadership, bool CeseStaff, bool ArmCoordinator, bool DgctCoordinator, bool Trainer, OfficerReach Officer, string Why)
{
    public bool Allows(WorkspaceRole role, int? ownRegion, int? targetRegion) => role switch
    {
        WorkspaceRole.Administrator => Administrator,
        WorkspaceRole.Leadership => Leadership,
        WorkspaceRole.CeseStaff => CeseStaff,
        WorkspaceRole.ArmCoordinator => ArmCoordinator,
        WorkspaceRole.DgctCoordinator => DgctCoordinator,
        WorkspaceRole.Trainer => Trainer,
        WorkspaceRole.RegionalOfficer => Officer switch
        {
            OfficerReach.AnyRegion => true,
            OfficerReach.OwnRegion => ownRegion is not null && targetRegion == ownRegion,
            _ => false,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "A role the matrix does not know: declare it in every row."),
    };
}

/// <summary>
/// Who may do what, written from DOMAIN.md's "Who uses the workspace" and the parties' roles, independently of
/// <see cref="Permissions"/>: the tests compare the app with this table, so a change to either side that the other
/// does not share fails a test. Reading of DOMAIN.md where it is terse:
/// <list type="bullet">
/// <item>Everyone reads the workspace (leadership "read everything"; C1 is about sharing between regions), so officers read
/// every region; they change only their own region's records.</item>
/// <item>The administrator ("accounts, roles, reference data") keeps the regions' data in order (bodies, practices,
/// trainings, support actions) but takes no institution's decision: filing or deciding study requests, CESE's
/// publications and sessions, contributing or adopting on behalf of a region.</item>
/// <item>Trainings (C2) are joint trainings of the three parties: trainers, both coordinators and CESE staff organise
/// them and take attendance; officers register their region's people.</item>
/// </list>
/// </summary>
public static class PermissionsMatrix
{
    private const bool Y = true;
    private const bool N = false;
    private const OfficerReach None = OfficerReach.None;
    private const OfficerReach Own = OfficerReach.OwnRegion;
    private const OfficerReach Any = OfficerReach.AnyRegion;

    public static readonly IReadOnlyDictionary<UseCase, DeclaredRule> Table = new Dictionary<UseCase, DeclaredRule>
    {
        //                                          Admin Lead CESE ARM  DGCT Trainer Officer
        [UseCase.ReadWorkspace] = new(              Y,    Y,   Y,   Y,   Y,   Y,      Any,  "everyone reads; leadership reads everything"),
        [UseCase.EditBodies] = new(                 Y,    N,   N,   N,   N,   N,      Own,  "officers edit their own region's bodies, members, meetings"),
        [UseCase.EditRegionSettings] = new(         Y,    N,   N,   N,   N,   N,      None, "per-region settings are reference data: administrator"),
        [UseCase.ManageAccounts] = new(             Y,    N,   N,   N,   N,   N,      None, "administrator: accounts, roles"),
        [UseCase.CompareRegions] = new(             Y,    Y,   Y,   Y,   Y,   N,      None, "coordinators follow all regions; leadership reads everything"),
        [UseCase.FollowConvention] = new(           Y,    Y,   Y,   Y,   Y,   N,      None, "the three parties' focal points and leadership follow the convention"),
        [UseCase.FollowRegionLive] = new(           Y,    Y,   Y,   Y,   Y,   Y,      Own,  "a live feed of a region: officers, their own"),
        [UseCase.ExportDocuments] = new(            Y,    Y,   Y,   Y,   Y,   Y,      Any,  "leadership exports PDF summaries; everyone exports what they read"),
        [UseCase.ReadPractices] = new(              Y,    Y,   Y,   Y,   Y,   Y,      Any,  "the shared good-practice library (C1)"),
        [UseCase.EditPractices] = new(              Y,    N,   N,   N,   N,   N,      Own,  "officers edit their own region's practices"),
        [UseCase.CommentPractices] = new(           Y,    Y,   Y,   Y,   Y,   Y,      Any,  "sharing experience (C1): anyone comments what they read"),
        [UseCase.AdoptPractices] = new(             N,    N,   N,   N,   N,   N,      Own,  "adopting is said on behalf of one's own region"),
        [UseCase.ManageTrainings] = new(            Y,    N,   Y,   Y,   Y,   Y,      None, "trainers run sessions; the parties co-organise trainings (C2)"),
        [UseCase.RegisterParticipants] = new(       Y,    N,   N,   Y,   Y,   N,      Own,  "officers register their region's people; coordinators co-organise"),
        [UseCase.TakeAttendance] = new(             Y,    N,   Y,   Y,   Y,   Y,      None, "trainers take attendance live; organisers of the training too"),
        [UseCase.ReadCeseEngagement] = new(         Y,    Y,   Y,   Y,   Y,   Y,      Own,  "officers see the CESE work that concerns their region"),
        [UseCase.FileStudyRequests] = new(          N,    N,   N,   Y,   Y,   N,      None, "C4: study requests filed by DGCT or ARM only"),
        [UseCase.DecideStudyRequests] = new(        N,    N,   Y,   N,   N,   N,      None, "CESE staff decide on study requests"),
        [UseCase.ManagePublications] = new(         N,    N,   Y,   N,   N,   N,      None, "CESE staff record General Assembly approvals"),
        [UseCase.RunCeseSessions] = new(            N,    N,   Y,   N,   N,   N,      None, "CESE staff run listening sessions and study meetings"),
        [UseCase.ContributeToListening] = new(      N,    N,   N,   N,   N,   N,      Own,  "officers contribute to listening sessions for their region (C5)"),
        [UseCase.UpdateFollowUpActions] = new(      N,    N,   Y,   N,   N,   N,      Own,  "CESE follows up its meetings; a region updates the actions it owns"),
        [UseCase.ManageSupportActions] = new(       Y,    N,   Y,   Y,   Y,   N,      Own,  "the parties support the regions (C3); officers record their region's"),
        [UseCase.ManageBackups] = new(              Y,    N,   N,   N,   N,   N,      None, "workspace administration"),
        [UseCase.ReviewAuditTrail] = new(           Y,    N,   N,   N,   N,   N,      None, "workspace administration"),
    };

    /// <summary>The declared answer; a use case missing from <see cref="Table"/> fails, naming it.</summary>
    public static bool Expected(WorkspaceRole role, int? ownRegion, UseCase useCase, int? targetRegion) =>
        Table.TryGetValue(useCase, out var rule)
            ? rule.Allows(role, ownRegion, targetRegion)
            : throw new Xunit.Sdk.XunitException($"UseCase.{useCase} has no row in PermissionsMatrix.Table: declare who may do it, from DOMAIN.md.");

    /// <summary>The demo accounts, one per role and two officers (Rabat-Salé-Kénitra = 4, Souss-Massa = 9).</summary>
    public static readonly IReadOnlyList<DemoCaller> Callers =
    [
        new("admin@demo.ma", WorkspaceRole.Administrator, null),
        new("leadership@demo.ma", WorkspaceRole.Leadership, null),
        new("cese@demo.ma", WorkspaceRole.CeseStaff, null),
        new("arm@demo.ma", WorkspaceRole.ArmCoordinator, null),
        new("dgct@demo.ma", WorkspaceRole.DgctCoordinator, null),
        new("trainer@demo.ma", WorkspaceRole.Trainer, null),
        new("officer.rsk@demo.ma", WorkspaceRole.RegionalOfficer, Rsk),
        new("officer.sm@demo.ma", WorkspaceRole.RegionalOfficer, Sm),
    ];

    public const int Rsk = 4;
    public const int Sm = 9;

    public static DemoCaller Caller(string email) => Callers.Single(c => c.Email == email);
}

/// <summary>A demo account as the matrix sees it.</summary>
public sealed record DemoCaller(string Email, WorkspaceRole Role, int? RegionId)
{
    public override string ToString() => Email;
}

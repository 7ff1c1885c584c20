using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.StudyMeetings;
using RegionalWorkspace.Features.SupportActions;
using RegionalWorkspace.Features.Trainings;

namespace RegionalWorkspace.Features.Convention;

/// <summary>
/// The convention's figures for one period: one part per commitment (C1–C6), the 12 regions side by side and the
/// months of the period (for charts). "Held" means not cancelled, started in the period and already started when the
/// figures were computed. Local times are in the workspace's time zone.
/// </summary>
public sealed record ConventionFigures(
    ConventionPeriod Period,
    DateTime ComputedAtUtc,
    BodiesFigures Bodies,
    TrainingFigures Trainings,
    StudyFigures Studies,
    ListeningFigures Listening,
    MeetingFigures Meetings,
    IReadOnlyList<RegionFigures> Regions,
    IReadOnlyList<MonthFigures> Months)
{
    /// <summary>C3 — support actions given to the regions (added after the first version of this record, hence not positional).</summary>
    public SupportFigures Support { get; init; } = SupportFigures.None;

    /// <summary>Whether anything at all happened in the period (the report says so when not).</summary>
    public bool HasActivity =>
        Bodies.MeetingsHeld + Bodies.PracticesPublished + Bodies.Adoptions + Trainings.SessionsHeld + Studies.Filed + Studies.Decided
        + Studies.Requests.Count + Listening.SessionsHeld + Listening.Contributions + Meetings.MeetingsHeld + Support.Actions > 0;

    /// <summary>The region's row (by id), or null for an unknown id.</summary>
    public RegionFigures? Region(int? regionId) => Regions.FirstOrDefault(r => r.Id == regionId);
}

/// <summary>C1 — participatory bodies supported, and good practices shared and adopted.</summary>
/// <param name="Bodies">All bodies of the 12 regions.</param>
/// <param name="ActiveBodies">Bodies whose status is Active.</param>
/// <param name="BodiesThatMet">Bodies that held at least one meeting in the period.</param>
/// <param name="Members">Members whose mandate overlaps the period.</param>
/// <param name="PracticesPublished">Practices first published in the period (still published or since archived).</param>
/// <param name="Adoptions">"We adopted this" declared in the period.</param>
public sealed record BodiesFigures(
    int Bodies,
    int ActiveBodies,
    int BodiesThatMet,
    int Members,
    int Women,
    int Men,
    int MeetingsHeld,
    int Outputs,
    int PracticesPublished,
    int Adoptions,
    IReadOnlyList<BodyRow> BodyList,
    IReadOnlyList<PracticeRow> PracticeList,
    IReadOnlyList<AdoptionRow> AdoptionList);

/// <param name="Members">Members whose mandate overlaps the period.</param>
public sealed record BodyRow(int Id, int RegionId, BodyKind Kind, string NameFr, string NameAr, BodyStatus Status, int Members, int Women, int Men, int MeetingsHeld, int Outputs);

public sealed record PracticeRow(int Id, int RegionId, string TitleFr, string? TitleAr, PracticeCommitment Commitment, PracticeThemes Themes, DateOnly PublishedOn, int AdoptionsInPeriod);

public sealed record AdoptionRow(int PracticeId, string TitleFr, string? TitleAr, int PracticeRegionId, int RegionId, DateOnly On);

/// <summary>C2 — training sessions held and who attended (Present or Late, among the registered).</summary>
/// <param name="SessionsPlanned">Sessions of the period not held yet (still to come).</param>
/// <param name="Registered">Registrations (status Registered) to the sessions held.</param>
/// <param name="Attended">Registered people marked Present or Late at the sessions held (one per person and session).</param>
/// <param name="DistinctParticipants">Different people among them.</param>
/// <param name="AttendedByRegion">Attendances by the participant's region id (every region present, 0 included).</param>
public sealed record TrainingFigures(
    int SessionsHeld,
    int SessionsPlanned,
    int SessionsCancelled,
    int Registered,
    int Attended,
    int DistinctParticipants,
    IReadOnlyDictionary<AttendanceStatus, int> ByStatus,
    int Unmarked,
    IReadOnlyDictionary<int, int> AttendedByRegion,
    IReadOnlyDictionary<Gender, int> AttendedByGender,
    IReadOnlyDictionary<ParticipantAudience, int> AttendedByAudience,
    IReadOnlyList<TrainingSessionRow> Sessions)
{
    /// <summary>Attended / registered, between 0 and 1; null when nobody was registered.</summary>
    public double? AttendanceRate => Registered == 0 ? null : (double)Attended / Registered;
}

public sealed record TrainingSessionRow(
    int Id,
    string ProgrammeTitle,
    string? ProgrammeTitleAr,
    DateTime StartsAtLocal,
    int DurationMinutes,
    string? Place,
    bool IsOnline,
    IReadOnlyList<int> RegionIds,
    int Registered,
    int Present,
    int Late,
    int Excused,
    int Absent,
    int Women,
    int Men)
{
    public int Attended => Present + Late;

    public double? AttendanceRate => Registered == 0 ? null : (double)Attended / Registered;
}

/// <summary>C3 — support actions to the regions' participatory approaches, by theme (economic, social, environmental) and status.</summary>
/// <param name="Actions">Actions that started in the period, or started before and were still running in it (not cancelled).</param>
/// <param name="Started">Of those, started in the period.</param>
/// <param name="Completed">Completed with an end date in the period.</param>
/// <param name="RegionsSupported">Different regions among the actions.</param>
/// <param name="ByTheme">Every theme present, 0 included.</param>
/// <param name="ByStatus">Current status of the actions (every status present, 0 included).</param>
public sealed record SupportFigures(
    int Actions,
    int Started,
    int Completed,
    int RegionsSupported,
    IReadOnlyDictionary<SupportTheme, int> ByTheme,
    IReadOnlyDictionary<SupportStatus, int> ByStatus,
    IReadOnlyDictionary<SupportKind, int> ByKind,
    IReadOnlyList<SupportActionRow> ActionList)
{
    public static SupportFigures None { get; } = new(
        0, 0, 0, 0,
        Enum.GetValues<SupportTheme>().ToDictionary(v => v, _ => 0),
        Enum.GetValues<SupportStatus>().ToDictionary(v => v, _ => 0),
        Enum.GetValues<SupportKind>().ToDictionary(v => v, _ => 0),
        []);
}

public sealed record SupportActionRow(
    int Id,
    int RegionId,
    SupportTheme Theme,
    SupportKind Kind,
    string TitleFr,
    string? TitleAr,
    Organisers SupportedBy,
    SupportStatus Status,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    int Practices,
    int Bodies);

/// <summary>C4 — study requests filed with CESE by ARM or DGCT.</summary>
/// <param name="Filed">Requests submitted in the period.</param>
/// <param name="Decided">Requests accepted or declined in the period.</param>
/// <param name="Published">Requests whose study was published in the period.</param>
/// <param name="ByStatus">Current status of the requests listed (every status present, 0 included).</param>
/// <param name="Requests">Requests filed in the period or whose status changed in it.</param>
public sealed record StudyFigures(
    int Filed,
    int Decided,
    int Accepted,
    int Declined,
    int Published,
    IReadOnlyDictionary<StudyRequestStatus, int> ByStatus,
    IReadOnlyList<StudyRequestRow> Requests);

public sealed record StudyRequestRow(
    int Id,
    string Title,
    StudyRequester Requester,
    StudyScope Scope,
    StudyRequestStatus Status,
    DateOnly SubmittedOn,
    CeseCommission? Commission,
    IReadOnlyList<int> RegionIds,
    DateOnly? DecidedOn);

/// <summary>C5 — CESE listening sessions held and the contributions of the regions and their bodies.</summary>
/// <param name="Contributions">Contributions to the sessions held.</param>
/// <param name="RegionsInvited">Different regions invited to the sessions held.</param>
/// <param name="ContributionsByRegion">By the contributing region id (every region present, 0 included).</param>
public sealed record ListeningFigures(
    int SessionsHeld,
    int SessionsPlanned,
    int Contributions,
    int RegionsInvited,
    int Participants,
    IReadOnlyDictionary<int, int> ContributionsByRegion,
    IReadOnlyList<ListeningSessionRow> Sessions);

public sealed record ListeningSessionRow(
    int Id,
    string Topic,
    string? TopicAr,
    DateTime StartsAtLocal,
    string? Place,
    IReadOnlyList<int> RegionIds,
    int InvitedBodies,
    int Participants,
    int Contributions,
    bool HasMinutes);

/// <summary>C6 — study meetings held (CESE presenting an approved publication) and the follow-up actions decided there.</summary>
/// <param name="Attended">Participants recorded Present or Late at the meetings held.</param>
/// <param name="Actions">Follow-up actions of the meetings held.</param>
/// <param name="Overdue">Of those, open or in progress past their due date.</param>
/// <param name="ActionsByStatus">Every status present, 0 included.</param>
public sealed record MeetingFigures(
    int MeetingsHeld,
    int MeetingsPlanned,
    int Attended,
    int Actions,
    int Overdue,
    IReadOnlyDictionary<FollowUpStatus, int> ActionsByStatus,
    IReadOnlyList<StudyMeetingRow> MeetingList,
    IReadOnlyList<FollowUpRow> ActionList);

public sealed record StudyMeetingRow(
    int Id,
    string PublicationTitleFr,
    string PublicationTitleAr,
    PublicationKind Kind,
    DateTime StartsAtLocal,
    string? Place,
    IReadOnlyList<int> RegionIds,
    int Attended,
    int Actions);

public sealed record FollowUpRow(int Id, int StudyMeetingId, string Description, string Owner, int? RegionId, DateOnly DueOn, FollowUpStatus Status, bool IsOverdue);

/// <summary>One region's key figures for the period (the table of the 12 regions side by side).</summary>
public sealed record RegionFigures(
    int Id,
    string Code,
    string NameFr,
    string NameAr,
    int ActiveBodies,
    int Members,
    int BodyMeetingsHeld,
    int PracticesPublished,
    int Adoptions,
    int TrainingParticipants,
    int StudyRequests,
    int ListeningContributions,
    int StudyMeetings,
    int FollowUpActions,
    int OverdueActions)
{
    /// <summary>C3 support actions of the region counted in the period.</summary>
    public int SupportActions { get; init; }
}

/// <summary>What happened in one month of the period (the bars of the charts).</summary>
public sealed record MonthFigures(
    int Year,
    int Month,
    int BodyMeetings,
    int PracticesPublished,
    int Adoptions,
    int TrainingSessions,
    int TrainingParticipants,
    int StudyRequestsFiled,
    int ListeningSessions,
    int Contributions,
    int StudyMeetings)
{
    /// <summary>C3 support actions started in the month.</summary>
    public int SupportActionsStarted { get; init; }

    public DateOnly FirstDay => new(Year, Month, 1);
}

namespace RegionalWorkspace.Features.OpenData;

/// <summary>
/// The rows of the open data sets. Their property names are the field names of both formats (camelCase in JSON and in
/// the CSV header row) and are part of the published interface: add fields, never rename or remove one. Codes are
/// camelCase versions of the workspace's enum names (<c>equityAndGender</c>, <c>published</c>); times are UTC
/// (<c>2026-03-01T09:00:00Z</c>), dates are local calendar dates (<c>2026-03-01</c>). No row carries a person's name
/// or contact: bodies and trainings are counted, not listed.
/// </summary>
public sealed record OpenRegion(
    int Id,
    string Code,
    string NameFr,
    string NameAr,
    long? Population,
    int? PopulationYear,
    int PetitionSignatures,
    int PetitionProvinceSharePercent);

/// <summary>A participatory body with its members counted (all members on record, as the region pages count them).</summary>
public sealed record OpenBody(
    int Id,
    int RegionId,
    string RegionCode,
    string Kind,
    string NameFr,
    string NameAr,
    string Status,
    int Members,
    int MembersFemale,
    int MembersMale,
    int MeetingsHeld,
    int Outputs);

/// <summary>A practice with its title and summary in each language it is written in (null where it is not).</summary>
public sealed record OpenPractice(
    int Id,
    int RegionId,
    string RegionCode,
    string Commitment,
    string Status,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> SubThemes,
    int? BodyId,
    string? TitleFr,
    string? TitleAr,
    string? TitleEn,
    string? SummaryFr,
    string? SummaryAr,
    string? SummaryEn,
    IReadOnlyList<string> Tags,
    DateTime? PublishedAt,
    int Adoptions,
    IReadOnlyList<string> AdoptedBy);

/// <summary>
/// One training session counted: registrations (status Registered, walk-ins included) and attendance (marked Present or
/// Late), by gender and by audience. <see cref="AttendanceRate"/> is present ÷ registered, once the session has started
/// (null before, when cancelled, or with nobody registered).
/// </summary>
public sealed record OpenTrainingSession(
    int Id,
    int ProgrammeId,
    string ProgrammeTitle,
    string? ProgrammeTitleAr,
    IReadOnlyList<string> Organisers,
    IReadOnlyList<string> Audience,
    DateTime StartsAt,
    DateTime EndsAt,
    DateOnly Date,
    string? Place,
    bool Cancelled,
    bool Held,
    IReadOnlyList<string> Regions,
    int Capacity,
    int Registered,
    int RegisteredFemale,
    int RegisteredMale,
    int Present,
    int PresentFemale,
    int PresentMale,
    int PresentCouncilMembers,
    int PresentCouncilStaff,
    int PresentBodyMembers,
    double? AttendanceRate);

/// <summary>
/// A programme's sessions added up (those matching the filters): figures as for a session; the attendance rate is over
/// the sessions held (started and not cancelled).
/// </summary>
public sealed record OpenTrainingProgramme(
    int Id,
    string Title,
    string? TitleAr,
    IReadOnlyList<string> Organisers,
    IReadOnlyList<string> Audience,
    IReadOnlyList<string> Themes,
    int Sessions,
    int SessionsHeld,
    DateOnly? FirstDate,
    DateOnly? LastDate,
    IReadOnlyList<string> Regions,
    int Registered,
    int RegisteredFemale,
    int RegisteredMale,
    int Present,
    int PresentFemale,
    int PresentMale,
    double? AttendanceRate);

/// <summary>A study request (C4) without the people in it (requester account, rapporteur).</summary>
public sealed record OpenStudyRequest(
    int Id,
    string Title,
    string Question,
    string Scope,
    string Requester,
    string Status,
    DateTime SubmittedAt,
    IReadOnlyList<string> Regions,
    string? Commission,
    string? DeclineReason,
    int? AssemblySessionNumber,
    DateOnly? AssemblyDate);

/// <summary>A CESE publication; <see cref="StudyRequestId"/> only when the caller may see that request.</summary>
public sealed record OpenPublication(
    int Id,
    string Kind,
    string Commission,
    string TitleFr,
    string TitleAr,
    string? SummaryFr,
    string? SummaryAr,
    bool Approved,
    int? AssemblySessionNumber,
    DateOnly? AssemblyApprovedOn,
    int? StudyRequestId,
    bool HasDocument);

/// <summary>One page of a data set and the number of rows in all its pages.</summary>
public sealed record OpenDataPage<T>(IReadOnlyList<T> Items, int Total);

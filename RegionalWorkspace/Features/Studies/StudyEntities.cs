using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Regions;

namespace RegionalWorkspace.Features.Studies;

/// <summary>What a study request (C4) is about, as the convention words it.</summary>
public enum StudyScope
{
    AdvancedRegionalisation,
    CommonRegionalQuestions,
    SustainableRegionalDevelopment,
}

/// <summary>Who filed a request: only ARM or DGCT may (C4).</summary>
public enum StudyRequester
{
    Arm,
    Dgct,
}

/// <summary>
/// submitted → under review → accepted (a self-referral, with a commission and a rapporteur) or declined (with a reason)
/// → in progress (milestones) → adopted by the General Assembly (session number and date) → published.
/// </summary>
public enum StudyRequestStatus
{
    Submitted,
    UnderReview,
    Accepted,
    Declined,
    InProgress,
    Adopted,
    Published,
}

/// <summary>CESE's seven permanent commissions.</summary>
public enum CeseCommission
{
    EconomicAndStrategic,
    EmploymentAndProfessionalRelations,
    SocialAffairsAndSolidarity,
    EnvironmentAndSustainableDevelopment,
    KnowledgeSocietyAndInformation,
    RegionalisationAndRuralDevelopment,
    SectoralAnalysis,
}

public enum PublicationKind
{
    Opinion,
    Report,
    Study,
}

/// <summary>A study ARM or DGCT asks CESE to carry out within its self-referral (C4).</summary>
public sealed class StudyRequest : Editable
{
    public int Id { get; set; }

    public required string Title { get; set; }

    public required string Question { get; set; }

    public required string Rationale { get; set; }

    public StudyScope Scope { get; set; }

    public StudyRequester Requester { get; set; }

    /// <summary>The account that filed it (notified of every status change).</summary>
    public required string RequestedByUserId { get; set; }

    /// <summary>The timeline the requester wishes for, in words (e.g. "avant la session de juin 2027").</summary>
    public string? DesiredTimeline { get; set; }

    public DateOnly? DesiredBy { get; set; }

    public StudyRequestStatus Status { get; set; }

    public CeseCommission? Commission { get; set; }

    public string? Rapporteur { get; set; }

    public string? DeclineReason { get; set; }

    public int? AssemblySessionNumber { get; set; }

    public DateOnly? AssemblyDate { get; set; }

    public DateTime SubmittedAtUtc { get; set; }

    public List<StudyRequestRegion> Regions { get; } = [];

    public List<StudyMilestone> Milestones { get; } = [];

    public List<StudyRequestEvent> History { get; } = [];

    public List<StudyRequestAttachment> Attachments { get; } = [];
}

public sealed class StudyRequestRegion
{
    public int StudyRequestId { get; set; }

    public int RegionId { get; set; }

    public Region? Region { get; set; }
}

/// <summary>A dated step of a study in progress.</summary>
public sealed class StudyMilestone
{
    public int Id { get; set; }

    public int StudyRequestId { get; set; }

    public required string Title { get; set; }

    public DateOnly DueOn { get; set; }

    public DateOnly? DoneOn { get; set; }
}

/// <summary>One line of a request's history: who moved it from which status to which, when, and why.</summary>
public sealed class StudyRequestEvent
{
    public int Id { get; set; }

    public int StudyRequestId { get; set; }

    public DateTime AtUtc { get; set; }

    public required string ActorId { get; set; }

    public required string ActorName { get; set; }

    public StudyRequestStatus? FromStatus { get; set; }

    public StudyRequestStatus ToStatus { get; set; }

    /// <summary>What was decided or recorded (a reason, a commission and rapporteur, a session number...).</summary>
    public string? Note { get; set; }
}

public sealed class StudyRequestAttachment
{
    public int Id { get; set; }

    public int StudyRequestId { get; set; }

    public required string FileName { get; set; }

    public required string StoredName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime UploadedAtUtc { get; set; }
}

/// <summary>CESE's opinions (avis), reports (rapports) and studies (études).</summary>
public sealed class Publication : Editable
{
    public int Id { get; set; }

    public required string TitleFr { get; set; }

    public required string TitleAr { get; set; }

    public PublicationKind Kind { get; set; }

    public CeseCommission Commission { get; set; }

    /// <summary>The study request it answers, if any.</summary>
    public int? StudyRequestId { get; set; }

    public StudyRequest? StudyRequest { get; set; }

    /// <summary>General Assembly approval: until both are set the publication may not be presented (C6).</summary>
    public int? AssemblySessionNumber { get; set; }

    public DateOnly? AssemblyApprovedOn { get; set; }

    public string? Summary { get; set; }

    public string? SummaryAr { get; set; }

    /// <summary>The document itself (kept by the FileStore), if uploaded.</summary>
    public string? DocumentFileName { get; set; }

    public string? DocumentStoredName { get; set; }

    public string? DocumentContentType { get; set; }

    public long? DocumentSize { get; set; }

    public string? DocumentSha256 { get; set; }

    public bool IsApproved => AssemblySessionNumber is not null && AssemblyApprovedOn is not null;
}

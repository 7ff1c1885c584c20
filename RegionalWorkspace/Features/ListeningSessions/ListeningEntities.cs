using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Studies;

namespace RegionalWorkspace.Features.ListeningSessions;

/// <summary>A listening session (C5) organised by CESE, with invited regional councils and consultative bodies.</summary>
public sealed class ListeningSession : Editable
{
    public int Id { get; set; }

    public required string Topic { get; set; }

    public string? TopicAr { get; set; }

    public string? Description { get; set; }

    /// <summary>The study request it serves, often.</summary>
    public int? StudyRequestId { get; set; }

    public StudyRequest? StudyRequest { get; set; }

    public DateTime StartsAtUtc { get; set; }

    public int DurationMinutes { get; set; }

    public string? Place { get; set; }

    public string? OnlineLink { get; set; }

    /// <summary>Contributions are accepted until this moment (by default the session's end).</summary>
    public DateTime ContributionsCloseAtUtc { get; set; }

    public string? Minutes { get; set; }

    public string? Synthesis { get; set; }

    /// <summary>The publication that came out of it.</summary>
    public int? PublicationId { get; set; }

    public Publication? Publication { get; set; }

    public bool IsCancelled { get; set; }

    public List<ListeningSessionRegion> InvitedRegions { get; } = [];

    public List<ListeningSessionBody> InvitedBodies { get; } = [];

    public List<ListeningParticipant> Participants { get; } = [];

    public List<Contribution> Contributions { get; } = [];
}

public sealed class ListeningSessionRegion
{
    public int ListeningSessionId { get; set; }

    public int RegionId { get; set; }
}

public sealed class ListeningSessionBody
{
    public int ListeningSessionId { get; set; }

    public int BodyId { get; set; }

    public ParticipatoryBody? Body { get; set; }
}

/// <summary>Someone who took part, for the record of the session.</summary>
public sealed class ListeningParticipant
{
    public int Id { get; set; }

    public int ListeningSessionId { get; set; }

    public required string FullName { get; set; }

    public string? Organisation { get; set; }

    public int? RegionId { get; set; }

    public Gender? Gender { get; set; }
}

/// <summary>A contribution of an invited council or body, before or during the session: text and files.</summary>
public sealed class Contribution
{
    public int Id { get; set; }

    public int ListeningSessionId { get; set; }

    public int RegionId { get; set; }

    /// <summary>The consultative body it speaks for, if any (else the regional council).</summary>
    public int? BodyId { get; set; }

    public required string AuthorId { get; set; }

    public required string AuthorName { get; set; }

    public required string Text { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public List<ContributionAttachment> Attachments { get; } = [];
}

public sealed class ContributionAttachment
{
    public int Id { get; set; }

    public int ContributionId { get; set; }

    public required string FileName { get; set; }

    public required string StoredName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    public DateTime UploadedAtUtc { get; set; }
}

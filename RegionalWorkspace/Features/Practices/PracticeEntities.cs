using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Regions;

namespace RegionalWorkspace.Features.Practices;

/// <summary>The convention's commitments a practice can serve (DOMAIN.md).</summary>
public enum PracticeCommitment
{
    C1,
    C3,
}

public enum PracticeStatus
{
    Draft,
    Published,
    Archived,
}

[Flags]
public enum PracticeThemes
{
    None = 0,
    Economic = 1,
    Social = 2,
    Environmental = 4,
}

[Flags]
public enum PracticeSubThemes
{
    None = 0,
    GenderEquity = 1,
    Youth = 2,
    EconomicActors = 4,
    CitizenConsultation = 8,
    Petitions = 16,
    DigitalParticipation = 32,
    TerritorialPlanning = 64,
    PublicServices = 128,
}

/// <summary>A region's experience of participatory democracy, shared so that others can adopt it (C1, C3).</summary>
public sealed class Practice : Editable
{
    public int Id { get; set; }

    /// <summary>The region of origin; its officers own the practice.</summary>
    public int RegionId { get; set; }

    public Region? Region { get; set; }

    public PracticeCommitment Commitment { get; set; }

    public PracticeStatus Status { get; set; }

    public PracticeThemes Themes { get; set; }

    public PracticeSubThemes SubThemes { get; set; }

    /// <summary>The participatory body or mechanism it concerns, if any.</summary>
    public int? BodyId { get; set; }

    public ParticipatoryBody? Body { get; set; }

    public string? Results { get; set; }

    public string? Indicators { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? PublishedAtUtc { get; set; }

    /// <summary>The practice in French, Arabic and/or English: at least one.</summary>
    public List<PracticeText> Texts { get; } = [];

    public List<PracticeTag> Tags { get; } = [];

    public List<PracticeVersion> Versions { get; } = [];

    public List<PracticeComment> Comments { get; } = [];

    public List<PracticeAdoption> Adoptions { get; } = [];

    public List<PracticeAttachment> Attachments { get; } = [];
}

/// <summary>The practice's title, summary and body (Markdown) in one language.</summary>
public sealed class PracticeText
{
    public int Id { get; set; }

    public int PracticeId { get; set; }

    /// <summary>"fr", "ar" or "en".</summary>
    public required string Language { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    public required string Body { get; set; }
}

public sealed class PracticeTag
{
    public int PracticeId { get; set; }

    /// <summary>Lower-case, trimmed.</summary>
    public required string Tag { get; set; }
}

/// <summary>Every saved state of a practice, with who saved it and when (restorable).</summary>
public sealed class PracticeVersion
{
    public int Id { get; set; }

    public int PracticeId { get; set; }

    public int Number { get; set; }

    public DateTime SavedAtUtc { get; set; }

    public required string SavedBy { get; set; }

    /// <summary>The practice's editable content as JSON (<see cref="PracticeContent"/>).</summary>
    public required string Content { get; set; }
}

public sealed class PracticeComment
{
    public int Id { get; set; }

    public int PracticeId { get; set; }

    public required string AuthorId { get; set; }

    public required string AuthorName { get; set; }

    public int? AuthorRegionId { get; set; }

    public required string Text { get; set; }

    public DateTime AtUtc { get; set; }
}

/// <summary>"We adopted this": a region took the practice from its region of origin.</summary>
public sealed class PracticeAdoption
{
    public int Id { get; set; }

    public int PracticeId { get; set; }

    public int RegionId { get; set; }

    public required string AdoptedBy { get; set; }

    public string? Note { get; set; }

    public DateTime AtUtc { get; set; }
}

public sealed class PracticeAttachment
{
    public int Id { get; set; }

    public int PracticeId { get; set; }

    /// <summary>The sanitised name shown and offered on download.</summary>
    public required string FileName { get; set; }

    /// <summary>The file's name in the attachments folder (a random id; never derived from user input).</summary>
    public required string StoredName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>SHA-256 of the content, hex.</summary>
    public required string Sha256 { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime UploadedAtUtc { get; set; }
}

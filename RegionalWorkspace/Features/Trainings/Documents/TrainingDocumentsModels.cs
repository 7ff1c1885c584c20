using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Trainings.Documents;

/// <summary>The documents of a session a user can download.</summary>
public enum SessionDocument
{
    /// <summary>The attendance sheet (feuille d'émargement) to sign, as a PDF.</summary>
    AttendanceSheet,

    /// <summary>Certificates of attendance (attestations de participation), one A4 page per person present or late.</summary>
    Certificates,

    /// <summary>The attendance list as an Excel workbook.</summary>
    AttendanceXlsx,

    /// <summary>The attendance list as CSV (UTF-8 with BOM, RFC 4180).</summary>
    AttendanceCsv,
}

/// <summary>A region's name in both scripts.</summary>
public sealed record DocumentRegion(int Id, string NameFr, string NameAr)
{
    public string Name => Cultures.Pick(NameFr, NameAr);

    /// <summary>The name in the script the document is not written in.</summary>
    public string OtherName => Cultures.IsArabic ? NameFr : NameAr;
}

/// <summary>One registered participant and their mark, as the documents show them (times in Morocco time).</summary>
public sealed record DocumentParticipant(
    int ParticipantId,
    string FullName,
    string? Function,
    string? Organisation,
    string? Email,
    string? Phone,
    Gender Gender,
    DocumentRegion Region,
    ParticipantAudience Audience,
    bool IsWalkIn,
    AttendanceStatus? Status,
    string? Remark,
    string? MarkedBy,
    DateTime? MarkedAtLocal)
{
    /// <summary>Present or Late: the people a certificate is issued to.</summary>
    public bool Attended => Status is AttendanceStatus.Present or AttendanceStatus.Late;

    /// <summary>"Function, Organisation", either or both (empty when neither is known).</summary>
    public string Position => string.Join(", ", new[] { Function, Organisation }.Where(s => !string.IsNullOrWhiteSpace(s)));
}

/// <summary>Everything a session's documents say: the session's facts and its registered participants sorted by name.</summary>
public sealed record SessionDocumentData(
    int SessionId,
    string ProgrammeTitle,
    string? ProgrammeTitleAr,
    Organisers Organisers,
    TrainingAudience Audience,
    DateTime StartsAtLocal,
    DateTime EndsAtLocal,
    int DurationMinutes,
    string? Place,
    string? OnlineLink,
    bool IsCancelled,
    IReadOnlyList<DocumentRegion> Regions,
    IReadOnlyList<string> Trainers,
    IReadOnlyList<DocumentParticipant> Participants)
{
    /// <summary>The programme's title in the document's language (French when there is no Arabic title).</summary>
    public string Title => Cultures.Pick(ProgrammeTitle, ProgrammeTitleAr);

    /// <summary>The title in the other script, when there is one.</summary>
    public string? OtherTitle => string.IsNullOrWhiteSpace(ProgrammeTitleAr) ? null : Cultures.IsArabic ? ProgrammeTitle : ProgrammeTitleAr;

    public IEnumerable<DocumentParticipant> Attendees => Participants.Where(p => p.Attended);

    /// <summary>The organisers, one flag each, in the convention's order (ARM, DGCT, CESE).</summary>
    public IEnumerable<Organisers> OrganiserList => Enum.GetValues<Organisers>().Where(o => o != Organisers.None && Organisers.HasFlag(o));
}

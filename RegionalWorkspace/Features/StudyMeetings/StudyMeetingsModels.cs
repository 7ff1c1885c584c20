using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.Trainings;

namespace RegionalWorkspace.Features.StudyMeetings;

/// <summary>Upcoming meetings (not over yet, soonest first) or past ones (latest first), a page at a time.</summary>
public sealed class StudyMeetingQuery
{
    public bool Past { get; set; }

    /// <summary>Zero-based.</summary>
    public int Page { get; set; }

    public int PageSize { get; set; } = 20;
}

/// <summary>A study meeting as CESE staff schedule it: an approved publication, when, where, and the councils invited.</summary>
public sealed class StudyMeetingInput
{
    public const int MaxDuration = 12 * 60;

    public int? PublicationId { get; set; }

    /// <summary>Local date and time of the start (Morocco).</summary>
    public DateTime? StartsAt { get; set; }

    public int? DurationMinutes { get; set; } = 120;

    public string? Place { get; set; }

    public string? OnlineLink { get; set; }

    public List<int> RegionIds { get; set; } = [];

    public int Version { get; set; }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (PublicationId is null)
        {
            errors.Add(new(nameof(PublicationId), "Validation.Required"));
        }

        if (StartsAt is null)
        {
            errors.Add(new(nameof(StartsAt), "Validation.Required"));
        }
        else if (StartsAt.Value.Year is < 2000 or > 2100)
        {
            errors.Add(new(nameof(StartsAt), "Validation.DateRange"));
        }

        if (DurationMinutes is not (>= 15 and <= MaxDuration))
        {
            errors.Add(new(nameof(DurationMinutes), "Validation.Range", 15, MaxDuration));
        }

        InputRules.Text(errors, nameof(Place), Place, required: false, max: 300);
        InputRules.Url(errors, nameof(OnlineLink), OnlineLink, max: 500);

        if (string.IsNullOrWhiteSpace(Place) && string.IsNullOrWhiteSpace(OnlineLink))
        {
            errors.Add(new(nameof(Place), "Validation.PlaceOrLink"));
        }

        if (RegionIds.Count == 0)
        {
            errors.Add(new(nameof(RegionIds), "Validation.RegionsRequired"));
        }

        return errors;
    }
}

/// <summary>The minutes of a held meeting.</summary>
public sealed class MinutesInput
{
    public const int MaxLength = 20_000;

    public string? Minutes { get; set; }

    public int Version { get; set; }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        InputRules.Text(errors, nameof(Minutes), Minutes, required: false, max: MaxLength, multiline: true);
        return errors;
    }
}

/// <summary>A follow-up action decided at a meeting: what, who, by when (and, when a council owns it, which region).</summary>
public sealed class FollowUpInput
{
    public string Description { get; set; } = "";

    public string Owner { get; set; } = "";

    /// <summary>The owning region, among the invited ones; its officers may then update the status.</summary>
    public int? RegionId { get; set; }

    public DateTime? DueOn { get; set; }

    public FollowUpStatus? Status { get; set; } = FollowUpStatus.Open;

    public int Version { get; set; }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        InputRules.Text(errors, nameof(Description), Description, required: true, max: 2_000, multiline: true);
        InputRules.Text(errors, nameof(Owner), Owner, required: true, max: 200);
        InputRules.Date(errors, nameof(DueOn), DueOn is { } due ? DateOnly.FromDateTime(due) : null, required: true);
        InputRules.Defined(errors, nameof(Status), Status);
        return errors;
    }
}

public sealed record StudyMeetingRow(
    int Id,
    int PublicationId,
    string PublicationTitleFr,
    string PublicationTitleAr,
    PublicationKind PublicationKind,
    DateTime StartsAtUtc,
    int DurationMinutes,
    string? Place,
    string? OnlineLink,
    bool IsCancelled,
    IReadOnlyList<int> RegionIds,
    int Attended,
    int OpenActions,
    int Version)
{
    public DateTime EndsAtUtc => StartsAtUtc.AddMinutes(DurationMinutes);
}

public sealed record MeetingAttendanceRow(
    int Id,
    int ParticipantId,
    string FullName,
    string? Function,
    string? Organisation,
    int RegionId,
    ParticipantAudience Audience,
    AttendanceStatus? Status,
    string RecordedBy,
    DateTime RecordedAtUtc);

public sealed record FollowUpRow(
    int Id,
    string Description,
    string Owner,
    int? RegionId,
    DateOnly DueOn,
    FollowUpStatus Status,
    bool IsOverdue,
    string? UpdatedBy,
    DateTime UpdatedAtUtc,
    int Version);

public sealed record StudyMeetingDetail(
    StudyMeetingRow Row,
    string? Minutes,
    string? UpdatedBy,
    DateTime UpdatedAtUtc,
    IReadOnlyList<MeetingAttendanceRow> Attendance,
    IReadOnlyList<FollowUpRow> Actions);

/// <summary>A member of an invited council's participatory bodies, to add to the attendance.</summary>
public sealed record MeetingMemberChoice(int BodyMemberId, string FullName, string? Organisation, string BodyName, BodyKind BodyKind, int RegionId, bool AlreadyAdded);

/// <summary>An approved publication a meeting may present.</summary>
public sealed record PublicationChoice(int Id, string TitleFr, string TitleAr, int SessionNumber, DateOnly ApprovedOn);

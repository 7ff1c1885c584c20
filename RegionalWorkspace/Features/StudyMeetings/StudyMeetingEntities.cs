using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.Trainings;

namespace RegionalWorkspace.Features.StudyMeetings;

public enum FollowUpStatus
{
    Open,
    InProgress,
    Done,
    Cancelled,
}

/// <summary>A study meeting (C6): CESE presents an approved publication to the regional councils concerned.</summary>
public sealed class StudyMeeting : Editable
{
    public int Id { get; set; }

    public int PublicationId { get; set; }

    public Publication? Publication { get; set; }

    public DateTime StartsAtUtc { get; set; }

    public int DurationMinutes { get; set; }

    public string? Place { get; set; }

    public string? OnlineLink { get; set; }

    public string? Minutes { get; set; }

    public bool IsCancelled { get; set; }

    public List<StudyMeetingRegion> InvitedRegions { get; } = [];

    public List<StudyMeetingAttendance> Attendance { get; } = [];

    public List<FollowUpAction> Actions { get; } = [];
}

public sealed class StudyMeetingRegion
{
    public int StudyMeetingId { get; set; }

    public int RegionId { get; set; }
}

/// <summary>Who attended, with the trainings' participants and statuses (Present, Late, Excused, Absent).</summary>
public sealed class StudyMeetingAttendance
{
    public int Id { get; set; }

    public int StudyMeetingId { get; set; }

    public int ParticipantId { get; set; }

    public Participant? Participant { get; set; }

    public AttendanceStatus? Status { get; set; }

    public required string RecordedBy { get; set; }

    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>A follow-up action decided at a study meeting: an owner, a due date, a status.</summary>
public sealed class FollowUpAction : Editable
{
    public int Id { get; set; }

    public int StudyMeetingId { get; set; }

    public required string Description { get; set; }

    public required string Owner { get; set; }

    /// <summary>The region that owns it, when a regional council does.</summary>
    public int? RegionId { get; set; }

    public DateOnly DueOn { get; set; }

    public FollowUpStatus Status { get; set; }
}

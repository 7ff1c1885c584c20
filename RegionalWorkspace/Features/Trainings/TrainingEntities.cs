using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Regions;

namespace RegionalWorkspace.Features.Trainings;

/// <summary>The convention's parties that organise a programme (C2: ARM, DGCT and CESE together or apart).</summary>
[Flags]
public enum Organisers
{
    None = 0,
    Arm = 1,
    Dgct = 2,
    Cese = 4,
}

/// <summary>Who a training is for: council members, council staff, members of the consultative bodies.</summary>
[Flags]
public enum TrainingAudience
{
    None = 0,
    CouncilMembers = 1,
    CouncilStaff = 2,
    BodyMembers = 4,
}

/// <summary>One participant's audience (a single one of <see cref="TrainingAudience"/>).</summary>
public enum ParticipantAudience
{
    CouncilMember,
    CouncilStaff,
    BodyMember,
}

public enum RegistrationStatus
{
    Registered,
    Waitlisted,
    Cancelled,
}

public enum AttendanceStatus
{
    Present,
    Late,
    Excused,
    Absent,
}

public enum MarkSource
{
    Trainer,
    SelfCheckIn,
}

/// <summary>A training programme (C2): specialised trainings and joint workshops.</summary>
public sealed class TrainingProgramme : Editable
{
    public int Id { get; set; }

    public required string Title { get; set; }

    public string? TitleAr { get; set; }

    public required string Objectives { get; set; }

    public Organisers Organisers { get; set; }

    public TrainingAudience Audience { get; set; }

    /// <summary>Comma-separated themes.</summary>
    public string? Themes { get; set; }

    public List<TrainingSession> Sessions { get; } = [];
}

public sealed class TrainingSession : Editable
{
    public int Id { get; set; }

    public int ProgrammeId { get; set; }

    public TrainingProgramme? Programme { get; set; }

    public DateTime StartsAtUtc { get; set; }

    public int DurationMinutes { get; set; }

    public string? Place { get; set; }

    public string? OnlineLink { get; set; }

    public int Capacity { get; set; }

    /// <summary>A self check-in this many minutes after the start is marked Late.</summary>
    public int GraceMinutes { get; set; } = 15;

    public bool IsCancelled { get; set; }

    /// <summary>The secret the rotating check-in codes are derived from (never shown).</summary>
    public required string CheckInSecret { get; set; }

    /// <summary>Moved on by every registration change, so that concurrent registrations queue behind each other.</summary>
    public int RegistrationStamp { get; set; }

    public List<SessionRegion> Regions { get; } = [];

    public List<SessionTrainer> Trainers { get; } = [];

    public List<Registration> Registrations { get; } = [];

    public List<AttendanceMark> Marks { get; } = [];

    public DateTime EndsAtUtc => StartsAtUtc.AddMinutes(DurationMinutes);
}

public sealed class SessionRegion
{
    public int SessionId { get; set; }

    public int RegionId { get; set; }

    public Region? Region { get; set; }
}

public sealed class SessionTrainer
{
    public int SessionId { get; set; }

    public required string UserId { get; set; }
}

/// <summary>A person who takes part in trainings: a body member, or someone registered by name.</summary>
public sealed class Participant
{
    public int Id { get; set; }

    public required string FullName { get; set; }

    public string? Function { get; set; }

    public string? Organisation { get; set; }

    /// <summary>Lower-case; unique when present (it identifies the participant at check-in).</summary>
    public string? Email { get; set; }

    public string? Phone { get; set; }

    public Gender Gender { get; set; }

    public int RegionId { get; set; }

    public Region? Region { get; set; }

    public ParticipantAudience Audience { get; set; }

    public int? BodyMemberId { get; set; }

    /// <summary>A short personal code for check-in without an e-mail address (unique).</summary>
    public required string PersonalCode { get; set; }
}

public sealed class Registration
{
    public int Id { get; set; }

    public int SessionId { get; set; }

    public int ParticipantId { get; set; }

    public Participant? Participant { get; set; }

    public RegistrationStatus Status { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public required string RegisteredBy { get; set; }

    public DateTime? InvitedAtUtc { get; set; }

    public bool IsWalkIn { get; set; }
}

/// <summary>One participant's attendance at one session; every mark is saved at once.</summary>
public sealed class AttendanceMark
{
    public int Id { get; set; }

    public int SessionId { get; set; }

    public int ParticipantId { get; set; }

    public AttendanceStatus Status { get; set; }

    public string? Remark { get; set; }

    public MarkSource Source { get; set; }

    public required string MarkedBy { get; set; }

    public DateTime MarkedAtUtc { get; set; }
}

/// <summary>A participant's evaluation of a session: ratings from 1 to 5 and a comment.</summary>
public sealed class SessionEvaluation
{
    public int Id { get; set; }

    public int SessionId { get; set; }

    public int ParticipantId { get; set; }

    public int Content { get; set; }

    public int Trainer { get; set; }

    public int Organisation { get; set; }

    public string? Comment { get; set; }

    public DateTime SubmittedAtUtc { get; set; }
}

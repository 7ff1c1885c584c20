using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Regions;

namespace RegionalWorkspace.Features.Bodies;

/// <summary>The three consultative bodies of art. 117 of law 111-14, or another dialogue mechanism (art. 116).</summary>
public enum BodyKind
{
    EquityAndGender,
    Youth,
    EconomicActors,
    DialogueMechanism,
}

public enum BodyStatus
{
    Active,
    BeingFormed,
    Suspended,
}

public enum SeatType
{
    CivilSociety,
    EconomicActor,
    Expert,
    Academic,
    YouthRepresentative,
    CouncilMember,
    Other,
}

public enum Gender
{
    Female,
    Male,
}

public enum MeetingStatus
{
    Planned,
    Held,
    Cancelled,
}

public enum OutputKind
{
    Opinion,
    Recommendation,
}

public sealed class ParticipatoryBody : Editable
{
    public int Id { get; set; }

    public int RegionId { get; set; }

    public Region? Region { get; set; }

    public BodyKind Kind { get; set; }

    public required string NameFr { get; set; }

    public required string NameAr { get; set; }

    public BodyStatus Status { get; set; }

    public string? Description { get; set; }

    public List<BodyMember> Members { get; } = [];

    public List<BodyMeeting> Meetings { get; } = [];
}

public sealed class BodyMember : Editable
{
    public int Id { get; set; }

    public int BodyId { get; set; }

    public ParticipatoryBody? Body { get; set; }

    public required string FullName { get; set; }

    public string? FullNameAr { get; set; }

    public string? Organisation { get; set; }

    public SeatType SeatType { get; set; }

    public Gender Gender { get; set; }

    public DateOnly MandateStart { get; set; }

    public DateOnly? MandateEnd { get; set; }
}

public sealed class BodyMeeting : Editable
{
    public int Id { get; set; }

    public int BodyId { get; set; }

    public ParticipatoryBody? Body { get; set; }

    public DateOnly Date { get; set; }

    public MeetingStatus Status { get; set; }

    public required string Agenda { get; set; }

    public string? Minutes { get; set; }

    public List<BodyOutput> Outputs { get; } = [];
}

/// <summary>An opinion or recommendation a body addresses to the regional council, adopted at a meeting.</summary>
public sealed class BodyOutput
{
    public int Id { get; set; }

    public int MeetingId { get; set; }

    public OutputKind Kind { get; set; }

    public required string Title { get; set; }
}

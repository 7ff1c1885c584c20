using RegionalWorkspace.Features.Bodies;

namespace RegionalWorkspace.Features.Regions;

/// <summary>Meetings held in one month of the report's period (the chart's bars).</summary>
public sealed record MonthCount(int Year, int Month, int Meetings);

public sealed record ReportMember(string FullName, string? FullNameAr, string? Organisation, SeatType Seat, Gender Gender, DateOnly MandateStart, DateOnly? MandateEnd);

public sealed record ReportMeeting(DateOnly Date, string Agenda, string? Minutes, IReadOnlyList<OutputRow> Outputs);

public sealed record ReportBody(
    BodyKind Kind,
    string NameFr,
    string NameAr,
    BodyStatus Status,
    IReadOnlyList<ReportMember> Members,
    IReadOnlyList<SeatCount> BySeat,
    IReadOnlyList<ReportMeeting> MeetingsHeld)
{
    public int Women => Members.Count(m => m.Gender == Gender.Female);

    public int Men => Members.Count(m => m.Gender == Gender.Male);
}

/// <summary>Everything the region summary shows for one region and one period.</summary>
public sealed record RegionReport(
    string Code,
    string NameFr,
    string NameAr,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<ReportBody> Bodies,
    IReadOnlyList<MonthCount> MeetingsPerMonth,
    int MeetingsPlanned)
{
    public int Members => Bodies.Sum(b => b.Members.Count);

    public int Women => Bodies.Sum(b => b.Women);

    public int Men => Bodies.Sum(b => b.Men);

    public int MeetingsHeld => Bodies.Sum(b => b.MeetingsHeld.Count);

    public int Outputs => Bodies.Sum(b => b.MeetingsHeld.Sum(m => m.Outputs.Count));
}

/// <summary>A generated file, ready to download.</summary>
public sealed record GeneratedFile(string FileName, string ContentType, byte[] Content);

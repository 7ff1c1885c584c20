using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Bodies;

public sealed record BodyDetail(
    int Id,
    int RegionId,
    string RegionCode,
    string RegionNameFr,
    string RegionNameAr,
    BodyKind Kind,
    string NameFr,
    string NameAr,
    BodyStatus Status,
    string? Description,
    int Version,
    int Members,
    int Meetings);

public sealed record MemberRow(
    int Id,
    string FullName,
    string? FullNameAr,
    string? Organisation,
    SeatType SeatType,
    Gender Gender,
    DateOnly MandateStart,
    DateOnly? MandateEnd,
    int Version);

public sealed record OutputRow(OutputKind Kind, string Title);

public sealed record BodyOption(int Id, string NameFr, string NameAr);

public sealed record MeetingRow(int Id, DateOnly Date, MeetingStatus Status, string Agenda, string? Minutes, IReadOnlyList<OutputRow> Outputs, int Version);

public sealed class BodyInput
{
    public BodyKind? Kind { get; set; }

    public string NameFr { get; set; } = "";

    public string NameAr { get; set; } = "";

    public BodyStatus? Status { get; set; } = BodyStatus.Active;

    public string? Description { get; set; }

    public int Version { get; set; }

    public static BodyInput From(BodyDetail b) =>
        new() { Kind = b.Kind, NameFr = b.NameFr, NameAr = b.NameAr, Status = b.Status, Description = b.Description, Version = b.Version };

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        InputRules.Defined(errors, nameof(Kind), Kind);
        InputRules.Text(errors, nameof(NameFr), NameFr, required: true, max: 300);
        InputRules.Text(errors, nameof(NameAr), NameAr, required: true, max: 300);
        InputRules.Defined(errors, nameof(Status), Status);
        InputRules.Text(errors, nameof(Description), Description, required: false, max: 2000, multiline: true);
        return errors;
    }
}

public sealed class MemberInput
{
    public string FullName { get; set; } = "";

    public string? FullNameAr { get; set; }

    public string? Organisation { get; set; }

    public SeatType? SeatType { get; set; }

    public Gender? Gender { get; set; }

    public DateOnly? MandateStart { get; set; }

    public DateOnly? MandateEnd { get; set; }

    public int Version { get; set; }

    public static MemberInput From(MemberRow m) => new()
    {
        FullName = m.FullName,
        FullNameAr = m.FullNameAr,
        Organisation = m.Organisation,
        SeatType = m.SeatType,
        Gender = m.Gender,
        MandateStart = m.MandateStart,
        MandateEnd = m.MandateEnd,
        Version = m.Version,
    };

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        InputRules.Text(errors, nameof(FullName), FullName, required: true, max: 150);
        InputRules.Text(errors, nameof(FullNameAr), FullNameAr, required: false, max: 150);
        InputRules.Text(errors, nameof(Organisation), Organisation, required: false, max: 200);
        InputRules.Defined(errors, nameof(SeatType), SeatType);
        InputRules.Defined(errors, nameof(Gender), Gender);
        InputRules.Date(errors, nameof(MandateStart), MandateStart, required: true);
        InputRules.Date(errors, nameof(MandateEnd), MandateEnd, required: false);
        if (MandateStart is { } start && MandateEnd is { } end && end < start)
        {
            errors.Add(new(nameof(MandateEnd), "Validation.EndBeforeStart"));
        }

        return errors;
    }
}

public sealed class OutputInput
{
    public OutputKind? Kind { get; set; } = OutputKind.Recommendation;

    public string Title { get; set; } = "";
}

public sealed class MeetingInput
{
    public DateOnly? Date { get; set; }

    public MeetingStatus? Status { get; set; } = MeetingStatus.Planned;

    public string Agenda { get; set; } = "";

    public string? Minutes { get; set; }

    public List<OutputInput> Outputs { get; set; } = [];

    public int Version { get; set; }

    public static MeetingInput From(MeetingRow m) => new()
    {
        Date = m.Date,
        Status = m.Status,
        Agenda = m.Agenda,
        Minutes = m.Minutes,
        Outputs = m.Outputs.Select(o => new OutputInput { Kind = o.Kind, Title = o.Title }).ToList(),
        Version = m.Version,
    };

    public List<FieldError> Validate(DateOnly today)
    {
        var errors = new List<FieldError>();
        InputRules.Date(errors, nameof(Date), Date, required: true);
        InputRules.Defined(errors, nameof(Status), Status);
        InputRules.Text(errors, nameof(Agenda), Agenda, required: true, max: 4000, multiline: true);
        InputRules.Text(errors, nameof(Minutes), Minutes, required: false, max: 20000, multiline: true);
        if (Status == MeetingStatus.Held && Date > today)
        {
            errors.Add(new(nameof(Status), "Validation.HeldInFuture"));
        }

        if (Outputs.Count > 50)
        {
            errors.Add(new(nameof(Outputs), "Validation.TooMany", 50));
        }

        for (var i = 0; i < Outputs.Count; i++)
        {
            InputRules.Defined(errors, $"{nameof(Outputs)}[{i}].Kind", Outputs[i].Kind);
            InputRules.Text(errors, $"{nameof(Outputs)}[{i}].Title", Outputs[i].Title, required: true, max: 300);
        }

        return errors;
    }
}

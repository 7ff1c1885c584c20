using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Trainings;

namespace RegionalWorkspace.Features.SupportActions;

/// <summary>A support action as the dialog edits it.</summary>
public sealed class SupportActionInput
{
    /// <summary>A bound on the links one action carries (a dialog shows them all).</summary>
    public const int MaxLinks = 20;

    public int? RegionId { get; set; }

    public SupportTheme? Theme { get; set; }

    public SupportKind? Kind { get; set; }

    public string TitleFr { get; set; } = "";

    public string? TitleAr { get; set; }

    public string Description { get; set; } = "";

    public Organisers SupportedBy { get; set; }

    public SupportStatus Status { get; set; } = SupportStatus.Planned;

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public string? Outcome { get; set; }

    public List<int> PracticeIds { get; set; } = [];

    public List<int> BodyIds { get; set; } = [];

    public int Version { get; set; }

    /// <summary>The checks that need no database; the service adds those on regions, practices and bodies.</summary>
    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (RegionId is null)
        {
            errors.Add(new(nameof(RegionId), "Validation.Required"));
        }

        InputRules.Defined(errors, nameof(Theme), Theme);
        InputRules.Defined(errors, nameof(Kind), Kind);
        InputRules.Text(errors, nameof(TitleFr), TitleFr, required: true, max: SupportActionInputLimits.Title);
        InputRules.Text(errors, nameof(TitleAr), TitleAr, required: false, max: SupportActionInputLimits.Title);
        InputRules.Text(errors, nameof(Description), Description, required: true, max: SupportActionInputLimits.Description, multiline: true);
        if (SupportedBy == Organisers.None || ((int)SupportedBy & ~7) != 0)
        {
            errors.Add(new(nameof(SupportedBy), "Validation.SupportPartyRequired"));
        }

        InputRules.Defined(errors, nameof(Status), (SupportStatus?)Status);
        InputRules.Date(errors, nameof(StartsOn), StartsOn, required: true);
        InputRules.Date(errors, nameof(EndsOn), EndsOn, required: false);
        if (StartsOn is { } start && EndsOn is { } end && end < start)
        {
            errors.Add(new(nameof(EndsOn), "Validation.SupportEndBeforeStart"));
        }

        SupportActionRules.CheckOutcome(errors, Status, Outcome);
        if (PracticeIds.Distinct().Count() > MaxLinks)
        {
            errors.Add(new(nameof(PracticeIds), "Validation.TooManyLinks", MaxLinks));
        }

        if (BodyIds.Distinct().Count() > MaxLinks)
        {
            errors.Add(new(nameof(BodyIds), "Validation.TooManyLinks", MaxLinks));
        }

        return errors;
    }
}

/// <summary>A change of status, with the outcome a completed action needs.</summary>
public sealed class SupportStatusInput
{
    public SupportStatus Status { get; set; }

    public string? Outcome { get; set; }

    public int Version { get; set; }
}

/// <summary>Rules on status shared by the dialog's save and the status change.</summary>
public static class SupportActionRules
{
    public static void CheckOutcome(List<FieldError> errors, SupportStatus status, string? outcome)
    {
        InputRules.Text(errors, "Outcome", outcome, required: false, max: SupportActionInputLimits.Outcome, multiline: true);
        if (status == SupportStatus.Completed && string.IsNullOrWhiteSpace(outcome))
        {
            errors.Add(new("Outcome", "Validation.OutcomeRequired"));
        }
    }

    /// <summary>An action cannot be under way or done before it starts.</summary>
    public static void CheckStarted(List<FieldError> errors, SupportStatus status, DateOnly? startsOn, DateOnly today)
    {
        if (status is SupportStatus.InProgress or SupportStatus.Completed && startsOn is { } start && start > today)
        {
            errors.Add(new("Status", "Validation.SupportNotStarted"));
        }
    }
}

public sealed class SupportActionQuery
{
    public const int DefaultPageSize = 20;

    public int? RegionId { get; set; }

    public SupportTheme? Theme { get; set; }

    public SupportStatus? Status { get; set; }

    /// <summary>Actions this party took part in (alone or with others).</summary>
    public Organisers? Party { get; set; }

    public int? PracticeId { get; set; }

    public string? Text { get; set; }

    /// <summary>Zero-based.</summary>
    public int Page { get; set; }

    public int PageSize { get; set; } = DefaultPageSize;
}

public sealed record SupportActionRow(
    int Id, int RegionId, SupportTheme Theme, SupportKind Kind, string TitleFr, string? TitleAr, Organisers SupportedBy,
    SupportStatus Status, DateOnly StartsOn, DateOnly? EndsOn, int PracticeCount, int BodyCount, int Version);

public sealed record LinkedPractice(int Id, string Title, PracticeStatus Status, int RegionId);

public sealed record LinkedBody(int Id, string NameFr, string NameAr, BodyKind Kind);

public sealed record SupportActionDetail(
    int Id, int RegionId, SupportTheme Theme, SupportKind Kind, string TitleFr, string? TitleAr, string Description,
    Organisers SupportedBy, SupportStatus Status, DateOnly StartsOn, DateOnly? EndsOn, string? Outcome,
    IReadOnlyList<LinkedPractice> Practices, IReadOnlyList<LinkedBody> Bodies,
    string? CreatedBy, DateTime CreatedAtUtc, string? UpdatedBy, DateTime UpdatedAtUtc, int Version)
{
    public SupportActionInput ToInput() => new()
    {
        RegionId = RegionId,
        Theme = Theme,
        Kind = Kind,
        TitleFr = TitleFr,
        TitleAr = TitleAr,
        Description = Description,
        SupportedBy = SupportedBy,
        Status = Status,
        StartsOn = StartsOn,
        EndsOn = EndsOn,
        Outcome = Outcome,
        PracticeIds = Practices.Select(p => p.Id).ToList(),
        BodyIds = Bodies.Select(b => b.Id).ToList(),
        Version = Version,
    };
}

/// <summary>A practice offered when linking one to an action.</summary>
public sealed record PracticeChoice(int Id, string Title, int RegionId);

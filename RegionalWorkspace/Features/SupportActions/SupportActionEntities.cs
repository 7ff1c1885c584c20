using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Trainings;

namespace RegionalWorkspace.Features.SupportActions;

/// <summary>The regional question a support action helps to address with a participatory approach (C3).</summary>
public enum SupportTheme
{
    Economic,
    Social,
    Environmental,
}

/// <summary>What the convention's parties do for the region.</summary>
public enum SupportKind
{
    TechnicalAssistance,
    Coaching,
    Workshop,
    Diagnostic,
    ExchangeVisit,
}

public enum SupportStatus
{
    Planned,
    InProgress,
    Completed,
    Cancelled,
}

/// <summary>
/// A support action (C3): ARM, DGCT and/or CESE support one region in using participatory approaches on an economic,
/// social or environmental question, possibly drawing on shared practices and involving the region's bodies.
/// </summary>
public sealed class SupportAction : Editable
{
    public int Id { get; set; }

    public int RegionId { get; set; }

    public Region? Region { get; set; }

    public SupportTheme Theme { get; set; }

    public SupportKind Kind { get; set; }

    public required string TitleFr { get; set; }

    public string? TitleAr { get; set; }

    public required string Description { get; set; }

    /// <summary>The convention's parties giving the support (one or several).</summary>
    public Organisers SupportedBy { get; set; }

    public SupportStatus Status { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    /// <summary>What the action achieved; required once it is completed.</summary>
    public string? Outcome { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string? CreatedById { get; set; }

    public string? CreatedBy { get; set; }

    public List<SupportActionPractice> Practices { get; } = [];

    public List<SupportActionBody> Bodies { get; } = [];
}

/// <summary>A practice of the library the action draws on or spreads.</summary>
public sealed class SupportActionPractice
{
    public int SupportActionId { get; set; }

    public int PracticeId { get; set; }

    public Practice? Practice { get; set; }
}

/// <summary>A participatory body of the action's region involved in it.</summary>
public sealed class SupportActionBody
{
    public int SupportActionId { get; set; }

    public int BodyId { get; set; }

    public ParticipatoryBody? Body { get; set; }
}

/// <summary>Column lengths, shared by the model and the input validation.</summary>
public static class SupportActionInputLimits
{
    public const int Title = 300;

    public const int Description = 8_000;

    public const int Outcome = 8_000;
}

using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Studies;

public sealed class StudyRequestQuery
{
    public const int DefaultPageSize = 20;

    public StudyRequestStatus? Status { get; set; }

    public StudyScope? Scope { get; set; }

    public int? RegionId { get; set; }

    public StudyRequester? Requester { get; set; }

    /// <summary>Zero-based.</summary>
    public int Page { get; set; }

    public int PageSize { get; set; } = DefaultPageSize;
}

public sealed record StudyRequestRow(
    int Id, string Title, StudyScope Scope, StudyRequester Requester, string RequestedByName, StudyRequestStatus Status,
    DateTime SubmittedAtUtc, IReadOnlyList<int> RegionIds, int Version);

public sealed record StudyMilestoneRow(int Id, string Title, DateOnly DueOn, DateOnly? DoneOn);

public sealed record StudyHistoryRow(int Id, DateTime AtUtc, string ActorName, StudyRequestStatus? FromStatus, StudyRequestStatus ToStatus, string? Note);

public sealed record StudyAttachmentRow(int Id, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTime UploadedAtUtc);

/// <summary>A publication that answers the request.</summary>
public sealed record StudyPublicationRow(int Id, string TitleFr, string TitleAr);

public sealed record StudyRequestDetail(
    int Id,
    string Title,
    string Question,
    string Rationale,
    StudyScope Scope,
    StudyRequester Requester,
    string RequestedByUserId,
    string RequestedByName,
    string? DesiredTimeline,
    DateOnly? DesiredBy,
    StudyRequestStatus Status,
    CeseCommission? Commission,
    string? Rapporteur,
    string? DeclineReason,
    int? AssemblySessionNumber,
    DateOnly? AssemblyDate,
    DateTime SubmittedAtUtc,
    IReadOnlyList<int> RegionIds,
    IReadOnlyList<StudyMilestoneRow> Milestones,
    IReadOnlyList<StudyHistoryRow> History,
    IReadOnlyList<StudyAttachmentRow> Attachments,
    IReadOnlyList<StudyPublicationRow> Publications,
    int Version,
    string? UpdatedBy);

/// <summary>What a coordinator files (or edits while it is submitted).</summary>
public sealed class StudyRequestInput
{
    public string Title { get; set; } = "";

    public string Question { get; set; } = "";

    public string Rationale { get; set; } = "";

    public StudyScope? Scope { get; set; }

    public List<int> RegionIds { get; set; } = [];

    public string? DesiredTimeline { get; set; }

    public DateOnly? DesiredBy { get; set; }

    public int Version { get; set; }

    /// <param name="today">Today in Morocco: a desired date may not be earlier.</param>
    public List<FieldError> Validate(DateOnly today)
    {
        var errors = new List<FieldError>();
        InputRules.Text(errors, nameof(Title), Title, required: true, max: 300);
        InputRules.Text(errors, nameof(Question), Question, required: true, max: 4_000, multiline: true);
        InputRules.Text(errors, nameof(Rationale), Rationale, required: true, max: 8_000, multiline: true);
        InputRules.Defined(errors, nameof(Scope), Scope);
        if (RegionIds.Count == 0)
        {
            errors.Add(new(nameof(RegionIds), "Validation.RegionsRequired"));
        }

        InputRules.Text(errors, nameof(DesiredTimeline), DesiredTimeline, required: false, max: 300);
        InputRules.Date(errors, nameof(DesiredBy), DesiredBy, required: false);
        if (string.IsNullOrWhiteSpace(DesiredTimeline) && DesiredBy is null)
        {
            errors.Add(new(nameof(DesiredTimeline), "Validation.TimelineRequired"));
        }
        else if (DesiredBy is { } by && by < today && by.Year >= 1990)
        {
            errors.Add(new(nameof(DesiredBy), "Validation.DateInPast"));
        }

        return errors;
    }

    public StudyRequestInput Copy() => new()
    {
        Title = Title,
        Question = Question,
        Rationale = Rationale,
        Scope = Scope,
        RegionIds = [.. RegionIds],
        DesiredTimeline = DesiredTimeline,
        DesiredBy = DesiredBy,
        Version = Version,
    };
}

/// <summary>Accepting a request as a self-referral: the commission and the rapporteur it is assigned to.</summary>
public sealed class AcceptInput
{
    public CeseCommission? Commission { get; set; }

    public string? Rapporteur { get; set; }

    public string? Note { get; set; }

    public int Version { get; set; }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        InputRules.Defined(errors, nameof(Commission), Commission);
        InputRules.Text(errors, nameof(Rapporteur), Rapporteur, required: true, max: 150);
        InputRules.Text(errors, nameof(Note), Note, required: false, max: 2_000, multiline: true);
        return errors;
    }
}

public sealed class DeclineInput
{
    public string? Reason { get; set; }

    public int Version { get; set; }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        InputRules.Text(errors, nameof(Reason), Reason, required: true, max: 4_000, multiline: true);
        return errors;
    }
}

public sealed class MilestoneInput
{
    public string Title { get; set; } = "";

    public DateOnly? DueOn { get; set; }

    public List<FieldError> Validate(string prefix = "")
    {
        var errors = new List<FieldError>();
        InputRules.Text(errors, prefix + nameof(Title), Title, required: true, max: 300);
        InputRules.Date(errors, prefix + nameof(DueOn), DueOn, required: true);
        return errors;
    }
}

/// <summary>Starting the study: the milestones to add (with those already planned, at least one).</summary>
public sealed class StartInput
{
    public const int MaxMilestones = 30;

    public List<MilestoneInput> Milestones { get; set; } = [];

    public int Version { get; set; }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (Milestones.Count > MaxMilestones)
        {
            errors.Add(new(nameof(Milestones), "Validation.TooMany", MaxMilestones));
        }

        for (var i = 0; i < Milestones.Count; i++)
        {
            errors.AddRange(Milestones[i].Validate($"Milestones[{i}]."));
        }

        return errors;
    }
}

/// <summary>The General Assembly's adoption: its session number and date (not in the future).</summary>
public sealed class AdoptInput
{
    public int? SessionNumber { get; set; }

    public DateOnly? Date { get; set; }

    public int Version { get; set; }

    public List<FieldError> Validate(DateOnly today)
    {
        var errors = new List<FieldError>();
        if (SessionNumber is null)
        {
            errors.Add(new(nameof(SessionNumber), "Validation.Required"));
        }
        else if (SessionNumber is not (> 0 and <= 10_000))
        {
            errors.Add(new(nameof(SessionNumber), "Validation.Range", 1, 10_000));
        }

        InputRules.Date(errors, nameof(Date), Date, required: true);
        if (Date is { } date && date > today && date.Year <= 2100)
        {
            errors.Add(new(nameof(Date), "Validation.DateInFuture"));
        }

        return errors;
    }
}

public sealed class PublishInput
{
    /// <summary>The publication that answers the request, if recorded (it must answer no other request).</summary>
    public int? PublicationId { get; set; }

    public int Version { get; set; }
}

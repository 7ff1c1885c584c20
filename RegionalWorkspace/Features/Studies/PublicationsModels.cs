using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Studies;

/// <summary>Which publications to list: filters, and a page of <see cref="PageSize"/>.</summary>
public sealed class PublicationQuery
{
    public string? Text { get; set; }

    public PublicationKind? Kind { get; set; }

    public CeseCommission? Commission { get; set; }

    /// <summary>True: approved by the General Assembly only; false: awaiting approval only (CESE staff); null: all one may see.</summary>
    public bool? Approved { get; set; }

    /// <summary>Zero-based.</summary>
    public int Page { get; set; }

    public int PageSize { get; set; } = 20;
}

/// <summary>A publication's own fields, as CESE staff record them.</summary>
public sealed class PublicationInput
{
    public const int MaxTitle = 300;
    public const int MaxSummary = 8_000;

    public string TitleFr { get; set; } = "";

    public string TitleAr { get; set; } = "";

    public PublicationKind? Kind { get; set; }

    public CeseCommission? Commission { get; set; }

    /// <summary>The study request it answers (adopted or published), if any.</summary>
    public int? StudyRequestId { get; set; }

    public string? Summary { get; set; }

    public string? SummaryAr { get; set; }

    public int Version { get; set; }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        InputRules.Text(errors, nameof(TitleFr), TitleFr, required: true, max: MaxTitle);
        InputRules.Text(errors, nameof(TitleAr), TitleAr, required: true, max: MaxTitle);
        InputRules.Defined(errors, nameof(Kind), Kind);
        InputRules.Defined(errors, nameof(Commission), Commission);
        InputRules.Text(errors, nameof(Summary), Summary, required: false, max: MaxSummary, multiline: true);
        InputRules.Text(errors, nameof(SummaryAr), SummaryAr, required: false, max: MaxSummary, multiline: true);
        return errors;
    }
}

/// <summary>The General Assembly's approval of a publication: the session's number and the date of the vote.</summary>
public sealed class ApprovalInput
{
    public int? SessionNumber { get; set; }

    public DateTime? ApprovedOn { get; set; }

    public int Version { get; set; }

    /// <summary>Checks the input against <paramref name="today"/> (the workspace's local date).</summary>
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

        var day = ApprovedOn is { } on ? DateOnly.FromDateTime(on) : (DateOnly?)null;
        InputRules.Date(errors, nameof(ApprovedOn), day, required: true);
        if (day is { } d && d > today && !errors.Any(e => e.Field == nameof(ApprovedOn)))
        {
            errors.Add(new(nameof(ApprovedOn), "Validation.ApprovalInFuture"));
        }

        return errors;
    }
}

public sealed record PublicationRow(
    int Id,
    string TitleFr,
    string TitleAr,
    PublicationKind Kind,
    CeseCommission Commission,
    int? AssemblySessionNumber,
    DateOnly? AssemblyApprovedOn,
    bool HasDocument,
    int Version)
{
    public bool IsApproved => AssemblySessionNumber is not null && AssemblyApprovedOn is not null;
}

/// <summary>The study request a publication answers, when the reader may see it.</summary>
public sealed record AnsweredRequest(int Id, string Title, StudyRequestStatus Status);

/// <summary>A study meeting that presented (or will present) a publication.</summary>
public sealed record PresentingMeeting(int Id, DateTime StartsAtUtc, bool IsCancelled, IReadOnlyList<int> RegionIds);

public sealed record PublicationDetail(
    PublicationRow Row,
    int? StudyRequestId,
    AnsweredRequest? Request,
    string? Summary,
    string? SummaryAr,
    string? DocumentFileName,
    string? DocumentContentType,
    long? DocumentSize,
    string? UpdatedBy,
    DateTime UpdatedAtUtc,
    IReadOnlyList<PresentingMeeting> Meetings);

/// <summary>A study request a publication may answer: one the General Assembly adopted, or already published.</summary>
public sealed record StudyRequestChoice(int Id, string Title, StudyRequestStatus Status);

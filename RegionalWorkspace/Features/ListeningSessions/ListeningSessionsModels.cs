using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;

namespace RegionalWorkspace.Features.ListeningSessions;

/// <summary>Which sessions a list shows: those not over yet (soonest first), or those over (latest first).</summary>
public enum ListeningPeriod
{
    Upcoming,
    Past,
}

/// <summary>Where a session stands at a given moment.</summary>
public enum ListeningSessionState
{
    Upcoming,
    InProgress,
    Ended,
    Cancelled,
}

public sealed class ListeningSessionQuery
{
    public const int DefaultPageSize = 20;

    public ListeningPeriod Period { get; set; }

    public int? RegionId { get; set; }

    public string? Text { get; set; }

    /// <summary>Zero-based.</summary>
    public int Page { get; set; }

    public int PageSize { get; set; } = DefaultPageSize;
}

public sealed record ListeningSessionRow(
    int Id,
    string Topic,
    string? TopicAr,
    DateTime StartsAtUtc,
    int DurationMinutes,
    string? Place,
    string? OnlineLink,
    bool IsCancelled,
    IReadOnlyList<int> RegionIds,
    int Contributions)
{
    public DateTime EndsAtUtc => StartsAtUtc.AddMinutes(DurationMinutes);

    public ListeningSessionState StateAt(DateTime nowUtc) => ListeningRules.State(IsCancelled, StartsAtUtc, EndsAtUtc, nowUtc);
}

public sealed record InvitedBodyRow(int Id, int RegionId, string NameFr, string NameAr);

public sealed record ListeningParticipantRow(int Id, string FullName, string? Organisation, int? RegionId, Gender? Gender);

public sealed record ListeningSessionDetail(
    int Id,
    string Topic,
    string? TopicAr,
    string? Description,
    int? StudyRequestId,
    string? StudyRequestTitle,
    DateTime StartsAtUtc,
    int DurationMinutes,
    string? Place,
    string? OnlineLink,
    DateTime ContributionsCloseAtUtc,
    bool IsCancelled,
    string? Minutes,
    string? Synthesis,
    int? PublicationId,
    string? PublicationTitleFr,
    string? PublicationTitleAr,
    IReadOnlyList<int> RegionIds,
    IReadOnlyList<InvitedBodyRow> Bodies,
    IReadOnlyList<ListeningParticipantRow> Participants,
    int ContributionCount,
    int Version)
{
    public DateTime EndsAtUtc => StartsAtUtc.AddMinutes(DurationMinutes);

    public ListeningSessionState StateAt(DateTime nowUtc) => ListeningRules.State(IsCancelled, StartsAtUtc, EndsAtUtc, nowUtc);

    public bool ContributionsOpenAt(DateTime nowUtc) => ListeningRules.ContributionsOpen(IsCancelled, ContributionsCloseAtUtc, nowUtc);
}

/// <summary>The rules of time a session follows, shared by the service and the screens.</summary>
public static class ListeningRules
{
    public static ListeningSessionState State(bool cancelled, DateTime startsAtUtc, DateTime endsAtUtc, DateTime nowUtc) =>
        cancelled ? ListeningSessionState.Cancelled
        : nowUtc < startsAtUtc ? ListeningSessionState.Upcoming
        : nowUtc < endsAtUtc ? ListeningSessionState.InProgress
        : ListeningSessionState.Ended;

    /// <summary>Contributions open as soon as the session is organised and close at its closing time (or when it is cancelled).</summary>
    public static bool ContributionsOpen(bool cancelled, DateTime closeAtUtc, DateTime nowUtc) => !cancelled && nowUtc < closeAtUtc;
}

/// <summary>A session to organise or change. Times are Morocco local times.</summary>
public sealed class ListeningSessionInput
{
    public string Topic { get; set; } = "";

    public string? TopicAr { get; set; }

    public string? Description { get; set; }

    public int? StudyRequestId { get; set; }

    public DateTime? StartsAt { get; set; }

    public int? DurationMinutes { get; set; } = 180;

    public string? Place { get; set; }

    public string? OnlineLink { get; set; }

    public List<int> RegionIds { get; set; } = [];

    public List<int> BodyIds { get; set; } = [];

    /// <summary>When contributions close; null: at the session's end.</summary>
    public DateTime? ContributionsCloseAt { get; set; }

    public int Version { get; set; }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        InputRules.Text(errors, nameof(Topic), Topic, required: true, max: 300);
        InputRules.Text(errors, nameof(TopicAr), TopicAr, required: false, max: 300);
        InputRules.Text(errors, nameof(Description), Description, required: false, max: 4_000, multiline: true);
        if (StartsAt is null)
        {
            errors.Add(new(nameof(StartsAt), "Validation.Required"));
        }
        else if (StartsAt.Value.Year is < 2000 or > 2100)
        {
            errors.Add(new(nameof(StartsAt), "Validation.DateRange"));
        }

        if (DurationMinutes is not (>= 15 and <= 24 * 60))
        {
            errors.Add(new(nameof(DurationMinutes), "Validation.Range", 15, 24 * 60));
        }

        InputRules.Text(errors, nameof(Place), Place, required: false, max: 300);
        InputRules.Url(errors, nameof(OnlineLink), OnlineLink, max: 500, requireHost: true);

        if (string.IsNullOrWhiteSpace(Place) && string.IsNullOrWhiteSpace(OnlineLink))
        {
            errors.Add(new(nameof(Place), "Validation.PlaceOrLink"));
        }

        if (RegionIds.Count == 0)
        {
            errors.Add(new(nameof(RegionIds), "Validation.RegionsRequired"));
        }

        if (ContributionsCloseAt is { Year: < 2000 or > 2100 })
        {
            errors.Add(new(nameof(ContributionsCloseAt), "Validation.DateRange"));
        }

        return errors;
    }
}

/// <summary>Someone who took part in a session.</summary>
public sealed class ListeningParticipantInput
{
    public string FullName { get; set; } = "";

    public string? Organisation { get; set; }

    public int? RegionId { get; set; }

    public Gender? Gender { get; set; }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        InputRules.Text(errors, nameof(FullName), FullName, required: true, max: 150);
        InputRules.Text(errors, nameof(Organisation), Organisation, required: false, max: 200);
        if (Gender is { } gender && !Enum.IsDefined(gender))
        {
            errors.Add(new(nameof(Gender), "Validation.Choose"));
        }

        return errors;
    }
}

/// <summary>The minutes and the synthesis of a session, written once it has started.</summary>
public sealed class ListeningRecordInput
{
    public const int MaxLength = 20_000;

    public string? Minutes { get; set; }

    public string? Synthesis { get; set; }

    public int Version { get; set; }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        InputRules.Text(errors, nameof(Minutes), Minutes, required: false, max: MaxLength, multiline: true);
        InputRules.Text(errors, nameof(Synthesis), Synthesis, required: false, max: MaxLength, multiline: true);
        return errors;
    }
}

/// <summary>The publication that came out of a session (none: null).</summary>
public sealed class ListeningPublicationInput
{
    public int? PublicationId { get; set; }

    public int Version { get; set; }

    public List<FieldError> Validate() => [];
}

/// <summary>A contribution: its text, and on whose behalf (null: the regional council; else one of the invited bodies of one's region).</summary>
public sealed class ContributionInput
{
    public const int MaxTextLength = 10_000;

    public string Text { get; set; } = "";

    public int? BodyId { get; set; }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        InputRules.Text(errors, nameof(Text), Text, required: true, max: MaxTextLength, multiline: true);
        return errors;
    }
}

/// <summary>A file sent with a contribution; <see cref="OpenRead"/> is called once, and the stream disposed by the service.</summary>
public sealed record ContributionUpload(string FileName, Func<Stream> OpenRead);

public sealed record ContributionFileRow(int Id, string FileName, string ContentType, long Size, string Sha256, DateTime UploadedAtUtc);

public sealed record ContributionRow(
    int Id,
    int RegionId,
    int? BodyId,
    string? BodyNameFr,
    string? BodyNameAr,
    string AuthorId,
    string AuthorName,
    string Text,
    DateTime CreatedAtUtc,
    IReadOnlyList<ContributionFileRow> Files);

public sealed record StudyRequestChoice(int Id, string Title, StudyRequestStatus Status);

public sealed record PublicationChoice(int Id, string TitleFr, string TitleAr, PublicationKind Kind);

public sealed record BodyChoice(int Id, int RegionId, string NameFr, string NameAr);

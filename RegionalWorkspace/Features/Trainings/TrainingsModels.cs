using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Trainings;

public sealed class ProgrammeInput
{
    public string Title { get; set; } = "";

    public string? TitleAr { get; set; }

    public string Objectives { get; set; } = "";

    public Organisers Organisers { get; set; }

    public TrainingAudience Audience { get; set; }

    public string? Themes { get; set; }

    public int Version { get; set; }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        InputRules.Text(errors, nameof(Title), Title, required: true, max: 200);
        InputRules.Text(errors, nameof(TitleAr), TitleAr, required: false, max: 200);
        InputRules.Text(errors, nameof(Objectives), Objectives, required: true, max: 4_000, multiline: true);
        InputRules.Text(errors, nameof(Themes), Themes, required: false, max: 400);
        if (Organisers == Organisers.None || ((int)Organisers & ~7) != 0)
        {
            errors.Add(new(nameof(Organisers), "Validation.OrganiserRequired"));
        }

        if (Audience == TrainingAudience.None || ((int)Audience & ~7) != 0)
        {
            errors.Add(new(nameof(Audience), "Validation.AudienceRequired"));
        }

        return errors;
    }
}

public sealed class SessionInput
{
    public const int MaxCapacity = 2_000;

    /// <summary>Local date and time of the start (Morocco).</summary>
    public DateTime? StartsAt { get; set; }

    public int? DurationMinutes { get; set; } = 180;

    public string? Place { get; set; }

    public string? OnlineLink { get; set; }

    public int? Capacity { get; set; } = 30;

    public int? GraceMinutes { get; set; } = 15;

    public List<int> RegionIds { get; set; } = [];

    public List<string> TrainerIds { get; set; } = [];

    public int Version { get; set; }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
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

        if (Capacity is not (>= 1 and <= MaxCapacity))
        {
            errors.Add(new(nameof(Capacity), "Validation.Range", 1, MaxCapacity));
        }

        if (GraceMinutes is not (>= 0 and <= 240))
        {
            errors.Add(new(nameof(GraceMinutes), "Validation.Range", 0, 240));
        }

        InputRules.Text(errors, nameof(Place), Place, required: false, max: 300);
        InputRules.Url(errors, nameof(OnlineLink), OnlineLink, max: 500);

        if (string.IsNullOrWhiteSpace(Place) && string.IsNullOrWhiteSpace(OnlineLink))
        {
            errors.Add(new(nameof(Place), "Validation.PlaceOrLink"));
        }

        if (RegionIds.Count == 0)
        {
            errors.Add(new(nameof(RegionIds), "Validation.RegionsRequired"));
        }

        return errors;
    }
}

/// <summary>A new participant, registered by name (or a walk-in).</summary>
public sealed class ParticipantInput
{
    public string FullName { get; set; } = "";

    public string? Function { get; set; }

    public string? Organisation { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public Gender? Gender { get; set; }

    public ParticipantAudience? Audience { get; set; }

    public int? RegionId { get; set; }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        InputRules.Text(errors, nameof(FullName), FullName, required: true, max: 150);
        InputRules.Text(errors, nameof(Function), Function, required: false, max: 150);
        InputRules.Text(errors, nameof(Organisation), Organisation, required: false, max: 200);
        InputRules.Defined(errors, nameof(Gender), Gender);
        InputRules.Defined(errors, nameof(Audience), Audience);
        if (RegionId is null)
        {
            errors.Add(new(nameof(RegionId), "Validation.Required"));
        }

        if (!string.IsNullOrWhiteSpace(Email)
            && (Email.Trim().Length > 256 || !System.Net.Mail.MailAddress.TryCreate(Email.Trim(), out var parsed) || parsed.Address != Email.Trim()))
        {
            errors.Add(new(nameof(Email), "Validation.Email"));
        }

        if (!string.IsNullOrWhiteSpace(Phone) && (Phone.Trim().Length > 40 || !Phone.Trim().All(c => char.IsDigit(c) || c is '+' or ' ' or '-' or '.' or '(' or ')')))
        {
            errors.Add(new(nameof(Phone), "Validation.Phone"));
        }

        return errors;
    }
}

public sealed record ProgrammeRow(
    int Id,
    string Title,
    string? TitleAr,
    string Objectives,
    Organisers Organisers,
    TrainingAudience Audience,
    string? Themes,
    int Version,
    int Sessions);

public sealed record SessionRow(
    int Id,
    int ProgrammeId,
    string ProgrammeTitle,
    string? ProgrammeTitleAr,
    DateTime StartsAtUtc,
    int DurationMinutes,
    string? Place,
    string? OnlineLink,
    int Capacity,
    int GraceMinutes,
    bool IsCancelled,
    IReadOnlyList<int> RegionIds,
    IReadOnlyList<string> TrainerIds,
    IReadOnlyList<string> TrainerNames,
    int Registered,
    int Waitlisted,
    int Version);

public sealed record RegistrationRow(
    int Id,
    int ParticipantId,
    string FullName,
    string? Function,
    string? Organisation,
    string? Email,
    Gender Gender,
    int RegionId,
    ParticipantAudience Audience,
    string PersonalCode,
    RegistrationStatus Status,
    int? WaitlistPosition,
    bool IsWalkIn,
    DateTime CreatedAtUtc);

/// <summary>One line of a trainer's board: a participant and their mark (if any).</summary>
public sealed record RosterRow(
    int ParticipantId,
    string FullName,
    string? Organisation,
    int RegionId,
    Gender Gender,
    ParticipantAudience Audience,
    bool IsWalkIn,
    AttendanceStatus? Status,
    string? Remark,
    MarkSource? Source,
    string? MarkedBy,
    DateTime? MarkedAtUtc);

public sealed record StatusCount(AttendanceStatus? Status, int Count);

/// <summary>Attendance counted by status, and present people (Present or Late) by region, gender and audience.</summary>
public sealed record AttendanceSummary(
    int Expected,
    IReadOnlyList<StatusCount> ByStatus,
    IReadOnlyDictionary<int, int> AttendedByRegion,
    IReadOnlyDictionary<Gender, int> AttendedByGender,
    IReadOnlyDictionary<ParticipantAudience, int> AttendedByAudience)
{
    public int Count(AttendanceStatus? status) => ByStatus.FirstOrDefault(s => s.Status == status)?.Count ?? 0;

    public int Attended => Count(AttendanceStatus.Present) + Count(AttendanceStatus.Late);
}

public sealed record MemberChoice(int BodyMemberId, string FullName, string? Organisation, string BodyName, bool AlreadyRegistered);

public sealed record TrainerChoice(string Id, string DisplayName);

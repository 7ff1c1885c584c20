namespace RegionalWorkspace.Features.Trainings.CheckIn;

/// <summary>Why a check-in was refused (nothing was changed).</summary>
public enum CheckInRefusal
{
    Missing,
    TooManyAttempts,
    TooManyFailures,
    SessionNotFound,
    SessionCancelled,
    NotOpenYet,
    Closed,
    CodeExpired,
    CodeWrong,
    UnknownParticipant,
    NotRegistered,
    Waitlisted,
    RegistrationCancelled,
    AlreadyPresent,
    AlreadyLate,
    Excused,
}

/// <summary>
/// The outcome of a check-in: marked <see cref="Status"/> at <see cref="MarkedAtUtc"/>, or refused. Either way
/// <see cref="MessageKey"/> (a localiser key) and <see cref="Arguments"/> say it to the participant.
/// </summary>
public sealed record CheckInResult(CheckInRefusal? Refusal, string MessageKey, IReadOnlyList<object> Arguments, string? ParticipantName = null, AttendanceStatus? Status = null, DateTime? MarkedAtUtc = null)
{
    public bool Succeeded => Refusal is null;

    public static CheckInResult Refused(CheckInRefusal refusal, params object[] arguments) => new(refusal, $"CheckIn.Refused.{refusal}", arguments);
}

/// <summary>What the participant's page shows about a session (anonymous: no roster, no secret).</summary>
public sealed record CheckInSessionCard(
    int Id,
    string Title,
    string? TitleAr,
    DateTime StartsAtUtc,
    DateTime EndsAtUtc,
    string? Place,
    bool IsCancelled,
    DateTime OpensAtUtc);

/// <summary>The projector's figures: people marked Present or Late, among those registered.</summary>
public sealed record ProjectorView(CheckInSessionCard Session, int Attended, int Registered);

namespace RegionalWorkspace.Features.Trainings.CheckIn;

/// <summary>Self check-in settings (section <c>Trainings:CheckIn</c>). The grace period is per session (<see cref="TrainingSession.GraceMinutes"/>).</summary>
public sealed class CheckInOptions
{
    public const string Section = "Trainings:CheckIn";

    /// <summary>Check-in opens this many minutes before the start (and closes at the session's end).</summary>
    public int OpensBeforeMinutes { get; set; } = 30;

    /// <summary>
    /// A code stays accepted this long after it left the screen. A participant who scans the QR code just before it
    /// rotates still has a minute to type their e-mail on a phone; a photo of the screen sent outside the room is
    /// useless a minute and a half later at most.
    /// </summary>
    public int CodeToleranceSeconds { get; set; } = 60;

    /// <summary>Check-in attempts accepted per minute from one network address (a whole room may share one).</summary>
    public int AttemptsPerMinute { get; set; } = 600;

    /// <summary>Failed identifications (wrong code, unknown e-mail or personal code) allowed per session and address per window.</summary>
    public int FailuresPerWindow { get; set; } = 50;

    public int FailureWindowMinutes { get; set; } = 10;
}

using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.Trainings.Evaluation;

/// <summary>
/// Session evaluations. Participants are not workspace users: they answer an anonymous form, naming themselves by the
/// e-mail address they were registered with or their personal code. The form takes answers from the session's start
/// until <see cref="OpenDaysAfterEnd"/> days after its end, only from people marked Present or Late, once per person
/// (a second answer is refused, not merged). Results are read by every signed-in user, per session and per programme;
/// comments are shown without names.
/// </summary>
public sealed class EvaluationService : IDisposable
{
    public const int OpenDaysAfterEnd = 30;

    private readonly IDbContextFactory<AppDbContext> _dbFactory;
    private readonly AccessControl _access;
    private readonly IWorkspaceBus _bus;
    private readonly TimeProvider _clock;
    private readonly PartitionedRateLimiter<string> _attempts;

    public EvaluationService(IDbContextFactory<AppDbContext> dbFactory, AccessControl access, IWorkspaceBus bus, TimeProvider clock, IConfiguration configuration)
    {
        (_dbFactory, _access, _bus, _clock) = (dbFactory, access, bus, clock);
        // Per client address: a room of participants often shares one address (the venue's Wi-Fi), hence a generous default.
        var perMinute = Math.Max(1, configuration.GetValue("Evaluation:AttemptsPerMinute", 60));
        _attempts = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    /// <summary>The session the anonymous form is for, and whether it takes answers now; null when there is no such session.</summary>
    public async Task<EvaluationForm?> FormAsync(int sessionId, CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var session = await db.TrainingSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.Id, s.Programme!.Title, s.Programme.TitleAr, s.StartsAtUtc, s.DurationMinutes, s.Place, s.IsCancelled })
            .FirstOrDefaultAsync(ct);
        if (session is null)
        {
            return null;
        }

        var closes = ClosesAt(session.StartsAtUtc, session.DurationMinutes);
        return new EvaluationForm(session.Id, session.Title, session.TitleAr, session.StartsAtUtc, session.Place,
            WindowOf(session.IsCancelled, session.StartsAtUtc, closes), closes);
    }

    /// <summary>
    /// Saves one participant's answer. <paramref name="clientKey"/> identifies the sender (their address) for the limit on
    /// attempts. Every refusal is a <see cref="ValidationFailedException"/> and leaves nothing changed.
    /// </summary>
    public async Task SubmitAsync(int sessionId, EvaluationInput input, string clientKey, CancellationToken ct = default)
    {
        using (var lease = _attempts.AttemptAcquire(clientKey))
        {
            if (!lease.IsAcquired)
            {
                throw Refused("", "Evaluation.TooManyAttempts");
            }
        }

        InputRules.ThrowIfAny(input.Validate());
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var session = await db.TrainingSessions.AsNoTracking().Include(s => s.Regions).FirstOrDefaultAsync(s => s.Id == sessionId, ct)
            ?? throw new NotFoundException("Evaluation.SessionNotFound");
        var closes = ClosesAt(session.StartsAtUtc, session.DurationMinutes);
        switch (WindowOf(session.IsCancelled, session.StartsAtUtc, closes))
        {
            case EvaluationWindow.Cancelled:
                throw Refused("", "Evaluation.Cancelled");
            case EvaluationWindow.NotYet:
                throw Refused("", "Evaluation.NotYet");
            case EvaluationWindow.Closed:
                throw Refused("", "Evaluation.Closed");
        }

        var participantId = await FindAttendeeAsync(db, sessionId, input.Identifier!, ct);
        if (await db.SessionEvaluations.AnyAsync(e => e.SessionId == sessionId && e.ParticipantId == participantId, ct))
        {
            throw Refused("", "Evaluation.AlreadyAnswered");
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        db.SessionEvaluations.Add(new SessionEvaluation
        {
            SessionId = sessionId,
            ParticipantId = participantId,
            Content = input.Content!.Value,
            Trainer = input.Trainer!.Value,
            Organisation = input.Organisation!.Value,
            Comment = InputRules.Clean(input.Comment),
            SubmittedAtUtc = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same person sent the form twice at once (two tabs): the unique index kept the first.
            throw Refused("", "Evaluation.AlreadyAnswered");
        }

        // Straight onto the bus, not into the activity feed: answers are anonymous and would flood it.
        await _bus.PublishAsync(new WorkspaceEvent(
            Guid.NewGuid(), Capability.Trainings, "Evaluation", sessionId, session.Regions.Select(r => (int?)r.RegionId).FirstOrDefault(),
            ChangeKind.Created, "", "", 0, now, session.StartsAtUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            $"/trainings/sessions/{sessionId}", TrainingsService.SessionKey(sessionId), Audience.SignedIn));
    }

    public async Task<EvaluationSummary> SessionSummaryAsync(ClaimsPrincipal principal, int sessionId, CancellationToken ct = default)
    {
        await _access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        if (!await db.TrainingSessions.AnyAsync(s => s.Id == sessionId, ct))
        {
            throw new NotFoundException("Evaluation.SessionNotFound");
        }

        var (answers, attendees) = await ReadAsync(db, [sessionId], ct);
        return Summarise(answers, attendees.Values.Sum());
    }

    public async Task<ProgrammeEvaluationSummary> ProgrammeSummaryAsync(ClaimsPrincipal principal, int programmeId, CancellationToken ct = default)
    {
        await _access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        if (!await db.TrainingProgrammes.AnyAsync(p => p.Id == programmeId, ct))
        {
            throw new NotFoundException("Evaluation.ProgrammeNotFound");
        }

        var sessions = await db.TrainingSessions.AsNoTracking().Where(s => s.ProgrammeId == programmeId).OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.StartsAtUtc, s.Place, s.IsCancelled }).ToListAsync(ct);
        var (answers, attendees) = await ReadAsync(db, sessions.Select(s => s.Id).ToList(), ct);
        var lines = sessions.Select(s =>
        {
            var mine = answers.Where(a => a.SessionId == s.Id).ToList();
            return new SessionEvaluationLine(s.Id, s.StartsAtUtc, s.Place, s.IsCancelled, mine.Count, attendees.GetValueOrDefault(s.Id),
                Average(mine, a => a.Content), Average(mine, a => a.Trainer), Average(mine, a => a.Organisation));
        }).ToList();
        return new ProgrammeEvaluationSummary(Summarise(answers, attendees.Values.Sum()), lines);
    }

    public void Dispose() => _attempts.Dispose();

    /// <summary>The participant named by <paramref name="identifier"/>, if registered for the session and marked Present or Late.</summary>
    private static async Task<int> FindAttendeeAsync(AppDbContext db, int sessionId, string identifier, CancellationToken ct)
    {
        var text = identifier.Trim();
        int? participantId;
        if (text.Contains('@', StringComparison.Ordinal))
        {
            var email = text.ToLowerInvariant();
            participantId = await db.Participants.Where(p => p.Email == email).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        }
        else
        {
            var code = new string(text.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
            participantId = await db.Participants.Where(p => p.PersonalCode == code).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        }

        if (participantId is null
            || !await db.Registrations.AnyAsync(r => r.SessionId == sessionId && r.ParticipantId == participantId && r.Status == RegistrationStatus.Registered, ct))
        {
            throw Refused(nameof(EvaluationInput.Identifier), "Evaluation.NotRecognised");
        }

        if (!await db.AttendanceMarks.AnyAsync(m => m.SessionId == sessionId && m.ParticipantId == participantId
            && (m.Status == AttendanceStatus.Present || m.Status == AttendanceStatus.Late), ct))
        {
            throw Refused(nameof(EvaluationInput.Identifier), "Evaluation.NotAttended");
        }

        return participantId.Value;
    }

    /// <summary>The answers of <paramref name="sessionIds"/>, and their attendees (registered, marked Present or Late) per session.</summary>
    private static async Task<(List<Answer> Answers, Dictionary<int, int> Attendees)> ReadAsync(AppDbContext db, List<int> sessionIds, CancellationToken ct)
    {
        var answers = await db.SessionEvaluations.AsNoTracking().Where(e => sessionIds.Contains(e.SessionId))
            .Join(db.TrainingSessions, e => e.SessionId, s => s.Id, (e, s) => new Answer(e.SessionId, s.StartsAtUtc, e.Content, e.Trainer, e.Organisation, e.Comment, e.SubmittedAtUtc))
            .ToListAsync(ct);
        var attendees = await db.Registrations.AsNoTracking()
            .Where(r => sessionIds.Contains(r.SessionId) && r.Status == RegistrationStatus.Registered)
            .Where(r => db.AttendanceMarks.Any(m => m.SessionId == r.SessionId && m.ParticipantId == r.ParticipantId
                && (m.Status == AttendanceStatus.Present || m.Status == AttendanceStatus.Late)))
            .GroupBy(r => r.SessionId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return (answers, attendees);
    }

    private static EvaluationSummary Summarise(List<Answer> answers, int attendees) => new(
        answers.Count,
        attendees,
        CriterionSummary.Of(answers.Select(a => a.Content).ToList()),
        CriterionSummary.Of(answers.Select(a => a.Trainer).ToList()),
        CriterionSummary.Of(answers.Select(a => a.Organisation).ToList()),
        answers.Where(a => a.Comment is not null).OrderByDescending(a => a.SubmittedAtUtc)
            .Select(a => new EvaluationComment(a.SessionId, a.SessionStartsAtUtc, a.SubmittedAtUtc, a.Comment!)).ToList());

    private static double? Average(List<Answer> answers, Func<Answer, int> criterion) =>
        answers.Count == 0 ? null : Math.Round(answers.Average(criterion), 2);

    private static DateTime ClosesAt(DateTime startsAtUtc, int durationMinutes) => startsAtUtc.AddMinutes(durationMinutes).AddDays(OpenDaysAfterEnd);

    private EvaluationWindow WindowOf(bool isCancelled, DateTime startsAtUtc, DateTime closesAtUtc)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return isCancelled ? EvaluationWindow.Cancelled
            : now < startsAtUtc ? EvaluationWindow.NotYet
            : now > closesAtUtc ? EvaluationWindow.Closed
            : EvaluationWindow.Open;
    }

    private static ValidationFailedException Refused(string field, string key) => new([new FieldError(field, key)]);

    private sealed record Answer(int SessionId, DateTime SessionStartsAtUtc, int Content, int Trainer, int Organisation, string? Comment, DateTime SubmittedAtUtc);
}

using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Trainings.CheckIn;

/// <summary>
/// Self check-in: a participant (not a workspace user) gives the code on the projector and their registered e-mail or
/// personal code, and is marked Present, or Late once the session's grace period is over. Every refusal says why and
/// changes nothing. A mark already there is never overwritten by a check-in, except Absent (often set in bulk by "mark
/// the rest absent" before a latecomer arrives); Excused is a trainer's deliberate decision and stays until the trainer
/// changes it.
/// </summary>
public sealed class CheckInService(
    IDbContextFactory<AppDbContext> dbFactory,
    CheckInCodes codes,
    CheckInLimiter limiter,
    AttendanceService attendance,
    WorkspaceTime time,
    IOptions<CheckInOptions> options,
    TimeProvider clock)
{
    /// <summary>The activity feed's "who" for check-ins (not a workspace account).</summary>
    public const string ActorId = "self-check-in";

    private const int MaxIdentifier = 256;

    /// <summary>The session as the participant's page shows it; null if there is none.</summary>
    public async Task<CheckInSessionCard?> SessionAsync(int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CardAsync(db, sessionId, ct);
    }

    /// <summary>The check-in itself; <paramref name="client"/> is the caller's network address (for the attempt bounds).</summary>
    public async Task<CheckInResult> CheckInAsync(int sessionId, string? code, string? identifier, string client, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(identifier))
        {
            return CheckInResult.Refused(CheckInRefusal.Missing);
        }

        if (!limiter.TryAttempt(client))
        {
            return CheckInResult.Refused(CheckInRefusal.TooManyAttempts);
        }

        if (limiter.FailuresExhausted(sessionId, client))
        {
            return CheckInResult.Refused(CheckInRefusal.TooManyFailures, (int)limiter.FailureWindow.TotalMinutes);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.TrainingSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.StartsAtUtc, s.DurationMinutes, s.GraceMinutes, s.IsCancelled, s.CheckInSecret })
            .FirstOrDefaultAsync(ct);
        if (session is null)
        {
            limiter.RecordFailure(sessionId, client);
            return CheckInResult.Refused(CheckInRefusal.SessionNotFound);
        }

        if (session.IsCancelled)
        {
            return CheckInResult.Refused(CheckInRefusal.SessionCancelled);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var opensAt = session.StartsAtUtc.AddMinutes(-OpensBeforeMinutes);
        var endsAt = session.StartsAtUtc.AddMinutes(session.DurationMinutes);
        if (now < opensAt)
        {
            return CheckInResult.Refused(CheckInRefusal.NotOpenYet, Clock(opensAt), OpensBeforeMinutes);
        }

        if (now >= endsAt)
        {
            return CheckInResult.Refused(CheckInRefusal.Closed, Clock(endsAt));
        }

        switch (codes.Check(session.CheckInSecret, code))
        {
            case CodeCheck.Expired:
                return CheckInResult.Refused(CheckInRefusal.CodeExpired);
            case CodeCheck.Wrong:
                limiter.RecordFailure(sessionId, client);
                return CheckInResult.Refused(CheckInRefusal.CodeWrong);
        }

        var participant = await FindParticipantAsync(db, identifier, ct);
        if (participant is null)
        {
            limiter.RecordFailure(sessionId, client);
            return CheckInResult.Refused(CheckInRefusal.UnknownParticipant);
        }

        var registration = await db.Registrations.AsNoTracking()
            .Where(r => r.SessionId == sessionId && r.ParticipantId == participant.Id)
            .Select(r => (RegistrationStatus?)r.Status).FirstOrDefaultAsync(ct);
        switch (registration)
        {
            case null:
                return CheckInResult.Refused(CheckInRefusal.NotRegistered);
            case RegistrationStatus.Waitlisted:
                return CheckInResult.Refused(CheckInRefusal.Waitlisted);
            case RegistrationStatus.Cancelled:
                return CheckInResult.Refused(CheckInRefusal.RegistrationCancelled);
        }

        var status = now <= session.StartsAtUtc.AddMinutes(session.GraceMinutes) ? AttendanceStatus.Present : AttendanceStatus.Late;
        var markedBy = participant.FullName.Length <= 120 ? participant.FullName : participant.FullName[..120];
        var refusal = await SaveMarkAsync(db, sessionId, participant.Id, status, markedBy, now, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        await attendance.PublishAsync(db, new Actor(ActorId, markedBy, WorkspaceRole.Trainer, participant.RegionId), sessionId, participant.Id, ct);
        return new CheckInResult(null, $"CheckIn.Done.{status}", [participant.FullName, Clock(now)], participant.FullName, status, now);
    }

    /// <summary>The projector's session and figures, for those who take this session's attendance.</summary>
    public async Task<ProjectorView> ProjectorAsync(ClaimsPrincipal principal, int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await attendance.DemandTrainerAsync(db, principal, sessionId, ct);
        var card = await CardAsync(db, sessionId, ct) ?? throw new NotFoundException("Error.SessionNotFound");
        var registered = db.Registrations.Where(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Registered);
        var count = await registered.CountAsync(ct);
        var attended = await registered.CountAsync(r => db.AttendanceMarks.Any(m => m.SessionId == sessionId && m.ParticipantId == r.ParticipantId
            && (m.Status == AttendanceStatus.Present || m.Status == AttendanceStatus.Late)), ct);
        return new ProjectorView(card, attended, count);
    }

    /// <summary>The code to show now, for those who take this session's attendance (the secret never leaves the server).</summary>
    public async Task<RotatingCode> CurrentCodeAsync(ClaimsPrincipal principal, int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await attendance.DemandTrainerAsync(db, principal, sessionId, ct);
        var secret = await db.TrainingSessions.Where(s => s.Id == sessionId).Select(s => s.CheckInSecret).FirstAsync(ct);
        return codes.Current(secret);
    }

    private int OpensBeforeMinutes => Math.Max(0, options.Value.OpensBeforeMinutes);

    private async Task<CheckInSessionCard?> CardAsync(AppDbContext db, int sessionId, CancellationToken ct)
    {
        var s = await db.TrainingSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.Id, s.Programme!.Title, s.Programme.TitleAr, s.StartsAtUtc, s.DurationMinutes, s.Place, s.IsCancelled })
            .FirstOrDefaultAsync(ct);
        return s is null ? null : new CheckInSessionCard(s.Id, s.Title, s.TitleAr, s.StartsAtUtc, s.StartsAtUtc.AddMinutes(s.DurationMinutes), s.Place, s.IsCancelled,
            s.StartsAtUtc.AddMinutes(-OpensBeforeMinutes));
    }

    private static async Task<Participant?> FindParticipantAsync(AppDbContext db, string identifier, CancellationToken ct)
    {
        var typed = identifier.Trim();
        if (typed.Length > MaxIdentifier)
        {
            return null;
        }

        if (typed.Contains('@', StringComparison.Ordinal))
        {
            var email = typed.ToLowerInvariant();
            return await db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.Email == email, ct);
        }

        var personalCode = CheckInCodes.Normalize(typed);
        return await db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.PersonalCode == personalCode, ct);
    }

    /// <summary>
    /// Writes the mark only if there is none, or if it is still the Absent read just before (compare-and-set): a
    /// second check-in (a double tap, a replayed request) or a trainer's mark saved meanwhile wins, and this check-in is
    /// refused with what is now recorded. Returns null when saved.
    /// </summary>
    private async Task<CheckInResult?> SaveMarkAsync(AppDbContext db, int sessionId, int participantId, AttendanceStatus status, string markedBy, DateTime now, CancellationToken ct)
    {
        // Each lost race means someone else just wrote this person's mark; the next reading sees it.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await db.AttendanceMarks.AsNoTracking().FirstOrDefaultAsync(m => m.SessionId == sessionId && m.ParticipantId == participantId, ct);
            if (existing is null)
            {
                db.AttendanceMarks.Add(new AttendanceMark { SessionId = sessionId, ParticipantId = participantId, Status = status, Source = MarkSource.SelfCheckIn, MarkedBy = markedBy, MarkedAtUtc = now });
                try
                {
                    await db.SaveChangesAsync(ct);
                    return null;
                }
                catch (DbUpdateException)
                {
                    db.ChangeTracker.Clear();
                    continue;
                }
            }

            if (existing.Status != AttendanceStatus.Absent)
            {
                return Refusal(existing);
            }

            if (await ReplaceAbsentAsync(db, existing, status, markedBy, now, ct))
            {
                return null;
            }
        }

        throw new InvalidOperationException($"The check-in of participant {participantId} to session {sessionId} kept losing races; nothing was saved.");
    }

    /// <summary>
    /// Compare-and-set of an Absent mark, audited: in one transaction a guarded touch locks the row only if it still holds
    /// the Absent read before (a row lock on PostgreSQL; SQLite's write lock), then the change goes through SaveChanges so
    /// that the audit trail records it. False when someone changed the mark in between.
    /// </summary>
    private static async Task<bool> ReplaceAbsentAsync(AppDbContext db, AttendanceMark existing, AttendanceStatus status, string markedBy, DateTime now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.AttendanceMarks
            .Where(m => m.Id == existing.Id && m.Status == AttendanceStatus.Absent && m.Source == existing.Source && m.MarkedAtUtc == existing.MarkedAtUtc)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.MarkedAtUtc, m => m.MarkedAtUtc), ct);
        if (locked != 1)
        {
            return false;
        }

        var mark = await db.AttendanceMarks.FirstAsync(m => m.Id == existing.Id, ct);
        mark.Status = status;
        mark.Remark = null;
        mark.Source = MarkSource.SelfCheckIn;
        mark.MarkedBy = markedBy;
        mark.MarkedAtUtc = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>A mark other than Absent that a check-in does not replace.</summary>
    private CheckInResult Refusal(AttendanceMark mark) => mark.Status switch
    {
        AttendanceStatus.Present => CheckInResult.Refused(CheckInRefusal.AlreadyPresent, Clock(mark.MarkedAtUtc)),
        AttendanceStatus.Late => CheckInResult.Refused(CheckInRefusal.AlreadyLate, Clock(mark.MarkedAtUtc)),
        _ => CheckInResult.Refused(CheckInRefusal.Excused),
    };

    /// <summary>A time of day in the workspace's time zone, as the participant's watch shows it.</summary>
    private string Clock(DateTime utc) => time.ToLocal(utc).ToString("HH:mm", CultureInfo.InvariantCulture);
}

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.Trainings;

/// <summary>
/// Live attendance: the trainer's board marks each registered participant Present, Late, Excused or Absent; every mark
/// is saved at once and seen on every open board. Marks are per person, so two trainers marking the same session never
/// overwrite each other's marks (for the same person, the later mark wins and both are announced).
/// </summary>
public sealed class AttendanceService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessControl access,
    RegistrationsService registrations,
    WorkspaceChanges changes,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<RosterRow>> RosterAsync(ClaimsPrincipal principal, int sessionId, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Roster(db, sessionId).ToListAsync(ct);
    }

    /// <summary>The roster lines of some participants only (a board re-reads just the people whose marks changed).</summary>
    public async Task<IReadOnlyList<RosterRow>> RosterRowsAsync(ClaimsPrincipal principal, int sessionId, IReadOnlyCollection<int> participantIds, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Roster(db, sessionId, participantIds.ToList()).ToListAsync(ct);
    }

    public async Task MarkAsync(ClaimsPrincipal principal, int sessionId, int participantId, AttendanceStatus status, string? remark = null, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(status))
        {
            throw new ValidationFailedException([new FieldError("Status", "Validation.Choose")]);
        }

        var errors = new List<FieldError>();
        InputRules.Text(errors, "Remark", remark, required: false, max: 500);
        InputRules.ThrowIfAny(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await DemandTrainerAsync(db, principal, sessionId, ct);
        if (!await db.Registrations.AnyAsync(r => r.SessionId == sessionId && r.ParticipantId == participantId && r.Status == RegistrationStatus.Registered, ct))
        {
            throw new ValidationFailedException([new FieldError("", "Validation.NotOnRoster")]);
        }

        await SetMarkAsync(db, sessionId, participantId, status, InputRules.Clean(remark), MarkSource.Trainer, actor.DisplayName, ct);
        await PublishAsync(db, actor, sessionId, participantId, ct);
    }

    /// <summary>Everyone registered and not yet marked becomes Absent, in one save.</summary>
    public async Task<int> MarkRestAbsentAsync(ClaimsPrincipal principal, int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await DemandTrainerAsync(db, principal, sessionId, ct);
        var unmarked = await db.Registrations.Where(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Registered)
            .Where(r => !db.AttendanceMarks.Any(m => m.SessionId == sessionId && m.ParticipantId == r.ParticipantId))
            .Select(r => r.ParticipantId).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.AttendanceMarks.AddRange(unmarked.Select(id => new AttendanceMark
        {
            SessionId = sessionId,
            ParticipantId = id,
            Status = AttendanceStatus.Absent,
            Source = MarkSource.Trainer,
            MarkedBy = actor.DisplayName,
            MarkedAtUtc = now,
        }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone marked one of them meanwhile: their mark stands; mark the others one by one.
            db.ChangeTracker.Clear();
            foreach (var id in unmarked)
            {
                if (!await db.AttendanceMarks.AnyAsync(m => m.SessionId == sessionId && m.ParticipantId == id, ct))
                {
                    await SetMarkAsync(db, sessionId, id, AttendanceStatus.Absent, null, MarkSource.Trainer, actor.DisplayName, ct);
                }
            }
        }

        await PublishAsync(db, actor, sessionId, null, ct);
        return unmarked.Count;
    }

    /// <summary>Someone who came without registering: registered on the spot (beyond capacity if need be) and marked Present.</summary>
    public async Task<int> AddWalkInAsync(ClaimsPrincipal principal, int sessionId, ParticipantInput input, CancellationToken ct = default)
    {
        InputRules.ThrowIfAny(input.Validate());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await DemandTrainerAsync(db, principal, sessionId, ct);
        if (!await db.Regions.AnyAsync(r => r.Id == input.RegionId, ct))
        {
            throw new ValidationFailedException([new FieldError(nameof(ParticipantInput.RegionId), "Validation.Choose")]);
        }

        var participant = await RegistrationsService.FindOrCreateAsync(db, input, ct);
        await registrations.RegisterAsync(db, actor, sessionId, participant, isWalkIn: true, ct);
        await SetMarkAsync(db, sessionId, participant.Id, AttendanceStatus.Present, null, MarkSource.Trainer, actor.DisplayName, ct);
        await PublishAsync(db, actor, sessionId, participant.Id, ct);
        return participant.Id;
    }

    /// <summary>Counts by status, and who attended (Present or Late) by region, gender and audience: one session, or all.</summary>
    public async Task<AttendanceSummary> SummaryAsync(ClaimsPrincipal principal, int? sessionId, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registered = db.Registrations.AsNoTracking().Where(r => r.Status == RegistrationStatus.Registered && (sessionId == null || r.SessionId == sessionId));
        var rows = await registered
            .Select(r => new
            {
                Status = db.AttendanceMarks.Where(m => m.SessionId == r.SessionId && m.ParticipantId == r.ParticipantId).Select(m => (AttendanceStatus?)m.Status).FirstOrDefault(),
                r.Participant!.RegionId,
                r.Participant.Gender,
                r.Participant.Audience,
            })
            .ToListAsync(ct);
        var attended = rows.Where(r => r.Status is AttendanceStatus.Present or AttendanceStatus.Late).ToList();
        return new AttendanceSummary(
            rows.Count,
            rows.GroupBy(r => r.Status).Select(g => new StatusCount(g.Key, g.Count())).ToList(),
            attended.GroupBy(r => r.RegionId).ToDictionary(g => g.Key, g => g.Count()),
            attended.GroupBy(r => r.Gender).ToDictionary(g => g.Key, g => g.Count()),
            attended.GroupBy(r => r.Audience).ToDictionary(g => g.Key, g => g.Count()));
    }

    internal static IQueryable<RosterRow> Roster(AppDbContext db, int sessionId, List<int>? only = null) =>
        db.Registrations.AsNoTracking().Where(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Registered)
            .Where(r => only == null || only.Contains(r.ParticipantId))
            .OrderBy(r => r.Participant!.FullName).ThenBy(r => r.ParticipantId)
            .Select(r => new
            {
                r.ParticipantId,
                r.Participant!.FullName,
                r.Participant.Organisation,
                r.Participant.RegionId,
                r.Participant.Gender,
                r.Participant.Audience,
                r.IsWalkIn,
                Mark = db.AttendanceMarks.FirstOrDefault(m => m.SessionId == sessionId && m.ParticipantId == r.ParticipantId),
            })
            .Select(x => new RosterRow(x.ParticipantId, x.FullName, x.Organisation, x.RegionId, x.Gender, x.Audience, x.IsWalkIn,
                x.Mark == null ? null : x.Mark.Status, x.Mark == null ? null : x.Mark.Remark, x.Mark == null ? null : x.Mark.Source,
                x.Mark == null ? null : x.Mark.MarkedBy, x.Mark == null ? null : x.Mark.MarkedAtUtc));

    /// <summary>
    /// Inserts or replaces one person's mark through SaveChanges, so that the audit trail records it with its values
    /// before and after. A concurrent insert of the same mark becomes an update; a mark deleted meanwhile is inserted again.
    /// </summary>
    internal async Task SetMarkAsync(AppDbContext db, int sessionId, int participantId, AttendanceStatus status, string? remark, MarkSource source, string markedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        for (var attempt = 0; ; attempt++)
        {
            var mark = await db.AttendanceMarks.FirstOrDefaultAsync(m => m.SessionId == sessionId && m.ParticipantId == participantId, ct);
            if (mark is null)
            {
                mark = new AttendanceMark { SessionId = sessionId, ParticipantId = participantId, MarkedBy = markedBy };
                db.AttendanceMarks.Add(mark);
            }

            mark.Status = status;
            mark.Remark = remark;
            mark.Source = source;
            mark.MarkedBy = markedBy;
            mark.MarkedAtUtc = now;
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // Another trainer inserted (or a cancellation removed) this person's mark at the same moment: read it again.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Trainers mark the sessions they give; administrators, coordinators and CESE staff any session.</summary>
    internal async Task<Actor> DemandTrainerAsync(AppDbContext db, ClaimsPrincipal principal, int sessionId, CancellationToken ct)
    {
        var actor = await access.DemandAsync(principal, UseCase.TakeAttendance, ct: ct);
        if (!await db.TrainingSessions.AnyAsync(s => s.Id == sessionId, ct))
        {
            throw new NotFoundException("Error.SessionNotFound");
        }

        if (actor.Role == WorkspaceRole.Trainer && !await db.SessionTrainers.AnyAsync(t => t.SessionId == sessionId && t.UserId == actor.UserId, ct))
        {
            throw new AccessDeniedException("Error.NotYourSession");
        }

        return actor;
    }

    internal async Task PublishAsync(AppDbContext db, Actor actor, int sessionId, int? participantId, CancellationToken ct)
    {
        var session = await db.TrainingSessions.AsNoTracking().Include(s => s.Regions).FirstAsync(s => s.Id == sessionId, ct);
        var change = TrainingsService.SessionChange(session, ChangeKind.Updated, "Attendance");
        await changes.PublishAsync(actor, change with { EntityId = participantId ?? 0 });
    }
}

using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.Trainings;

/// <summary>
/// Who takes part in a session: regional officers register people of their region (body members, or new participants),
/// up to the session's capacity, then on a waiting list that moves up when someone cancels.
/// </summary>
public sealed class RegistrationsService(IDbContextFactory<AppDbContext> dbFactory, AccessControl access, WorkspaceChanges changes, TimeProvider clock)
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<IReadOnlyList<RegistrationRow>> ListAsync(ClaimsPrincipal principal, int sessionId, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Registrations.AsNoTracking().Where(r => r.SessionId == sessionId)
            .OrderBy(r => r.Status).ThenBy(r => r.CreatedAtUtc).ThenBy(r => r.Id)
            .Select(r => new
            {
                r.Id,
                r.ParticipantId,
                r.Participant!.FullName,
                r.Participant.Function,
                r.Participant.Organisation,
                r.Participant.Email,
                r.Participant.Gender,
                r.Participant.RegionId,
                r.Participant.Audience,
                r.Participant.PersonalCode,
                r.Status,
                r.IsWalkIn,
                r.CreatedAtUtc,
            })
            .ToListAsync(ct);
        var position = 0;
        return rows.Select(r => new RegistrationRow(r.Id, r.ParticipantId, r.FullName, r.Function, r.Organisation, r.Email, r.Gender, r.RegionId, r.Audience,
            r.PersonalCode, r.Status, r.Status == RegistrationStatus.Waitlisted ? ++position : null, r.IsWalkIn, r.CreatedAtUtc)).ToList();
    }

    /// <summary>The body members of <paramref name="regionId"/>, for registering them.</summary>
    public async Task<IReadOnlyList<MemberChoice>> MemberChoicesAsync(ClaimsPrincipal principal, int sessionId, int regionId, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.RegisterParticipants, regionId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registered = db.Registrations.Where(r => r.SessionId == sessionId && r.Status != RegistrationStatus.Cancelled)
            .Select(r => r.Participant!.BodyMemberId);
        return await db.BodyMembers.AsNoTracking().Where(m => m.Body!.RegionId == regionId).OrderBy(m => m.FullName)
            .Select(m => new MemberChoice(m.Id, m.FullName, m.Organisation, m.Body!.NameFr, registered.Contains(m.Id)))
            .ToListAsync(ct);
    }

    public async Task<RegistrationStatus> RegisterMemberAsync(ClaimsPrincipal principal, int sessionId, int bodyMemberId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.BodyMembers.AsNoTracking().Where(m => m.Id == bodyMemberId)
            .Select(m => new { m.Id, m.FullName, m.Organisation, m.Gender, m.Body!.RegionId }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Error.MemberNotFound");
        var actor = await DemandRegistrarAsync(db, principal, sessionId, member.RegionId, ct);
        var participant = await db.Participants.FirstOrDefaultAsync(p => p.BodyMemberId == member.Id, ct);
        if (participant is null)
        {
            participant = new Participant
            {
                FullName = member.FullName,
                Organisation = member.Organisation,
                Gender = member.Gender,
                RegionId = member.RegionId,
                Audience = ParticipantAudience.BodyMember,
                BodyMemberId = member.Id,
                PersonalCode = await NewCodeAsync(db, ct),
            };
            db.Participants.Add(participant);
        }

        return await RegisterAsync(db, actor, sessionId, participant, isWalkIn: false, ct);
    }

    /// <summary>Registers someone by name; an e-mail address already known is the same participant.</summary>
    public async Task<RegistrationStatus> RegisterNewAsync(ClaimsPrincipal principal, int sessionId, ParticipantInput input, CancellationToken ct = default)
    {
        InputRules.ThrowIfAny(input.Validate());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await DemandRegistrarAsync(db, principal, sessionId, input.RegionId!.Value, ct);
        var participant = await FindOrCreateAsync(db, input, ct);
        return await RegisterAsync(db, actor, sessionId, participant, isWalkIn: false, ct);
    }

    /// <summary>Cancels a registration; the first on the waiting list takes the freed place.</summary>
    public async Task CancelAsync(ClaimsPrincipal principal, int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registration = await db.Registrations.Include(r => r.Participant).FirstOrDefaultAsync(r => r.Id == registrationId, ct)
            ?? throw new NotFoundException("Error.RegistrationNotFound");
        var actor = await DemandRegistrarAsync(db, principal, registration.SessionId, registration.Participant!.RegionId, ct);
        if (registration.Status == RegistrationStatus.Cancelled)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await QueueAsync(db, registration.SessionId, ct);
        var freesAPlace = registration.Status == RegistrationStatus.Registered && !registration.IsWalkIn;
        registration.Status = RegistrationStatus.Cancelled;
        if (freesAPlace)
        {
            var next = await db.Registrations.Where(r => r.SessionId == registration.SessionId && r.Status == RegistrationStatus.Waitlisted)
                .OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id).FirstOrDefaultAsync(ct);
            if (next is not null)
            {
                next.Status = RegistrationStatus.Registered;
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await PublishAsync(db, actor, registration.SessionId, ChangeKind.Updated, ct);
    }

    /// <summary>Records that the registered participants were invited (the invitation itself goes out of band).</summary>
    public async Task<int> MarkInvitedAsync(ClaimsPrincipal principal, int sessionId, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.TakeAttendance, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.TrainingSessions.AnyAsync(s => s.Id == sessionId, ct))
        {
            throw new NotFoundException("Error.SessionNotFound");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // Loaded and saved (not a bulk update) so that the audit trail records each invitation.
        var toInvite = await db.Registrations.Where(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Registered && r.InvitedAtUtc == null)
            .ToListAsync(ct);
        foreach (var registration in toInvite)
        {
            registration.InvitedAtUtc = now;
        }

        await db.SaveChangesAsync(ct);
        var invited = toInvite.Count;
        await PublishAsync(db, actor, sessionId, ChangeKind.Updated, ct);
        return invited;
    }

    /// <summary>Registers a participant already tracked by <paramref name="db"/> (new or existing), in one transaction.</summary>
    internal async Task<RegistrationStatus> RegisterAsync(AppDbContext db, Actor actor, int sessionId, Participant participant, bool isWalkIn, CancellationToken ct) =>
        (await RegisterAllAsync(db, actor, sessionId, [participant], isWalkIn, ct))[0];

    /// <summary>
    /// Registers participants tracked by <paramref name="db"/> (new or existing) in order, in one transaction and with one
    /// live event: all of them, or none (a refusal rolls everything back). Places left go first; the rest are waitlisted.
    /// </summary>
    internal async Task<IReadOnlyList<RegistrationStatus>> RegisterAllAsync(
        AppDbContext db, Actor actor, int sessionId, IReadOnlyList<Participant> participants, bool isWalkIn, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var session = await QueueAsync(db, sessionId, ct);
        if (session.IsCancelled)
        {
            throw new ValidationFailedException([new FieldError("", "Validation.SessionCancelled")]);
        }

        var registered = await db.Registrations.CountAsync(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Registered && !r.IsWalkIn, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var statuses = new List<RegistrationStatus>(participants.Count);
        foreach (var participant in participants)
        {
            var existing = participant.Id == 0 ? null
                : await db.Registrations.FirstOrDefaultAsync(r => r.SessionId == sessionId && r.ParticipantId == participant.Id, ct);
            if (existing is { Status: not RegistrationStatus.Cancelled })
            {
                throw new ValidationFailedException([new FieldError("", "Validation.AlreadyRegistered")]);
            }

            var status = isWalkIn || registered < session.Capacity ? RegistrationStatus.Registered : RegistrationStatus.Waitlisted;
            if (status == RegistrationStatus.Registered && !isWalkIn)
            {
                registered++;
            }

            if (existing is null)
            {
                db.Registrations.Add(new Registration { SessionId = sessionId, Participant = participant, Status = status, CreatedAtUtc = now, RegisteredBy = actor.DisplayName, IsWalkIn = isWalkIn });
            }
            else
            {
                (existing.Status, existing.CreatedAtUtc, existing.RegisteredBy, existing.IsWalkIn) = (status, now, actor.DisplayName, isWalkIn);
            }

            statuses.Add(status);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await PublishAsync(db, actor, sessionId, ChangeKind.Created, ct);
        return statuses;
    }

    /// <summary>When a session has more places than registered people, the first on the waiting list move up.</summary>
    internal static async Task<int> FillFreedPlacesAsync(AppDbContext db, int sessionId, int capacity, CancellationToken ct)
    {
        var registered = await db.Registrations.CountAsync(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Registered && !r.IsWalkIn, ct);
        if (registered >= capacity)
        {
            return 0;
        }

        var next = await db.Registrations.Where(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id).Take(capacity - registered).ToListAsync(ct);
        next.ForEach(r => r.Status = RegistrationStatus.Registered);
        await db.SaveChangesAsync(ct);
        return next.Count;
    }

    internal static async Task<Participant> FindOrCreateAsync(AppDbContext db, ParticipantInput input, CancellationToken ct)
    {
        var email = InputRules.Clean(input.Email)?.ToLowerInvariant();
        if (email is not null && await db.Participants.FirstOrDefaultAsync(p => p.Email == email, ct) is { } known)
        {
            return known;
        }

        var participant = new Participant
        {
            FullName = input.FullName.Trim(),
            Function = InputRules.Clean(input.Function),
            Organisation = InputRules.Clean(input.Organisation),
            Email = email,
            Phone = InputRules.Clean(input.Phone),
            Gender = input.Gender!.Value,
            Audience = input.Audience!.Value,
            RegionId = input.RegionId!.Value,
            PersonalCode = await NewCodeAsync(db, ct),
        };
        db.Participants.Add(participant);
        return participant;
    }

    /// <summary>An 8-character personal code, easy to read aloud (no 0/O, 1/I).</summary>
    internal static async Task<string> NewCodeAsync(AppDbContext db, CancellationToken ct)
    {
        while (true)
        {
            var code = new string(Enumerable.Range(0, 8).Select(_ => CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)]).ToArray());
            if (!await db.Participants.AnyAsync(p => p.PersonalCode == code, ct) && !db.Participants.Local.Any(p => p.PersonalCode == code))
            {
                return code;
            }
        }
    }

    /// <summary>Takes the session's registration turn: concurrent registrations to one session run one after the other.</summary>
    private static async Task<TrainingSession> QueueAsync(AppDbContext db, int sessionId, CancellationToken ct)
    {
        if (await db.TrainingSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.RegistrationStamp, x => x.RegistrationStamp + 1), ct) == 0)
        {
            throw new NotFoundException("Error.SessionNotFound");
        }

        return await db.TrainingSessions.AsNoTracking().FirstAsync(s => s.Id == sessionId, ct);
    }

    /// <summary>Registrars act for their own region, on sessions held for it (coordinators and administrators for any).</summary>
    internal async Task<Actor> DemandRegistrarAsync(AppDbContext db, ClaimsPrincipal principal, int sessionId, int participantRegionId, CancellationToken ct)
    {
        var actor = await access.DemandAsync(principal, UseCase.RegisterParticipants, participantRegionId, ct);
        var regions = await db.SessionRegions.Where(r => r.SessionId == sessionId).Select(r => r.RegionId).ToListAsync(ct);
        if (regions.Count == 0 && !await db.TrainingSessions.AnyAsync(s => s.Id == sessionId, ct))
        {
            throw new NotFoundException("Error.SessionNotFound");
        }

        if (actor.Role == WorkspaceRole.RegionalOfficer && !regions.Contains(participantRegionId))
        {
            throw new ValidationFailedException([new FieldError("", "Validation.SessionNotForRegion")]);
        }

        return actor;
    }

    private async Task PublishAsync(AppDbContext db, Actor actor, int sessionId, ChangeKind kind, CancellationToken ct)
    {
        var session = await db.TrainingSessions.AsNoTracking().Include(s => s.Regions).FirstAsync(s => s.Id == sessionId, ct);
        await changes.PublishAsync(actor, TrainingsService.SessionChange(session, kind, "Registration"));
    }
}

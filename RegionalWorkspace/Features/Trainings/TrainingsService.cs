using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.Trainings;

/// <summary>Training programmes and their sessions (C2): organised by ARM, DGCT and CESE staff and trainers.</summary>
public sealed class TrainingsService(IDbContextFactory<AppDbContext> dbFactory, AccessControl access, WorkspaceChanges changes, WorkspaceTime time)
{
    public static string SessionKey(int id) => $"session:{id}";

    public async Task<IReadOnlyList<ProgrammeRow>> ListProgrammesAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TrainingProgrammes.AsNoTracking().OrderBy(p => p.Title)
            .Select(p => new ProgrammeRow(p.Id, p.Title, p.TitleAr, p.Objectives, p.Organisers, p.Audience, p.Themes, p.Version, p.Sessions.Count))
            .ToListAsync(ct);
    }

    public async Task<int> CreateProgrammeAsync(ClaimsPrincipal principal, ProgrammeInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ManageTrainings, ct: ct);
        InputRules.ThrowIfAny(input.Validate());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = actor.DisplayName;
        var programme = new TrainingProgramme { Title = "", Objectives = "" };
        Apply(programme, input);
        db.TrainingProgrammes.Add(programme);
        await db.SaveChangesAsync(ct);
        await changes.PublishAsync(actor, new Change(Capability.Trainings, "Programme", programme.Id, null, ChangeKind.Created, programme.Version, programme.Title, "/trainings"));
        return programme.Id;
    }

    public async Task UpdateProgrammeAsync(ClaimsPrincipal principal, int id, ProgrammeInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ManageTrainings, ct: ct);
        InputRules.ThrowIfAny(input.Validate());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = actor.DisplayName;
        var programme = await db.TrainingProgrammes.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Error.ProgrammeNotFound");
        Concurrency.Expect(db, programme, input.Version, () => ToInput(programme));
        Apply(programme, input);
        await Concurrency.SaveAsync(db, programme, () => ToInput(programme), ct);
        await changes.PublishAsync(actor, new Change(Capability.Trainings, "Programme", programme.Id, null, ChangeKind.Updated, programme.Version, programme.Title, "/trainings"));
    }

    /// <summary>Sessions, soonest first; <paramref name="from"/> (UTC) leaves out earlier ones.</summary>
    public async Task<IReadOnlyList<SessionRow>> ListSessionsAsync(ClaimsPrincipal principal, int? programmeId = null, DateTime? from = null, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sessions = db.TrainingSessions.AsNoTracking();
        if (programmeId is not null)
        {
            sessions = sessions.Where(s => s.ProgrammeId == programmeId);
        }

        if (from is not null)
        {
            sessions = sessions.Where(s => s.StartsAtUtc >= from);
        }

        return await RowsAsync(db, sessions.OrderBy(s => s.StartsAtUtc), ct);
    }

    public async Task<SessionRow> GetSessionAsync(ClaimsPrincipal principal, int id, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await RowsAsync(db, db.TrainingSessions.AsNoTracking().Where(s => s.Id == id), ct)).FirstOrDefault()
            ?? throw new NotFoundException("Error.SessionNotFound");
    }

    public async Task<int> CreateSessionAsync(ClaimsPrincipal principal, int programmeId, SessionInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ManageTrainings, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, ct);
        if (!await db.TrainingProgrammes.AnyAsync(p => p.Id == programmeId, ct))
        {
            throw new NotFoundException("Error.ProgrammeNotFound");
        }

        db.Actor = actor.DisplayName;
        var session = new TrainingSession { ProgrammeId = programmeId, CheckInSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        Apply(session, input);
        db.TrainingSessions.Add(session);
        await db.SaveChangesAsync(ct);
        await changes.PublishAsync(actor, SessionChange(session, ChangeKind.Created));
        return session.Id;
    }

    public async Task UpdateSessionAsync(ClaimsPrincipal principal, int id, SessionInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ManageTrainings, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, ct);
        db.Actor = actor.DisplayName;
        var session = await db.TrainingSessions.Include(s => s.Regions).Include(s => s.Trainers).FirstOrDefaultAsync(s => s.Id == id, ct)
            ?? throw new NotFoundException("Error.SessionNotFound");
        Concurrency.Expect(db, session, input.Version, () => ToInput(session));
        Apply(session, input);
        await Concurrency.SaveAsync(db, session, () => ToInput(session), ct);
        await RegistrationsService.FillFreedPlacesAsync(db, session.Id, session.Capacity, ct);
        await changes.PublishAsync(actor, SessionChange(session, ChangeKind.Updated));
    }

    /// <summary>Cancels a session (registrations and check-in close) or reopens it.</summary>
    public async Task SetCancelledAsync(ClaimsPrincipal principal, int id, bool cancelled, int version, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ManageTrainings, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = actor.DisplayName;
        var session = await db.TrainingSessions.Include(s => s.Regions).Include(s => s.Trainers).FirstOrDefaultAsync(s => s.Id == id, ct)
            ?? throw new NotFoundException("Error.SessionNotFound");
        Concurrency.Expect(db, session, version, () => ToInput(session));
        session.IsCancelled = cancelled;
        await Concurrency.SaveAsync(db, session, () => ToInput(session), ct);
        await changes.PublishAsync(actor, SessionChange(session, ChangeKind.Updated));
    }

    /// <summary>The accounts that can be chosen as a session's trainers.</summary>
    public async Task<IReadOnlyList<TrainerChoice>> TrainersAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trainerRole = WorkspaceRole.Trainer.ToString();
        return await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == trainerRole)))
            .OrderBy(u => u.DisplayName).Select(u => new TrainerChoice(u.Id, u.DisplayName)).ToListAsync(ct);
    }

    internal static Change SessionChange(TrainingSession s, ChangeKind kind, string entity = "Session") =>
        new(Capability.Trainings, entity, s.Id, s.Regions.Select(r => (int?)r.RegionId).FirstOrDefault(), kind, s.Version,
            s.StartsAtUtc.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), $"/trainings/sessions/{s.Id}", SessionKey(s.Id));

    /// <summary>Sessions as rows: their facts and counts in one query, regions and trainers in two more (SQLite has no APPLY).</summary>
    private static async Task<List<SessionRow>> RowsAsync(AppDbContext db, IQueryable<TrainingSession> sessions, CancellationToken ct)
    {
        var basics = await sessions.Select(s => new
        {
            s.Id, s.ProgrammeId, s.Programme!.Title, s.Programme.TitleAr, s.StartsAtUtc, s.DurationMinutes, s.Place, s.OnlineLink, s.Capacity, s.GraceMinutes, s.IsCancelled,
            Registered = s.Registrations.Count(r => r.Status == RegistrationStatus.Registered),
            Waitlisted = s.Registrations.Count(r => r.Status == RegistrationStatus.Waitlisted),
            s.Version,
        }).ToListAsync(ct);
        var ids = basics.Select(b => b.Id).ToList();
        var regions = (await db.SessionRegions.AsNoTracking().Where(r => ids.Contains(r.SessionId)).Select(r => new { r.SessionId, r.RegionId }).ToListAsync(ct))
            .ToLookup(r => r.SessionId, r => r.RegionId);
        var trainers = (await db.SessionTrainers.AsNoTracking().Where(t => ids.Contains(t.SessionId))
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { t.SessionId, t.UserId, u.DisplayName }).ToListAsync(ct))
            .ToLookup(t => t.SessionId);
        return basics.Select(s => new SessionRow(
            s.Id, s.ProgrammeId, s.Title, s.TitleAr, s.StartsAtUtc, s.DurationMinutes, s.Place, s.OnlineLink, s.Capacity, s.GraceMinutes, s.IsCancelled,
            regions[s.Id].Order().ToList(),
            trainers[s.Id].Select(t => t.UserId).Order(StringComparer.Ordinal).ToList(),
            trainers[s.Id].Select(t => t.DisplayName).Order(StringComparer.CurrentCulture).ToList(),
            s.Registered, s.Waitlisted, s.Version)).ToList();
    }

    private static async Task ValidateAsync(AppDbContext db, SessionInput input, CancellationToken ct)
    {
        var errors = input.Validate();
        var regionIds = input.RegionIds.Distinct().ToList();
        if (regionIds.Count > 0 && await db.Regions.CountAsync(r => regionIds.Contains(r.Id), ct) != regionIds.Count)
        {
            errors.Add(new(nameof(SessionInput.RegionIds), "Validation.Choose"));
        }

        var trainerRole = WorkspaceRole.Trainer.ToString();
        var trainerIds = input.TrainerIds.Distinct().ToList();
        var trainers = await db.UserRoles.Where(ur => trainerIds.Contains(ur.UserId))
            .Join(db.Roles.Where(r => r.Name == trainerRole), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId).CountAsync(ct);
        if (trainers != trainerIds.Count)
        {
            errors.Add(new(nameof(SessionInput.TrainerIds), "Validation.TrainersOnly"));
        }

        InputRules.ThrowIfAny(errors);
    }

    private static void Apply(TrainingProgramme p, ProgrammeInput input)
    {
        p.Title = input.Title.Trim();
        p.TitleAr = InputRules.Clean(input.TitleAr);
        p.Objectives = input.Objectives.Trim();
        p.Organisers = input.Organisers;
        p.Audience = input.Audience;
        p.Themes = InputRules.Clean(input.Themes);
    }

    private void Apply(TrainingSession s, SessionInput input)
    {
        s.StartsAtUtc = time.ToUtc(input.StartsAt!.Value);
        s.DurationMinutes = input.DurationMinutes!.Value;
        s.Place = InputRules.Clean(input.Place);
        s.OnlineLink = InputRules.Clean(input.OnlineLink);
        s.Capacity = input.Capacity!.Value;
        s.GraceMinutes = input.GraceMinutes!.Value;
        var regions = input.RegionIds.Distinct().ToList();
        s.Regions.RemoveAll(r => !regions.Contains(r.RegionId));
        s.Regions.AddRange(regions.Where(id => s.Regions.All(r => r.RegionId != id)).Select(id => new SessionRegion { RegionId = id }));
        var trainers = input.TrainerIds.Distinct().ToList();
        s.Trainers.RemoveAll(t => !trainers.Contains(t.UserId));
        s.Trainers.AddRange(trainers.Where(id => s.Trainers.All(t => t.UserId != id)).Select(id => new SessionTrainer { UserId = id }));
    }

    internal static ProgrammeInput ToInput(TrainingProgramme p) => new()
    {
        Title = p.Title,
        TitleAr = p.TitleAr,
        Objectives = p.Objectives,
        Organisers = p.Organisers,
        Audience = p.Audience,
        Themes = p.Themes,
        Version = p.Version,
    };

    internal SessionInput ToInput(TrainingSession s) => new()
    {
        StartsAt = time.ToLocal(s.StartsAtUtc),
        DurationMinutes = s.DurationMinutes,
        Place = s.Place,
        OnlineLink = s.OnlineLink,
        Capacity = s.Capacity,
        GraceMinutes = s.GraceMinutes,
        RegionIds = s.Regions.Select(r => r.RegionId).ToList(),
        TrainerIds = s.Trainers.Select(t => t.UserId).ToList(),
        Version = s.Version,
    };
}

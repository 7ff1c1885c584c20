using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.ListeningSessions;

/// <summary>
/// Listening sessions (C5): CESE staff organise them on a topic, invite regional councils and their consultative bodies,
/// record the participants, the minutes, the synthesis and the resulting publication. Everyone reads them, except
/// regional officers, who see only the sessions their region is invited to (any other is reported as not found).
/// </summary>
public sealed class ListeningSessionsService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessControl access,
    WorkspaceChanges changes,
    WorkspaceTime time,
    TimeProvider clock)
{
    public const string NotFoundKey = "Error.ListeningSessionNotFound";

    public static string SessionKey(int id) => $"listening:{id}";

    public static string Link(int id) => $"/listening-sessions/{id}";

    public async Task<Page<ListeningSessionRow>> ListAsync(ClaimsPrincipal principal, ListeningSessionQuery query, CancellationToken ct = default)
    {
        var actor = await ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var sessions = db.ListeningSessions.AsNoTracking();
        if (actor.Role == WorkspaceRole.RegionalOfficer)
        {
            var own = actor.RegionId;
            sessions = sessions.Where(s => s.InvitedRegions.Any(r => r.RegionId == own));
        }

        if (query.RegionId is int regionId)
        {
            sessions = sessions.Where(s => s.InvitedRegions.Any(r => r.RegionId == regionId));
        }

        if (InputRules.SearchTerm(query.Text) is { } text)
        {
            var lower = text.ToLower();
            sessions = sessions.Where(s => s.Topic.ToLower().Contains(lower) || (s.TopicAr != null && s.TopicAr.Contains(text)));
        }

        sessions = query.Period == ListeningPeriod.Upcoming
            ? sessions.Where(s => s.StartsAtUtc.AddMinutes(s.DurationMinutes) > now).OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id)
            : sessions.Where(s => s.StartsAtUtc.AddMinutes(s.DurationMinutes) <= now).OrderByDescending(s => s.StartsAtUtc).ThenByDescending(s => s.Id);

        var size = Math.Clamp(query.PageSize, 1, 100);
        var total = await sessions.CountAsync(ct);
        var basics = await sessions.Skip(Math.Max(0, query.Page) * size).Take(size)
            .Select(s => new { s.Id, s.Topic, s.TopicAr, s.StartsAtUtc, s.DurationMinutes, s.Place, s.OnlineLink, s.IsCancelled, Contributions = s.Contributions.Count })
            .ToListAsync(ct);
        var ids = basics.Select(b => b.Id).ToList();
        var regions = (await db.ListeningSessionRegions.AsNoTracking().Where(r => ids.Contains(r.ListeningSessionId))
            .Select(r => new { r.ListeningSessionId, r.RegionId }).ToListAsync(ct)).ToLookup(r => r.ListeningSessionId, r => r.RegionId);
        var rows = basics.Select(s => new ListeningSessionRow(
            s.Id, s.Topic, s.TopicAr, s.StartsAtUtc, s.DurationMinutes, s.Place, s.OnlineLink, s.IsCancelled, regions[s.Id].Order().ToList(), s.Contributions)).ToList();
        return new Page<ListeningSessionRow>(rows, total);
    }

    public async Task<ListeningSessionDetail> GetAsync(ClaimsPrincipal principal, int id, CancellationToken ct = default)
    {
        var actor = await ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var regionIds = await db.ListeningSessionRegions.AsNoTracking().Where(r => r.ListeningSessionId == id).Select(r => r.RegionId).OrderBy(r => r).ToListAsync(ct);
        var s = await db.ListeningSessions.AsNoTracking().Where(x => x.Id == id).Select(x => new
        {
            x.Id, x.Topic, x.TopicAr, x.Description, x.StudyRequestId,
            StudyRequestTitle = x.StudyRequest == null ? null : x.StudyRequest.Title,
            x.StartsAtUtc, x.DurationMinutes, x.Place, x.OnlineLink, x.ContributionsCloseAtUtc, x.IsCancelled, x.Minutes, x.Synthesis, x.PublicationId,
            PublicationTitleFr = x.Publication == null ? null : x.Publication.TitleFr,
            PublicationTitleAr = x.Publication == null ? null : x.Publication.TitleAr,
            Contributions = x.Contributions.Count,
            x.Version,
        }).FirstOrDefaultAsync(ct);
        if (s is null || !CeseAccess.CanSee(actor, regionIds))
        {
            throw new NotFoundException(NotFoundKey);
        }

        var bodies = await db.ListeningSessionBodies.AsNoTracking().Where(b => b.ListeningSessionId == id)
            .Select(b => new InvitedBodyRow(b.BodyId, b.Body!.RegionId, b.Body.NameFr, b.Body.NameAr))
            .ToListAsync(ct);
        var participants = await db.ListeningParticipants.AsNoTracking().Where(p => p.ListeningSessionId == id).OrderBy(p => p.FullName).ThenBy(p => p.Id)
            .Select(p => new ListeningParticipantRow(p.Id, p.FullName, p.Organisation, p.RegionId, p.Gender))
            .ToListAsync(ct);
        return new ListeningSessionDetail(
            s.Id, s.Topic, s.TopicAr, s.Description, s.StudyRequestId, s.StudyRequestTitle, s.StartsAtUtc, s.DurationMinutes, s.Place, s.OnlineLink,
            s.ContributionsCloseAtUtc, s.IsCancelled, s.Minutes, s.Synthesis, s.PublicationId, s.PublicationTitleFr, s.PublicationTitleAr,
            regionIds, bodies.OrderBy(b => b.RegionId).ThenBy(b => b.NameFr, StringComparer.CurrentCulture).ToList(), participants, s.Contributions, s.Version);
    }

    /// <summary>Organises a session; contributions open at once, until its closing time.</summary>
    public async Task<int> OrganiseAsync(ClaimsPrincipal principal, ListeningSessionInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, null, ct);
        db.Actor = actor.DisplayName;
        var session = new ListeningSession { Topic = "" };
        Apply(session, input);
        db.ListeningSessions.Add(session);
        await db.SaveChangesAsync(ct);
        await changes.PublishAsync(actor, SessionChange(session, ChangeKind.Created));
        return session.Id;
    }

    public async Task UpdateAsync(ClaimsPrincipal principal, int id, ListeningSessionInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await LoadAsync(db, id, ct);
        await ValidateAsync(db, input, session, ct);
        db.Actor = actor.DisplayName;
        Concurrency.Expect(db, session, input.Version, () => ToInput(session));
        Apply(session, input);
        await Concurrency.SaveAsync(db, session, () => ToInput(session), ct);
        await changes.PublishAsync(actor, SessionChange(session, ChangeKind.Updated));
    }

    /// <summary>Cancels a session (contributions close) or reopens it.</summary>
    public async Task SetCancelledAsync(ClaimsPrincipal principal, int id, bool cancelled, int version, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await LoadAsync(db, id, ct);
        db.Actor = actor.DisplayName;
        Concurrency.Expect(db, session, version, () => ToInput(session));
        session.IsCancelled = cancelled;
        await Concurrency.SaveAsync(db, session, () => ToInput(session), ct);
        await changes.PublishAsync(actor, SessionChange(session, ChangeKind.Updated));
    }

    /// <summary>The minutes and the synthesis, once the session has started.</summary>
    public async Task SaveRecordAsync(ClaimsPrincipal principal, int id, ListeningRecordInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        InputRules.ThrowIfAny(input.Validate());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await LoadAsync(db, id, ct);
        if (session.IsCancelled)
        {
            throw new ValidationFailedException([new FieldError("", "Validation.ListeningCancelled")]);
        }

        if (clock.GetUtcNow().UtcDateTime < session.StartsAtUtc)
        {
            throw new ValidationFailedException([new FieldError("", "Validation.MinutesBeforeStart", time.ToLocal(session.StartsAtUtc))]);
        }

        db.Actor = actor.DisplayName;
        Concurrency.Expect(db, session, input.Version, () => ToRecord(session));
        session.Minutes = InputRules.Clean(input.Minutes);
        session.Synthesis = InputRules.Clean(input.Synthesis);
        await Concurrency.SaveAsync(db, session, () => ToRecord(session), ct);
        await changes.PublishAsync(actor, SessionChange(session, ChangeKind.Updated));
    }

    /// <summary>Links the publication that came out of the session (null: none).</summary>
    public async Task SetPublicationAsync(ClaimsPrincipal principal, int id, ListeningPublicationInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await LoadAsync(db, id, ct);
        if (input.PublicationId is int publicationId && !await db.Publications.AnyAsync(p => p.Id == publicationId, ct))
        {
            throw new ValidationFailedException([new FieldError(nameof(ListeningPublicationInput.PublicationId), "Validation.Choose")]);
        }

        db.Actor = actor.DisplayName;
        Concurrency.Expect(db, session, input.Version, () => ToPublication(session));
        session.PublicationId = input.PublicationId;
        await Concurrency.SaveAsync(db, session, () => ToPublication(session), ct);
        await changes.PublishAsync(actor, SessionChange(session, ChangeKind.Updated));
    }

    public async Task<int> AddParticipantAsync(ClaimsPrincipal principal, int sessionId, ListeningParticipantInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        var errors = input.Validate();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await LoadAsync(db, sessionId, ct);
        if (input.RegionId is int regionId && !await db.Regions.AnyAsync(r => r.Id == regionId, ct))
        {
            errors.Add(new(nameof(ListeningParticipantInput.RegionId), "Validation.Choose"));
        }

        InputRules.ThrowIfAny(errors);
        var participant = new ListeningParticipant
        {
            ListeningSessionId = sessionId,
            FullName = input.FullName.Trim(),
            Organisation = InputRules.Clean(input.Organisation),
            RegionId = input.RegionId,
            Gender = input.Gender,
        };
        db.ListeningParticipants.Add(participant);
        await db.SaveChangesAsync(ct);
        await changes.PublishAsync(actor, SessionChange(session, ChangeKind.Created, "ListeningParticipant", participant.Id, participant.FullName));
        return participant.Id;
    }

    public async Task RemoveParticipantAsync(ClaimsPrincipal principal, int participantId, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var participant = await db.ListeningParticipants.FirstOrDefaultAsync(p => p.Id == participantId, ct)
            ?? throw new NotFoundException("Error.ListeningParticipantNotFound");
        var session = await LoadAsync(db, participant.ListeningSessionId, ct);
        db.ListeningParticipants.Remove(participant);
        await db.SaveChangesAsync(ct);
        await changes.PublishAsync(actor, SessionChange(session, ChangeKind.Deleted, "ListeningParticipant", participant.Id, participant.FullName));
    }

    /// <summary>The study requests a session may serve: any not declined.</summary>
    public async Task<IReadOnlyList<StudyRequestChoice>> StudyRequestChoicesAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StudyRequests.AsNoTracking().Where(r => r.Status != StudyRequestStatus.Declined)
            .OrderByDescending(r => r.SubmittedAtUtc).Select(r => new StudyRequestChoice(r.Id, r.Title, r.Status)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<PublicationChoice>> PublicationChoicesAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Publications.AsNoTracking().OrderBy(p => p.TitleFr)
            .Select(p => new PublicationChoice(p.Id, p.TitleFr, p.TitleAr, p.Kind)).ToListAsync(ct);
    }

    /// <summary>Every consultative body, with its region, to invite some.</summary>
    public async Task<IReadOnlyList<BodyChoice>> BodyChoicesAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Bodies.AsNoTracking().OrderBy(b => b.RegionId).ThenBy(b => b.Kind)
            .Select(b => new BodyChoice(b.Id, b.RegionId, b.NameFr, b.NameAr)).ToListAsync(ct);
    }

    /// <summary>The reader, if they may read CESE engagement at all (which sessions: <see cref="CeseAccess"/>).</summary>
    internal async Task<Actor> ReaderAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        var actor = await access.FindActorAsync(principal, ct) ?? throw new AccessDeniedException("Error.SignedOut");
        return actor.Can(UseCase.ReadCeseEngagement, actor.Role == WorkspaceRole.RegionalOfficer ? actor.RegionId : null)
            ? actor
            : throw new AccessDeniedException();
    }

    internal static Change SessionChange(ListeningSession s, ChangeKind kind, string entity = "ListeningSession", int? entityId = null, string? title = null) =>
        new(Capability.ListeningSessions, entity, entityId ?? s.Id, null, kind, s.Version, title ?? s.Topic, Link(s.Id), SessionKey(s.Id),
            Audience.ConcernedRegions, s.InvitedRegions.Select(r => r.RegionId).Order().ToList());

    private static async Task<ListeningSession> LoadAsync(AppDbContext db, int id, CancellationToken ct) =>
        await db.ListeningSessions.Include(s => s.InvitedRegions).Include(s => s.InvitedBodies).FirstOrDefaultAsync(s => s.Id == id, ct)
            ?? throw new NotFoundException(NotFoundKey);

    private async Task ValidateAsync(AppDbContext db, ListeningSessionInput input, ListeningSession? existing, CancellationToken ct)
    {
        var errors = input.Validate();
        var regionIds = input.RegionIds.Distinct().ToList();
        if (regionIds.Count > 0 && await db.Regions.CountAsync(r => regionIds.Contains(r.Id), ct) != regionIds.Count)
        {
            errors.Add(new(nameof(ListeningSessionInput.RegionIds), "Validation.Choose"));
        }

        var bodyIds = input.BodyIds.Distinct().ToList();
        var bodies = await db.Bodies.AsNoTracking().Where(b => bodyIds.Contains(b.Id)).Select(b => new { b.Id, b.RegionId }).ToListAsync(ct);
        if (bodies.Count != bodyIds.Count)
        {
            errors.Add(new(nameof(ListeningSessionInput.BodyIds), "Validation.Choose"));
        }
        else if (bodies.Any(b => !regionIds.Contains(b.RegionId)))
        {
            errors.Add(new(nameof(ListeningSessionInput.BodyIds), "Validation.BodiesOfInvitedRegions"));
        }

        if (input.StudyRequestId is int requestId
            && !await db.StudyRequests.AnyAsync(r => r.Id == requestId && r.Status != StudyRequestStatus.Declined, ct))
        {
            errors.Add(new(nameof(ListeningSessionInput.StudyRequestId), "Validation.StudyRequestChoice"));
        }

        if (errors.Count == 0)
        {
            var close = CloseAtUtc(input);
            var unchanged = existing is not null && existing.ContributionsCloseAtUtc == close;
            if (!unchanged && close <= clock.GetUtcNow().UtcDateTime)
            {
                errors.Add(new(nameof(ListeningSessionInput.ContributionsCloseAt), "Validation.ContributionsCloseInPast"));
            }
        }

        if (existing is not null)
        {
            // A council or body that has spoken stays invited: its contributions belong to the session.
            var spoken = await db.Contributions.AsNoTracking().Where(c => c.ListeningSessionId == existing.Id)
                .Select(c => new { c.RegionId, c.BodyId }).Distinct().ToListAsync(ct);
            if (spoken.Any(c => !regionIds.Contains(c.RegionId)))
            {
                errors.Add(new(nameof(ListeningSessionInput.RegionIds), "Validation.InvitedWithContributions"));
            }

            if (spoken.Any(c => c.BodyId is int b && !bodyIds.Contains(b)))
            {
                errors.Add(new(nameof(ListeningSessionInput.BodyIds), "Validation.InvitedWithContributions"));
            }
        }

        InputRules.ThrowIfAny(errors);
    }

    private DateTime CloseAtUtc(ListeningSessionInput input) =>
        input.ContributionsCloseAt is { } close ? time.ToUtc(close) : time.ToUtc(input.StartsAt!.Value).AddMinutes(input.DurationMinutes!.Value);

    private void Apply(ListeningSession s, ListeningSessionInput input)
    {
        s.Topic = input.Topic.Trim();
        s.TopicAr = InputRules.Clean(input.TopicAr);
        s.Description = InputRules.Clean(input.Description);
        s.StudyRequestId = input.StudyRequestId;
        s.StartsAtUtc = time.ToUtc(input.StartsAt!.Value);
        s.DurationMinutes = input.DurationMinutes!.Value;
        s.Place = InputRules.Clean(input.Place);
        s.OnlineLink = InputRules.Clean(input.OnlineLink);
        s.ContributionsCloseAtUtc = CloseAtUtc(input);
        var regions = input.RegionIds.Distinct().ToList();
        s.InvitedRegions.RemoveAll(r => !regions.Contains(r.RegionId));
        s.InvitedRegions.AddRange(regions.Where(id => s.InvitedRegions.All(r => r.RegionId != id)).Select(id => new ListeningSessionRegion { RegionId = id }));
        var bodies = input.BodyIds.Distinct().ToList();
        s.InvitedBodies.RemoveAll(b => !bodies.Contains(b.BodyId));
        s.InvitedBodies.AddRange(bodies.Where(id => s.InvitedBodies.All(b => b.BodyId != id)).Select(id => new ListeningSessionBody { BodyId = id }));
    }

    internal ListeningSessionInput ToInput(ListeningSession s)
    {
        var end = s.StartsAtUtc.AddMinutes(s.DurationMinutes);
        return new()
        {
            Topic = s.Topic,
            TopicAr = s.TopicAr,
            Description = s.Description,
            StudyRequestId = s.StudyRequestId,
            StartsAt = time.ToLocal(s.StartsAtUtc),
            DurationMinutes = s.DurationMinutes,
            Place = s.Place,
            OnlineLink = s.OnlineLink,
            RegionIds = s.InvitedRegions.Select(r => r.RegionId).Order().ToList(),
            BodyIds = s.InvitedBodies.Select(b => b.BodyId).Order().ToList(),
            ContributionsCloseAt = s.ContributionsCloseAtUtc == end ? null : time.ToLocal(s.ContributionsCloseAtUtc),
            Version = s.Version,
        };
    }

    private static ListeningRecordInput ToRecord(ListeningSession s) => new() { Minutes = s.Minutes, Synthesis = s.Synthesis, Version = s.Version };

    private static ListeningPublicationInput ToPublication(ListeningSession s) => new() { PublicationId = s.PublicationId, Version = s.Version };
}

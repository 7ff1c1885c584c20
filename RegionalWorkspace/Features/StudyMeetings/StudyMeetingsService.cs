using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.StudyMeetings;

/// <summary>
/// Study meetings (C6): CESE presents a publication the General Assembly approved to the regional councils concerned.
/// CESE staff schedule, edit and cancel them, and record minutes and follow-up actions; every role reads them, except
/// regional officers, who see only the meetings their region is invited to (another is not found). The status of a
/// follow-up action owned by a region may also be updated by that region's officers. The server refuses to schedule
/// (or switch a meeting to, or reopen it for) a publication that is not approved.
/// </summary>
public sealed class StudyMeetingsService(IDbContextFactory<AppDbContext> dbFactory, AccessControl access, WorkspaceChanges changes, WorkspaceTime time, TimeProvider clock)
{
    public static string MeetingKey(int id) => $"study-meeting:{id}";

    public async Task<Page<StudyMeetingRow>> ListAsync(ClaimsPrincipal principal, StudyMeetingQuery query, CancellationToken ct = default)
    {
        var actor = await ReaderAsync(principal, ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var meetings = Visible(db, actor);
        meetings = query.Past
            ? meetings.Where(m => m.StartsAtUtc.AddMinutes(m.DurationMinutes) < now).OrderByDescending(m => m.StartsAtUtc).ThenByDescending(m => m.Id)
            : meetings.Where(m => m.StartsAtUtc.AddMinutes(m.DurationMinutes) >= now).OrderBy(m => m.StartsAtUtc).ThenBy(m => m.Id);
        var total = await meetings.CountAsync(ct);
        var rows = await RowsAsync(db, meetings.Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize), ct);
        return new Page<StudyMeetingRow>(rows, total);
    }

    public async Task<StudyMeetingDetail> GetAsync(ClaimsPrincipal principal, int id, CancellationToken ct = default)
    {
        var actor = await ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = (await RowsAsync(db, Visible(db, actor).Where(m => m.Id == id), ct)).FirstOrDefault()
            ?? throw new NotFoundException("Error.StudyMeetingNotFound");
        var meeting = await db.StudyMeetings.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { m.Minutes, m.UpdatedBy, m.UpdatedAtUtc }).FirstAsync(ct);
        var attendance = await db.StudyMeetingAttendance.AsNoTracking().Where(a => a.StudyMeetingId == id)
            .OrderBy(a => a.Participant!.RegionId).ThenBy(a => a.Participant!.FullName)
            .Select(a => new MeetingAttendanceRow(a.Id, a.ParticipantId, a.Participant!.FullName, a.Participant.Function, a.Participant.Organisation,
                a.Participant.RegionId, a.Participant.Audience, a.Status, a.RecordedBy, a.RecordedAtUtc))
            .ToListAsync(ct);
        var today = Today;
        var actions = (await db.FollowUpActions.AsNoTracking().Where(a => a.StudyMeetingId == id).OrderBy(a => a.DueOn).ThenBy(a => a.Id).ToListAsync(ct))
            .Select(a => ToRow(a, today)).ToList();
        return new StudyMeetingDetail(row, meeting.Minutes, meeting.UpdatedBy, meeting.UpdatedAtUtc, attendance, actions);
    }

    /// <summary>The publications a meeting may present: those the General Assembly approved, latest approval first.</summary>
    public async Task<IReadOnlyList<PublicationChoice>> PublicationChoicesAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Publications.AsNoTracking()
            .Where(p => p.AssemblySessionNumber != null && p.AssemblyApprovedOn != null)
            .OrderByDescending(p => p.AssemblyApprovedOn).ThenBy(p => p.TitleFr)
            .Select(p => new PublicationChoice(p.Id, p.TitleFr, p.TitleAr, p.AssemblySessionNumber!.Value, p.AssemblyApprovedOn!.Value))
            .ToListAsync(ct);
    }

    /// <summary>Schedules the presentation of an approved publication; refused, with nothing saved, if it is not approved.</summary>
    public async Task<int> ScheduleAsync(ClaimsPrincipal principal, StudyMeetingInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, ct);
        db.Actor = actor.DisplayName;
        var meeting = new StudyMeeting();
        Apply(meeting, input);
        db.StudyMeetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        await PublishAsync(db, actor, meeting, "StudyMeeting", ChangeKind.Created, ct);
        return meeting.Id;
    }

    /// <summary>Changes a meeting (conflict-safe); a change of publication passes the General Assembly guard again.</summary>
    public async Task UpdateAsync(ClaimsPrincipal principal, int id, StudyMeetingInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.StudyMeetings.Include(m => m.InvitedRegions).FirstOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException("Error.StudyMeetingNotFound");
        await ValidateAsync(db, input, ct);
        var dropped = meeting.InvitedRegions.Select(r => r.RegionId).Except(input.RegionIds).ToList();
        if (dropped.Count > 0 && await db.FollowUpActions.AnyAsync(a => a.StudyMeetingId == id && a.RegionId != null && dropped.Contains(a.RegionId.Value), ct))
        {
            throw new ValidationFailedException([new FieldError(nameof(StudyMeetingInput.RegionIds), "Validation.RegionOwnsActions")]);
        }

        db.Actor = actor.DisplayName;
        Concurrency.Expect(db, meeting, input.Version, () => ToInput(meeting));
        var before = meeting.InvitedRegions.Select(r => r.RegionId).ToList();
        Apply(meeting, input);
        await Concurrency.SaveAsync(db, meeting, () => ToInput(meeting), ct);
        await PublishAsync(db, actor, meeting, "StudyMeeting", ChangeKind.Updated, ct, before);
    }

    /// <summary>Cancels a meeting, or reopens it (which passes the General Assembly guard again).</summary>
    public async Task SetCancelledAsync(ClaimsPrincipal principal, int id, bool cancelled, int version, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = actor.DisplayName;
        var meeting = await db.StudyMeetings.Include(m => m.InvitedRegions).FirstOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException("Error.StudyMeetingNotFound");
        Concurrency.Expect(db, meeting, version, () => ToInput(meeting));
        if (!cancelled)
        {
            await DemandApprovedAsync(db, meeting.PublicationId, ct);
        }

        meeting.IsCancelled = cancelled;
        await Concurrency.SaveAsync(db, meeting, () => ToInput(meeting), ct);
        await PublishAsync(db, actor, meeting, "StudyMeeting", ChangeKind.Updated, ct);
    }

    /// <summary>Records the minutes, once the meeting has started (conflict-safe).</summary>
    public async Task SaveMinutesAsync(ClaimsPrincipal principal, int id, MinutesInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        InputRules.ThrowIfAny(input.Validate());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = actor.DisplayName;
        var meeting = await db.StudyMeetings.Include(m => m.InvitedRegions).FirstOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException("Error.StudyMeetingNotFound");
        if (meeting.StartsAtUtc > clock.GetUtcNow().UtcDateTime)
        {
            throw new ValidationFailedException([new FieldError(nameof(MinutesInput.Minutes), "Validation.MinutesBeforeStart")]);
        }

        Concurrency.Expect(db, meeting, input.Version, () => ToMinutes(meeting));
        meeting.Minutes = InputRules.Clean(input.Minutes);
        await Concurrency.SaveAsync(db, meeting, () => ToMinutes(meeting), ct);
        await PublishAsync(db, actor, meeting, "StudyMeeting", ChangeKind.Updated, ct);
    }

    /// <summary>The members of the invited councils' participatory bodies, to add to the attendance.</summary>
    public async Task<IReadOnlyList<MeetingMemberChoice>> MemberChoicesAsync(ClaimsPrincipal principal, int meetingId, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var regions = await InvitedRegionsAsync(db, meetingId, ct);
        var added = db.StudyMeetingAttendance.Where(a => a.StudyMeetingId == meetingId).Select(a => a.Participant!.BodyMemberId);
        return await db.BodyMembers.AsNoTracking().Where(m => regions.Contains(m.Body!.RegionId))
            .OrderBy(m => m.Body!.RegionId).ThenBy(m => m.FullName)
            .Select(m => new MeetingMemberChoice(m.Id, m.FullName, m.Organisation, m.Body!.NameFr, m.Body.Kind, m.Body.RegionId, added.Contains(m.Id)))
            .ToListAsync(ct);
    }

    /// <summary>Adds body members of the invited councils to the attendance (all of them, or none).</summary>
    public async Task AddMembersAsync(ClaimsPrincipal principal, int meetingId, IReadOnlyCollection<int> bodyMemberIds, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var regions = await InvitedRegionsAsync(db, meetingId, ct);
        var ids = bodyMemberIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new ValidationFailedException([new FieldError("", "Validation.ChooseMembers")]);
        }

        var members = await db.BodyMembers.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.FullName, m.Organisation, m.Gender, m.Body!.RegionId }).ToListAsync(ct);
        if (members.Count != ids.Count)
        {
            throw new NotFoundException("Error.MemberNotFound");
        }

        if (members.Any(m => !regions.Contains(m.RegionId)))
        {
            throw new ValidationFailedException([new FieldError("BodyMemberIds", "Validation.RegionNotInvited")]);
        }

        var participants = await db.Participants.Where(p => p.BodyMemberId != null && ids.Contains(p.BodyMemberId.Value)).ToListAsync(ct);
        var toAdd = new List<Participant>();
        foreach (var member in members)
        {
            var participant = participants.FirstOrDefault(p => p.BodyMemberId == member.Id);
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
                    PersonalCode = await RegistrationsService.NewCodeAsync(db, ct),
                };
                db.Participants.Add(participant);
            }

            toAdd.Add(participant);
        }

        await AddAttendanceAsync(db, actor, meetingId, toAdd, ct);
    }

    /// <summary>Adds someone by name (a known e-mail address is the same participant), from one of the invited regions.</summary>
    public async Task AddPersonAsync(ClaimsPrincipal principal, int meetingId, ParticipantInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        InputRules.ThrowIfAny(input.Validate());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var regions = await InvitedRegionsAsync(db, meetingId, ct);
        if (!regions.Contains(input.RegionId!.Value))
        {
            throw new ValidationFailedException([new FieldError(nameof(input.RegionId), "Validation.RegionNotInvited")]);
        }

        var participant = await RegistrationsService.FindOrCreateAsync(db, input, ct);
        await AddAttendanceAsync(db, actor, meetingId, [participant], ct);
    }

    /// <summary>Marks someone Present, Late, Excused or Absent (or clears the mark); Present, Late and Absent once the meeting has started.</summary>
    public async Task MarkAsync(ClaimsPrincipal principal, int attendanceId, AttendanceStatus? status, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attendance = await db.StudyMeetingAttendance.FirstOrDefaultAsync(a => a.Id == attendanceId, ct)
            ?? throw new NotFoundException("Error.AttendeeNotFound");
        var meeting = await db.StudyMeetings.AsNoTracking().Include(m => m.InvitedRegions).FirstAsync(m => m.Id == attendance.StudyMeetingId, ct);
        if (status is { } s && !Enum.IsDefined(s))
        {
            throw new ValidationFailedException([new FieldError("Status", "Validation.Choose")]);
        }

        if (meeting.IsCancelled)
        {
            throw new ValidationFailedException([new FieldError("", "Validation.MeetingCancelled")]);
        }

        if (status is AttendanceStatus.Present or AttendanceStatus.Late or AttendanceStatus.Absent
            && meeting.StartsAtUtc > clock.GetUtcNow().UtcDateTime)
        {
            throw new ValidationFailedException([new FieldError("", "Validation.AttendanceBeforeStart")]);
        }

        attendance.Status = status;
        attendance.RecordedBy = actor.DisplayName;
        attendance.RecordedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await PublishAsync(db, actor, meeting, "Attendance", ChangeKind.Updated, ct);
    }

    /// <summary>Takes someone off the attendance list (added by mistake).</summary>
    public async Task RemoveAttendeeAsync(ClaimsPrincipal principal, int attendanceId, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attendance = await db.StudyMeetingAttendance.FirstOrDefaultAsync(a => a.Id == attendanceId, ct)
            ?? throw new NotFoundException("Error.AttendeeNotFound");
        db.StudyMeetingAttendance.Remove(attendance);
        await db.SaveChangesAsync(ct);
        var meeting = await db.StudyMeetings.AsNoTracking().Include(m => m.InvitedRegions).FirstAsync(m => m.Id == attendance.StudyMeetingId, ct);
        await PublishAsync(db, actor, meeting, "Attendance", ChangeKind.Deleted, ct);
    }

    public async Task<int> AddActionAsync(ClaimsPrincipal principal, int meetingId, FollowUpInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.StudyMeetings.AsNoTracking().Include(m => m.InvitedRegions).FirstOrDefaultAsync(m => m.Id == meetingId, ct)
            ?? throw new NotFoundException("Error.StudyMeetingNotFound");
        ValidateAction(meeting, input);
        db.Actor = actor.DisplayName;
        var action = new FollowUpAction { StudyMeetingId = meetingId, Description = "", Owner = "" };
        Apply(action, input);
        db.FollowUpActions.Add(action);
        await db.SaveChangesAsync(ct);
        await PublishAsync(db, actor, meeting, "FollowUpAction", ChangeKind.Created, ct);
        return action.Id;
    }

    /// <summary>Changes a follow-up action (CESE staff; conflict-safe).</summary>
    public async Task UpdateActionAsync(ClaimsPrincipal principal, int actionId, FollowUpInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.RunCeseSessions, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var action = await db.FollowUpActions.FirstOrDefaultAsync(a => a.Id == actionId, ct) ?? throw new NotFoundException("Error.ActionNotFound");
        var meeting = await db.StudyMeetings.AsNoTracking().Include(m => m.InvitedRegions).FirstAsync(m => m.Id == action.StudyMeetingId, ct);
        ValidateAction(meeting, input);
        db.Actor = actor.DisplayName;
        Concurrency.Expect(db, action, input.Version, () => ToInput(action));
        Apply(action, input);
        await Concurrency.SaveAsync(db, action, () => ToInput(action), ct);
        await PublishAsync(db, actor, meeting, "FollowUpAction", ChangeKind.Updated, ct);
    }

    /// <summary>
    /// Moves a follow-up action to <paramref name="status"/>: CESE staff for any action; a regional officer for an action
    /// their region owns (on a meeting their region is invited to; any other meeting is not found to them).
    /// </summary>
    public async Task SetActionStatusAsync(ClaimsPrincipal principal, int actionId, FollowUpStatus status, int version, CancellationToken ct = default)
    {
        var reader = await ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var action = await db.FollowUpActions.FirstOrDefaultAsync(a => a.Id == actionId, ct) ?? throw new NotFoundException("Error.ActionNotFound");
        var meeting = await db.StudyMeetings.AsNoTracking().Include(m => m.InvitedRegions).FirstAsync(m => m.Id == action.StudyMeetingId, ct);
        if (!CeseAccess.CanSee(reader, meeting.InvitedRegions.Select(r => r.RegionId)))
        {
            throw new NotFoundException("Error.ActionNotFound");
        }

        var actor = await access.DemandAsync(principal, UseCase.UpdateFollowUpActions, action.RegionId, ct);
        if (!Enum.IsDefined(status))
        {
            throw new ValidationFailedException([new FieldError(nameof(FollowUpInput.Status), "Validation.Choose")]);
        }

        db.Actor = actor.DisplayName;
        Concurrency.Expect(db, action, version, () => ToInput(action));
        action.Status = status;
        await Concurrency.SaveAsync(db, action, () => ToInput(action), ct);
        await PublishAsync(db, actor, meeting, "FollowUpAction", ChangeKind.Updated, ct);
    }

    /// <summary>The reader: every role reads CESE engagement (an officer, what concerns their own region).</summary>
    private async Task<Actor> ReaderAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        var actor = await access.FindActorAsync(principal, ct) ?? throw new AccessDeniedException("Error.SignedOut");
        return actor.Can(UseCase.ReadCeseEngagement, actor.Role == WorkspaceRole.RegionalOfficer ? actor.RegionId : null)
            ? actor
            : throw new AccessDeniedException();
    }

    /// <summary>The local (Morocco) date today: an action due before it and not done or cancelled is overdue.</summary>
    private DateOnly Today => DateOnly.FromDateTime(time.Now);

    internal static FollowUpRow ToRow(FollowUpAction a, DateOnly today) =>
        new(a.Id, a.Description, a.Owner, a.RegionId, a.DueOn, a.Status, IsOverdue(a.Status, a.DueOn, today), a.UpdatedBy, a.UpdatedAtUtc, a.Version);

    internal static bool IsOverdue(FollowUpStatus status, DateOnly dueOn, DateOnly today) =>
        status is FollowUpStatus.Open or FollowUpStatus.InProgress && dueOn < today;

    /// <summary>The meetings <paramref name="actor"/> may see: all, or for an officer those their region is invited to.</summary>
    private static IQueryable<StudyMeeting> Visible(AppDbContext db, Actor actor)
    {
        var meetings = db.StudyMeetings.AsNoTracking();
        if (actor.Role == WorkspaceRole.RegionalOfficer)
        {
            var own = actor.RegionId ?? -1;
            meetings = meetings.Where(m => m.InvitedRegions.Any(r => r.RegionId == own));
        }

        return meetings;
    }

    private static async Task<List<StudyMeetingRow>> RowsAsync(AppDbContext db, IQueryable<StudyMeeting> meetings, CancellationToken ct)
    {
        var basics = await meetings.Select(m => new
        {
            m.Id, m.PublicationId, m.Publication!.TitleFr, m.Publication.TitleAr, m.Publication.Kind, m.StartsAtUtc, m.DurationMinutes, m.Place, m.OnlineLink, m.IsCancelled,
            Attended = m.Attendance.Count(a => a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late),
            OpenActions = m.Actions.Count(a => a.Status == FollowUpStatus.Open || a.Status == FollowUpStatus.InProgress),
            m.Version,
        }).ToListAsync(ct);
        var ids = basics.Select(b => b.Id).ToList();
        var regions = (await db.StudyMeetingRegions.AsNoTracking().Where(r => ids.Contains(r.StudyMeetingId)).Select(r => new { r.StudyMeetingId, r.RegionId }).ToListAsync(ct))
            .ToLookup(r => r.StudyMeetingId, r => r.RegionId);
        return basics.Select(m => new StudyMeetingRow(m.Id, m.PublicationId, m.TitleFr, m.TitleAr, m.Kind, m.StartsAtUtc, m.DurationMinutes, m.Place, m.OnlineLink,
            m.IsCancelled, regions[m.Id].Order().ToList(), m.Attended, m.OpenActions, m.Version)).ToList();
    }

    private static async Task<List<int>> InvitedRegionsAsync(AppDbContext db, int meetingId, CancellationToken ct)
    {
        var meeting = await db.StudyMeetings.AsNoTracking().Where(m => m.Id == meetingId)
            .Select(m => new { m.IsCancelled, Regions = m.InvitedRegions.Select(r => r.RegionId).ToList() }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Error.StudyMeetingNotFound");
        if (meeting.IsCancelled)
        {
            throw new ValidationFailedException([new FieldError("", "Validation.MeetingCancelled")]);
        }

        return meeting.Regions;
    }

    /// <summary>Adds participants tracked by <paramref name="db"/> to the attendance, unmarked; refused if one is already on it.</summary>
    private async Task AddAttendanceAsync(AppDbContext db, Actor actor, int meetingId, IReadOnlyList<Participant> participants, CancellationToken ct)
    {
        var knownIds = participants.Where(p => p.Id != 0).Select(p => p.Id).ToList();
        if (knownIds.Count > 0 && await db.StudyMeetingAttendance.AnyAsync(a => a.StudyMeetingId == meetingId && knownIds.Contains(a.ParticipantId), ct))
        {
            throw new ValidationFailedException([new FieldError("", "Validation.AlreadyAttending")]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var participant in participants)
        {
            db.StudyMeetingAttendance.Add(new StudyMeetingAttendance { StudyMeetingId = meetingId, Participant = participant, RecordedBy = actor.DisplayName, RecordedAtUtc = now });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone added the same person at the same moment: the unique index refused the second.
            throw new ValidationFailedException([new FieldError("", "Validation.AlreadyAttending")]);
        }

        var meeting = await db.StudyMeetings.AsNoTracking().Include(m => m.InvitedRegions).FirstAsync(m => m.Id == meetingId, ct);
        await PublishAsync(db, actor, meeting, "Attendance", ChangeKind.Created, ct);
    }

    /// <summary>The input's own rules, the regions and the General Assembly guard: nothing is saved unless all pass.</summary>
    private static async Task ValidateAsync(AppDbContext db, StudyMeetingInput input, CancellationToken ct)
    {
        var errors = input.Validate();
        var regionIds = input.RegionIds.Distinct().ToList();
        if (regionIds.Count > 0 && await db.Regions.CountAsync(r => regionIds.Contains(r.Id), ct) != regionIds.Count)
        {
            errors.Add(new(nameof(StudyMeetingInput.RegionIds), "Validation.Choose"));
        }

        InputRules.ThrowIfAny(errors);
        await DemandApprovedAsync(db, input.PublicationId!.Value, ct);
    }

    /// <summary>The General Assembly guard (C6): only an approved publication may be presented.</summary>
    private static async Task DemandApprovedAsync(AppDbContext db, int publicationId, CancellationToken ct)
    {
        var publication = await db.Publications.AsNoTracking().Where(p => p.Id == publicationId)
            .Select(p => new { p.TitleFr, p.AssemblySessionNumber, p.AssemblyApprovedOn }).FirstOrDefaultAsync(ct);
        if (publication is null)
        {
            throw new ValidationFailedException([new FieldError(nameof(StudyMeetingInput.PublicationId), "Validation.Choose")]);
        }

        if (publication.AssemblySessionNumber is null || publication.AssemblyApprovedOn is null)
        {
            throw new ValidationFailedException([new FieldError(nameof(StudyMeetingInput.PublicationId), "Validation.PublicationNotApproved", publication.TitleFr)]);
        }
    }

    private void ValidateAction(StudyMeeting meeting, FollowUpInput input)
    {
        var errors = input.Validate();
        if (input.RegionId is int region && meeting.InvitedRegions.All(r => r.RegionId != region))
        {
            errors.Add(new(nameof(FollowUpInput.RegionId), "Validation.RegionNotInvited"));
        }

        var meetingDay = DateOnly.FromDateTime(time.ToLocal(meeting.StartsAtUtc));
        if (input.DueOn is { } due && DateOnly.FromDateTime(due) < meetingDay && !errors.Any(e => e.Field == nameof(FollowUpInput.DueOn)))
        {
            errors.Add(new(nameof(FollowUpInput.DueOn), "Validation.DueBeforeMeeting", meetingDay.ToString("d", System.Globalization.CultureInfo.CurrentCulture)));
        }

        InputRules.ThrowIfAny(errors);
    }

    private void Apply(StudyMeeting m, StudyMeetingInput input)
    {
        m.PublicationId = input.PublicationId!.Value;
        m.StartsAtUtc = time.ToUtc(input.StartsAt!.Value);
        m.DurationMinutes = input.DurationMinutes!.Value;
        m.Place = InputRules.Clean(input.Place);
        m.OnlineLink = InputRules.Clean(input.OnlineLink);
        var regions = input.RegionIds.Distinct().ToList();
        m.InvitedRegions.RemoveAll(r => !regions.Contains(r.RegionId));
        m.InvitedRegions.AddRange(regions.Where(id => m.InvitedRegions.All(r => r.RegionId != id)).Select(id => new StudyMeetingRegion { RegionId = id }));
    }

    private static void Apply(FollowUpAction a, FollowUpInput input)
    {
        a.Description = input.Description.Trim();
        a.Owner = input.Owner.Trim();
        a.RegionId = input.RegionId;
        a.DueOn = DateOnly.FromDateTime(input.DueOn!.Value);
        a.Status = input.Status!.Value;
    }

    internal StudyMeetingInput ToInput(StudyMeeting m) => new()
    {
        PublicationId = m.PublicationId,
        StartsAt = time.ToLocal(m.StartsAtUtc),
        DurationMinutes = m.DurationMinutes,
        Place = m.Place,
        OnlineLink = m.OnlineLink,
        RegionIds = m.InvitedRegions.Select(r => r.RegionId).Order().ToList(),
        Version = m.Version,
    };

    internal static MinutesInput ToMinutes(StudyMeeting m) => new() { Minutes = m.Minutes, Version = m.Version };

    internal static FollowUpInput ToInput(FollowUpAction a) => new()
    {
        Description = a.Description,
        Owner = a.Owner,
        RegionId = a.RegionId,
        DueOn = a.DueOn.ToDateTime(TimeOnly.MinValue),
        Status = a.Status,
        Version = a.Version,
    };

    /// <summary>
    /// Tells the invited regions (and every other role) about a change; <paramref name="formerRegions"/> are told too, so a
    /// region taken off the invitation sees the meeting leave its list.
    /// </summary>
    private async Task PublishAsync(AppDbContext db, Actor actor, StudyMeeting meeting, string entityType, ChangeKind kind, CancellationToken ct, IReadOnlyList<int>? formerRegions = null)
    {
        var regions = meeting.InvitedRegions.Select(r => r.RegionId).Concat(formerRegions ?? []).Distinct().Order().ToList();
        var publication = await db.Publications.AsNoTracking().Where(p => p.Id == meeting.PublicationId).Select(p => p.TitleFr).FirstOrDefaultAsync(ct);
        var title = $"{publication} · {time.ToLocal(meeting.StartsAtUtc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)}";
        await changes.PublishAsync(actor, new Change(
            Capability.StudyMeetings, entityType, meeting.Id, null, kind, meeting.Version, title, $"/study-meetings/{meeting.Id}", MeetingKey(meeting.Id),
            Audience.ConcernedRegions, regions));
    }
}

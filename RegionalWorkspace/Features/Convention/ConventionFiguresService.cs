using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.StudyMeetings;
using RegionalWorkspace.Features.SupportActions;
using RegionalWorkspace.Features.Trainings;

namespace RegionalWorkspace.Features.Convention;

/// <summary>
/// The convention's figures for a period (<see cref="ConventionFigures"/>): counts are aggregated by the database, lists
/// are read with one query each, and the regions' table and the months are put together from them. Only those who follow
/// the convention (<see cref="UseCase.FollowConvention"/>) may compute them; drafts are never counted.
/// </summary>
public sealed class ConventionFiguresService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessControl access,
    WorkspaceTime time,
    TimeProvider clock)
{
    /// <summary>Parses <paramref name="period"/> ("2026", "2026-T3", "2026-01-01..2026-06-30"), then computes.</summary>
    public Task<ConventionFigures> ComputeAsync(ClaimsPrincipal principal, string? period, CancellationToken ct = default) =>
        ComputeAsync(principal, ConventionPeriod.Parse(period), ct);

    public async Task<ConventionFigures> ComputeAsync(ClaimsPrincipal principal, ConventionPeriod period, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        await access.DemandAsync(principal, UseCase.FollowConvention, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var span = Span.Of(period, time, clock.GetUtcNow().UtcDateTime);

        var regions = await db.Regions.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.Code, r.NameFr, r.NameAr }).ToListAsync(ct);
        var regionIds = regions.Select(r => r.Id).ToList();
        var bodies = await BodiesAsync(db, span, ct);
        var trainings = await TrainingsAsync(db, span, regionIds, ct);
        var studies = await StudiesAsync(db, span, ct);
        var listening = await ListeningAsync(db, span, regionIds, ct);
        var meetings = await MeetingsAsync(db, span, ct);
        var support = await SupportAsync(db, span, ct);
        var bodyMeetingsByMonth = await db.BodyMeetings.AsNoTracking()
            .Where(m => m.Status == MeetingStatus.Held && m.Date >= period.From && m.Date <= period.To)
            .GroupBy(m => new { m.Date.Year, m.Date.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToDictionaryAsync(g => (g.Year, g.Month), g => g.Count, ct);

        var regionRows = regions.Select(r => new RegionFigures(
            r.Id, r.Code, r.NameFr, r.NameAr,
            bodies.BodyList.Count(b => b.RegionId == r.Id && b.Status == BodyStatus.Active),
            bodies.BodyList.Where(b => b.RegionId == r.Id).Sum(b => b.Members),
            bodies.BodyList.Where(b => b.RegionId == r.Id).Sum(b => b.MeetingsHeld),
            bodies.PracticeList.Count(p => p.RegionId == r.Id),
            bodies.AdoptionList.Count(a => a.RegionId == r.Id),
            trainings.AttendedByRegion.GetValueOrDefault(r.Id),
            studies.Requests.Count(s => s.RegionIds.Contains(r.Id)),
            listening.ContributionsByRegion.GetValueOrDefault(r.Id),
            meetings.MeetingList.Count(m => m.RegionIds.Contains(r.Id)),
            meetings.ActionList.Count(a => a.RegionId == r.Id),
            meetings.ActionList.Count(a => a.RegionId == r.Id && a.IsOverdue))
        {
            SupportActions = support.ActionList.Count(a => a.RegionId == r.Id),
        }).ToList();

        var months = period.Months().Select(m => new MonthFigures(
            m.Year, m.Month,
            bodyMeetingsByMonth.GetValueOrDefault((m.Year, m.Month)),
            bodies.PracticeList.Count(p => SameMonth(p.PublishedOn, m)),
            bodies.AdoptionList.Count(a => SameMonth(a.On, m)),
            trainings.Sessions.Count(s => SameMonth(s.StartsAtLocal, m)),
            trainings.Sessions.Where(s => SameMonth(s.StartsAtLocal, m)).Sum(s => s.Attended),
            studies.Requests.Count(s => SameMonth(s.SubmittedOn, m) && period.Contains(s.SubmittedOn)),
            listening.Sessions.Count(s => SameMonth(s.StartsAtLocal, m)),
            listening.Sessions.Where(s => SameMonth(s.StartsAtLocal, m)).Sum(s => s.Contributions),
            meetings.MeetingList.Count(s => SameMonth(s.StartsAtLocal, m)))
        {
            SupportActionsStarted = support.ActionList.Count(a => SameMonth(a.StartsOn, m) && period.Contains(a.StartsOn)),
        }).ToList();

        return new ConventionFigures(period, span.NowUtc, bodies, trainings, studies, listening, meetings, regionRows, months) { Support = support };
    }

    private async Task<BodiesFigures> BodiesAsync(AppDbContext db, Span span, CancellationToken ct)
    {
        var (from, to, start, end) = (span.From, span.To, span.StartUtc, span.EndUtc);
        var bodies = await db.Bodies.AsNoTracking().OrderBy(b => b.RegionId).ThenBy(b => b.Kind).ThenBy(b => b.NameFr).ThenBy(b => b.Id)
            .Select(b => new BodyRow(
                b.Id, b.RegionId, b.Kind, b.NameFr, b.NameAr, b.Status,
                b.Members.Count(m => m.MandateStart <= to && (m.MandateEnd == null || m.MandateEnd >= from)),
                b.Members.Count(m => m.MandateStart <= to && (m.MandateEnd == null || m.MandateEnd >= from) && m.Gender == Gender.Female),
                b.Members.Count(m => m.MandateStart <= to && (m.MandateEnd == null || m.MandateEnd >= from) && m.Gender == Gender.Male),
                b.Meetings.Count(m => m.Status == MeetingStatus.Held && m.Date >= from && m.Date <= to),
                b.Meetings.Where(m => m.Status == MeetingStatus.Held && m.Date >= from && m.Date <= to).SelectMany(m => m.Outputs).Count()))
            .ToListAsync(ct);

        var practices = await db.Practices.AsNoTracking()
            .Where(p => p.Status != PracticeStatus.Draft && p.PublishedAtUtc >= start && p.PublishedAtUtc < end)
            .OrderBy(p => p.PublishedAtUtc).ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.RegionId,
                TitleFr = p.Texts.Where(t => t.Language == "fr").Select(t => t.Title).FirstOrDefault() ?? p.Texts.OrderBy(t => t.Language).Select(t => t.Title).FirstOrDefault(),
                TitleAr = p.Texts.Where(t => t.Language == "ar").Select(t => t.Title).FirstOrDefault(),
                p.Commitment,
                p.Themes,
                PublishedAtUtc = p.PublishedAtUtc!.Value,
                Adoptions = p.Adoptions.Count(a => a.AtUtc >= start && a.AtUtc < end),
            })
            .ToListAsync(ct);

        var adoptions = await db.PracticeAdoptions.AsNoTracking()
            .Where(a => a.AtUtc >= start && a.AtUtc < end)
            .Join(db.Practices.Where(p => p.Status != PracticeStatus.Draft), a => a.PracticeId, p => p.Id, (a, p) => new
            {
                a.PracticeId,
                TitleFr = p.Texts.Where(t => t.Language == "fr").Select(t => t.Title).FirstOrDefault() ?? p.Texts.OrderBy(t => t.Language).Select(t => t.Title).FirstOrDefault(),
                TitleAr = p.Texts.Where(t => t.Language == "ar").Select(t => t.Title).FirstOrDefault(),
                PracticeRegionId = p.RegionId,
                a.RegionId,
                a.AtUtc,
                a.Id,
            })
            .OrderBy(a => a.AtUtc).ThenBy(a => a.Id)
            .ToListAsync(ct);

        return new BodiesFigures(
            bodies.Count,
            bodies.Count(b => b.Status == BodyStatus.Active),
            bodies.Count(b => b.MeetingsHeld > 0),
            bodies.Sum(b => b.Members),
            bodies.Sum(b => b.Women),
            bodies.Sum(b => b.Men),
            bodies.Sum(b => b.MeetingsHeld),
            bodies.Sum(b => b.Outputs),
            practices.Count,
            adoptions.Count,
            bodies,
            practices.Select(p => new PracticeRow(p.Id, p.RegionId, p.TitleFr ?? "", p.TitleAr, p.Commitment, p.Themes, LocalDay(p.PublishedAtUtc), p.Adoptions)).ToList(),
            adoptions.Select(a => new AdoptionRow(a.PracticeId, a.TitleFr ?? "", a.TitleAr, a.PracticeRegionId, a.RegionId, LocalDay(a.AtUtc))).ToList());
    }

    private async Task<TrainingFigures> TrainingsAsync(AppDbContext db, Span span, List<int> regionIds, CancellationToken ct)
    {
        var (start, end, heldUntil) = (span.StartUtc, span.EndUtc, span.HeldUntilUtc);
        var held = db.TrainingSessions.AsNoTracking().Where(s => !s.IsCancelled && s.StartsAtUtc >= start && s.StartsAtUtc < heldUntil);
        var planned = await db.TrainingSessions.CountAsync(s => !s.IsCancelled && s.StartsAtUtc >= heldUntil && s.StartsAtUtc < end, ct);
        var cancelled = await db.TrainingSessions.CountAsync(s => s.IsCancelled && s.StartsAtUtc >= start && s.StartsAtUtc < end, ct);

        // One row per session, mark, region, gender and audience: the database counts, whatever the number of people.
        var groups = await (
                from s in held
                join r in db.Registrations on s.Id equals r.SessionId
                where r.Status == RegistrationStatus.Registered
                join p in db.Participants on r.ParticipantId equals p.Id
                join m in db.AttendanceMarks on new { r.SessionId, r.ParticipantId } equals new { m.SessionId, m.ParticipantId } into marks
                from m in marks.DefaultIfEmpty()
                group r by new { r.SessionId, Status = m == null ? (AttendanceStatus?)null : m.Status, p.RegionId, p.Gender, p.Audience } into g
                select new { g.Key.SessionId, g.Key.Status, g.Key.RegionId, g.Key.Gender, g.Key.Audience, Count = g.Count() })
            .ToListAsync(ct);
        var distinct = await (
                from s in held
                join r in db.Registrations on s.Id equals r.SessionId
                where r.Status == RegistrationStatus.Registered
                join m in db.AttendanceMarks on new { r.SessionId, r.ParticipantId } equals new { m.SessionId, m.ParticipantId }
                where m.Status == AttendanceStatus.Present || m.Status == AttendanceStatus.Late
                select r.ParticipantId)
            .Distinct().CountAsync(ct);
        var sessions = await held.OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                s.Programme!.Title,
                s.Programme.TitleAr,
                s.StartsAtUtc,
                s.DurationMinutes,
                s.Place,
                IsOnline = s.OnlineLink != null,
                Regions = s.Regions.OrderBy(r => r.RegionId).Select(r => r.RegionId).ToList(),
            })
            .ToListAsync(ct);

        var attended = groups.Where(g => g.Status is AttendanceStatus.Present or AttendanceStatus.Late).ToList();
        int Count(int sessionId, AttendanceStatus status) => groups.Where(g => g.SessionId == sessionId && g.Status == status).Sum(g => g.Count);
        var rows = sessions.Select(s => new TrainingSessionRow(
            s.Id, s.Title, s.TitleAr, time.ToLocal(s.StartsAtUtc), s.DurationMinutes, s.Place, s.IsOnline, s.Regions,
            groups.Where(g => g.SessionId == s.Id).Sum(g => g.Count),
            Count(s.Id, AttendanceStatus.Present), Count(s.Id, AttendanceStatus.Late), Count(s.Id, AttendanceStatus.Excused), Count(s.Id, AttendanceStatus.Absent),
            attended.Where(g => g.SessionId == s.Id && g.Gender == Gender.Female).Sum(g => g.Count),
            attended.Where(g => g.SessionId == s.Id && g.Gender == Gender.Male).Sum(g => g.Count))).ToList();

        return new TrainingFigures(
            rows.Count,
            planned,
            cancelled,
            groups.Sum(g => g.Count),
            attended.Sum(g => g.Count),
            distinct,
            Enum.GetValues<AttendanceStatus>().ToDictionary(v => v, v => groups.Where(g => g.Status == v).Sum(g => g.Count)),
            groups.Where(g => g.Status is null).Sum(g => g.Count),
            regionIds.ToDictionary(id => id, id => attended.Where(g => g.RegionId == id).Sum(g => g.Count)),
            Enum.GetValues<Gender>().ToDictionary(v => v, v => attended.Where(g => g.Gender == v).Sum(g => g.Count)),
            Enum.GetValues<ParticipantAudience>().ToDictionary(v => v, v => attended.Where(g => g.Audience == v).Sum(g => g.Count)),
            rows);
    }

    private async Task<StudyFigures> StudiesAsync(AppDbContext db, Span span, CancellationToken ct)
    {
        var (start, end) = (span.StartUtc, span.EndUtc);
        var events = db.StudyRequestEvents.AsNoTracking().Where(h => h.AtUtc >= start && h.AtUtc < end);
        var outcomes = await events
            .Where(h => h.ToStatus == StudyRequestStatus.Accepted || h.ToStatus == StudyRequestStatus.Declined || h.ToStatus == StudyRequestStatus.Published)
            .GroupBy(h => h.ToStatus)
            .Select(g => new { Status = g.Key, Requests = g.Select(h => h.StudyRequestId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Requests, ct);
        var decided = await events.Where(h => h.ToStatus == StudyRequestStatus.Accepted || h.ToStatus == StudyRequestStatus.Declined)
            .Select(h => h.StudyRequestId).Distinct().CountAsync(ct);
        var requests = await db.StudyRequests.AsNoTracking()
            .Where(r => (r.SubmittedAtUtc >= start && r.SubmittedAtUtc < end) || r.History.Any(h => h.AtUtc >= start && h.AtUtc < end))
            .OrderBy(r => r.SubmittedAtUtc).ThenBy(r => r.Id)
            .Select(r => new
            {
                r.Id,
                r.Title,
                r.Requester,
                r.Scope,
                r.Status,
                r.SubmittedAtUtc,
                r.Commission,
                Regions = r.Regions.OrderBy(x => x.RegionId).Select(x => x.RegionId).ToList(),
                DecidedAtUtc = r.History.Where(h => h.ToStatus == StudyRequestStatus.Accepted || h.ToStatus == StudyRequestStatus.Declined).Max(h => (DateTime?)h.AtUtc),
            })
            .ToListAsync(ct);

        var rows = requests.Select(r => new StudyRequestRow(
            r.Id, r.Title, r.Requester, r.Scope, r.Status, LocalDay(r.SubmittedAtUtc), r.Commission, r.Regions,
            r.DecidedAtUtc is { } decidedAt ? LocalDay(decidedAt) : null)).ToList();
        return new StudyFigures(
            requests.Count(r => r.SubmittedAtUtc >= start && r.SubmittedAtUtc < end),
            decided,
            outcomes.GetValueOrDefault(StudyRequestStatus.Accepted),
            outcomes.GetValueOrDefault(StudyRequestStatus.Declined),
            outcomes.GetValueOrDefault(StudyRequestStatus.Published),
            Enum.GetValues<StudyRequestStatus>().ToDictionary(v => v, v => rows.Count(r => r.Status == v)),
            rows);
    }

    private async Task<ListeningFigures> ListeningAsync(AppDbContext db, Span span, List<int> regionIds, CancellationToken ct)
    {
        var (start, end, heldUntil) = (span.StartUtc, span.EndUtc, span.HeldUntilUtc);
        var held = db.ListeningSessions.AsNoTracking().Where(s => !s.IsCancelled && s.StartsAtUtc >= start && s.StartsAtUtc < heldUntil);
        var planned = await db.ListeningSessions.CountAsync(s => !s.IsCancelled && s.StartsAtUtc >= heldUntil && s.StartsAtUtc < end, ct);
        var sessions = await held.OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                s.Topic,
                s.TopicAr,
                s.StartsAtUtc,
                s.Place,
                Regions = s.InvitedRegions.OrderBy(r => r.RegionId).Select(r => r.RegionId).ToList(),
                Bodies = s.InvitedBodies.Count,
                Participants = s.Participants.Count,
                Contributions = s.Contributions.Count,
                HasMinutes = s.Minutes != null,
            })
            .ToListAsync(ct);
        var byRegion = await (
                from c in db.Contributions
                join s in held on c.ListeningSessionId equals s.Id
                group c by c.RegionId into g
                select new { RegionId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.RegionId, g => g.Count, ct);

        return new ListeningFigures(
            sessions.Count,
            planned,
            sessions.Sum(s => s.Contributions),
            sessions.SelectMany(s => s.Regions).Distinct().Count(),
            sessions.Sum(s => s.Participants),
            regionIds.ToDictionary(id => id, id => byRegion.GetValueOrDefault(id)),
            sessions.Select(s => new ListeningSessionRow(s.Id, s.Topic, s.TopicAr, time.ToLocal(s.StartsAtUtc), s.Place, s.Regions, s.Bodies, s.Participants, s.Contributions, s.HasMinutes)).ToList());
    }

    private async Task<MeetingFigures> MeetingsAsync(AppDbContext db, Span span, CancellationToken ct)
    {
        var (start, end, heldUntil) = (span.StartUtc, span.EndUtc, span.HeldUntilUtc);
        var held = db.StudyMeetings.AsNoTracking().Where(s => !s.IsCancelled && s.StartsAtUtc >= start && s.StartsAtUtc < heldUntil);
        var planned = await db.StudyMeetings.CountAsync(s => !s.IsCancelled && s.StartsAtUtc >= heldUntil && s.StartsAtUtc < end, ct);
        var meetings = await held.OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                s.Publication!.TitleFr,
                s.Publication.TitleAr,
                s.Publication.Kind,
                s.StartsAtUtc,
                s.Place,
                Regions = s.InvitedRegions.OrderBy(r => r.RegionId).Select(r => r.RegionId).ToList(),
                Attended = s.Attendance.Count(a => a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late),
                Actions = s.Actions.Count,
            })
            .ToListAsync(ct);
        var today = span.Today;
        var actions = await db.FollowUpActions.AsNoTracking()
            .Where(a => held.Any(s => s.Id == a.StudyMeetingId))
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .Select(a => new FollowUpRow(a.Id, a.StudyMeetingId, a.Description, a.Owner, a.RegionId, a.DueOn, a.Status,
                (a.Status == FollowUpStatus.Open || a.Status == FollowUpStatus.InProgress) && a.DueOn < today))
            .ToListAsync(ct);

        return new MeetingFigures(
            meetings.Count,
            planned,
            meetings.Sum(m => m.Attended),
            actions.Count,
            actions.Count(a => a.IsOverdue),
            Enum.GetValues<FollowUpStatus>().ToDictionary(v => v, v => actions.Count(a => a.Status == v)),
            meetings.Select(m => new StudyMeetingRow(m.Id, m.TitleFr, m.TitleAr, m.Kind, time.ToLocal(m.StartsAtUtc), m.Place, m.Regions, m.Attended, m.Actions)).ToList(),
            actions);
    }

    private static async Task<SupportFigures> SupportAsync(AppDbContext db, Span span, CancellationToken ct)
    {
        var (from, to) = (span.From, span.To);
        // Started in the period, or started before and still running in it: an end date after the start of the period,
        // or no end date yet while planned or in progress.
        var actions = await db.SupportActions.AsNoTracking()
            .Where(a => (a.StartsOn >= from && a.StartsOn <= to)
                || (a.StartsOn < from && a.Status != SupportStatus.Cancelled
                    && (a.EndsOn != null ? a.EndsOn >= from : a.Status == SupportStatus.Planned || a.Status == SupportStatus.InProgress)))
            .OrderBy(a => a.StartsOn).ThenBy(a => a.Id)
            .Select(a => new SupportActionRow(
                a.Id, a.RegionId, a.Theme, a.Kind, a.TitleFr, a.TitleAr, a.SupportedBy, a.Status, a.StartsOn, a.EndsOn,
                a.Practices.Count, a.Bodies.Count))
            .ToListAsync(ct);

        return new SupportFigures(
            actions.Count,
            actions.Count(a => a.StartsOn >= from),
            actions.Count(a => a.Status == SupportStatus.Completed && a.EndsOn is { } end && end >= from && end <= to),
            actions.Select(a => a.RegionId).Distinct().Count(),
            Enum.GetValues<SupportTheme>().ToDictionary(v => v, v => actions.Count(a => a.Theme == v)),
            Enum.GetValues<SupportStatus>().ToDictionary(v => v, v => actions.Count(a => a.Status == v)),
            Enum.GetValues<SupportKind>().ToDictionary(v => v, v => actions.Count(a => a.Kind == v)),
            actions);
    }

    private DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(time.ToLocal(utc));

    private static bool SameMonth(DateOnly day, DateOnly month) => day.Year == month.Year && day.Month == month.Month;

    private static bool SameMonth(DateTime local, DateOnly month) => local.Year == month.Year && local.Month == month.Month;

    /// <summary>The period in UTC, and the moment up to which a session counts as held (now, or the period's end if sooner).</summary>
    private sealed record Span(DateOnly From, DateOnly To, DateTime StartUtc, DateTime EndUtc, DateTime HeldUntilUtc, DateTime NowUtc, DateOnly Today)
    {
        public static Span Of(ConventionPeriod period, WorkspaceTime time, DateTime nowUtc)
        {
            var (start, end) = period.ToUtc(time);
            var heldUntil = nowUtc < end ? (nowUtc < start ? start : nowUtc) : end;
            return new Span(period.From, period.To, start, end, heldUntil, nowUtc, DateOnly.FromDateTime(time.ToLocal(nowUtc)));
        }
    }
}

using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Convention;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.StudyMeetings;
using RegionalWorkspace.Features.SupportActions;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Convention;

/// <summary>
/// The convention's figures computed another way than the service does: rows read plainly, periods cut in local time
/// with the time zone, counted in memory.
/// </summary>
public static class ConventionExpectations
{
    private static readonly TimeZoneInfo s_zone = TimeZoneInfo.FindSystemTimeZoneById("Africa/Casablanca");

    /// <summary>The demo data is laid out around today: this year holds some of everything.</summary>
    public static int ThisYear => TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, s_zone).Year;

    public static Totals Actual(ConventionFigures f) => new(
        f.Bodies.MeetingsHeld, f.Bodies.Outputs, f.Bodies.Members, f.Bodies.Women, f.Bodies.ActiveBodies, f.Bodies.PracticesPublished, f.Bodies.Adoptions,
        f.Trainings.SessionsHeld, f.Trainings.Registered, f.Trainings.Attended, f.Trainings.AttendedByGender[Gender.Female],
        f.Studies.Filed, f.Listening.SessionsHeld, f.Listening.Contributions, f.Meetings.MeetingsHeld, f.Meetings.Actions, f.Meetings.Overdue,
        f.Support.Actions, f.Support.ByTheme[SupportTheme.Environmental], f.Support.ByStatus[SupportStatus.Completed]);

    /// <summary>The same figures, from plain rows of the database.</summary>
    public static async Task<Totals> ExpectedAsync(AppHost host, int year, DateTime nowUtc)
    {
        await using var db = await host.CreateDbContextAsync();
        bool InYear(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, s_zone).Year == year;
        bool Held(DateTime startUtc, bool cancelled) => !cancelled && InYear(startUtc) && startUtc <= nowUtc;
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

        var meetings = await db.BodyMeetings.AsNoTracking().Select(m => new { m.Id, m.Date, m.Status }).ToListAsync();
        var heldMeetingIds = meetings.Where(m => m.Status == MeetingStatus.Held && m.Date.Year == year).Select(m => m.Id).ToHashSet();
        var outputs = (await db.BodyOutputs.AsNoTracking().Select(o => o.MeetingId).ToListAsync()).Count(heldMeetingIds.Contains);
        var members = await db.BodyMembers.AsNoTracking().Select(m => new { m.MandateStart, m.MandateEnd, m.Gender }).ToListAsync();
        var inMandate = members.Where(m => m.MandateStart <= last && (m.MandateEnd is null || m.MandateEnd >= first)).ToList();
        var activeBodies = (await db.Bodies.AsNoTracking().Select(b => b.Status).ToListAsync()).Count(s => s == BodyStatus.Active);

        var practices = await db.Practices.AsNoTracking().Select(p => new { p.Id, p.Status, p.PublishedAtUtc }).ToListAsync();
        var published = practices.Count(p => p.Status != PracticeStatus.Draft && p.PublishedAtUtc is { } at && InYear(at));
        var notDraft = practices.Where(p => p.Status != PracticeStatus.Draft).Select(p => p.Id).ToHashSet();
        var adoptions = (await db.PracticeAdoptions.AsNoTracking().Select(a => new { a.PracticeId, a.AtUtc }).ToListAsync()).Count(a => notDraft.Contains(a.PracticeId) && InYear(a.AtUtc));

        var sessions = (await db.TrainingSessions.AsNoTracking().Select(s => new { s.Id, s.StartsAtUtc, s.IsCancelled }).ToListAsync())
            .Where(s => Held(s.StartsAtUtc, s.IsCancelled)).Select(s => s.Id).ToHashSet();
        var registered = (await db.Registrations.AsNoTracking().Where(r => r.Status == RegistrationStatus.Registered).Select(r => new { r.SessionId, r.ParticipantId }).ToListAsync())
            .Where(r => sessions.Contains(r.SessionId)).ToHashSet();
        var marks = await db.AttendanceMarks.AsNoTracking().Select(m => new { m.SessionId, m.ParticipantId, m.Status }).ToListAsync();
        var genders = await db.Participants.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Gender);
        var attended = marks.Where(m => m.Status is AttendanceStatus.Present or AttendanceStatus.Late && registered.Contains(new { m.SessionId, m.ParticipantId })).ToList();

        var filed = (await db.StudyRequests.AsNoTracking().Select(r => r.SubmittedAtUtc).ToListAsync()).Count(InYear);

        var listening = (await db.ListeningSessions.AsNoTracking().Select(s => new { s.Id, s.StartsAtUtc, s.IsCancelled }).ToListAsync())
            .Where(s => Held(s.StartsAtUtc, s.IsCancelled)).Select(s => s.Id).ToHashSet();
        var contributions = (await db.Contributions.AsNoTracking().Select(c => c.ListeningSessionId).ToListAsync()).Count(listening.Contains);

        var studyMeetings = (await db.StudyMeetings.AsNoTracking().Select(s => new { s.Id, s.StartsAtUtc, s.IsCancelled }).ToListAsync())
            .Where(s => Held(s.StartsAtUtc, s.IsCancelled)).Select(s => s.Id).ToHashSet();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, s_zone));
        var actions = (await db.FollowUpActions.AsNoTracking().Select(a => new { a.StudyMeetingId, a.DueOn, a.Status }).ToListAsync())
            .Where(a => studyMeetings.Contains(a.StudyMeetingId)).ToList();

        var support = (await db.SupportActions.AsNoTracking().Select(a => new { a.StartsOn, a.EndsOn, a.Status, a.Theme }).ToListAsync())
            .Where(a => a.StartsOn.Year == year || (a.StartsOn < first && a.Status != SupportStatus.Cancelled
                && (a.EndsOn is { } end ? end >= first : a.Status is SupportStatus.Planned or SupportStatus.InProgress)))
            .ToList();

        return new Totals(
            heldMeetingIds.Count, outputs, inMandate.Count, inMandate.Count(m => m.Gender == Gender.Female), activeBodies, published, adoptions,
            sessions.Count, registered.Count, attended.Count, attended.Count(m => genders[m.ParticipantId] == Gender.Female),
            filed, listening.Count, contributions, studyMeetings.Count, actions.Count,
            actions.Count(a => a.Status is FollowUpStatus.Open or FollowUpStatus.InProgress && a.DueOn < today),
            support.Count, support.Count(a => a.Theme == SupportTheme.Environmental), support.Count(a => a.Status == SupportStatus.Completed));
    }

    public sealed record Totals(
        int MeetingsHeld, int Outputs, int Members, int Women, int ActiveBodies, int PracticesPublished, int Adoptions,
        int TrainingSessions, int Registered, int Attended, int AttendedWomen,
        int StudyRequestsFiled, int ListeningSessions, int Contributions, int StudyMeetings, int Actions, int Overdue,
        int SupportActions, int EnvironmentalSupport, int CompletedSupport);
}

using Microsoft.Extensions.Localization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Convention.Dashboard;

/// <summary>
/// The dashboard's tables, one method per table: headers in the UI's language, cells as values (numbers stay numbers and
/// days stay days, so the XLSX file can be summed and sorted).
/// </summary>
internal static class ConventionTables
{
    public static DashboardTable Regions(ConventionFigures figures, IStringLocalizer<Strings> l, IReadOnlyDictionary<int, string> names) => new(
        "regions", l["ConventionDashboard.Table.regions"],
        Headers(l, "Region", "ActiveBodies", "Members", "BodyMeetings", "Practices", "Adoptions", "TrainingParticipants", "StudyRequests",
            "Contributions", "StudyMeetings", "Actions", "Overdue"),
        figures.Regions.Select(r => new DashboardRow(
        [
            names[r.Id], r.ActiveBodies, r.Members, r.BodyMeetingsHeld, r.PracticesPublished, r.Adoptions, r.TrainingParticipants, r.StudyRequests,
            r.ListeningContributions, r.StudyMeetings, r.FollowUpActions, r.OverdueActions,
        ], r.Id)).ToList());

    public static DashboardTable Bodies(IEnumerable<BodyRow> bodies, IStringLocalizer<Strings> l, IReadOnlyDictionary<int, string> names) => new(
        "bodies", l["ConventionDashboard.Table.bodies"],
        Headers(l, "Region", "Body", "Kind", "Status", "Members", "Women", "Men", "BodyMeetings", "Outputs"),
        bodies.Select(b => new DashboardRow(
        [
            names.GetValueOrDefault(b.RegionId, ""), Cultures.Pick(b.NameFr, b.NameAr), l.Enum(b.Kind), l.Enum(b.Status), b.Members, b.Women, b.Men,
            b.MeetingsHeld, b.Outputs,
        ], b.RegionId)).ToList());

    public static DashboardTable Practices(IEnumerable<PracticeRow> practices, IStringLocalizer<Strings> l, IReadOnlyDictionary<int, string> names) => new(
        "practices", l["ConventionDashboard.Table.practices"],
        Headers(l, "PublishedOn", "Practice", "Region", "Adoptions"),
        practices.Select(p => new DashboardRow([p.PublishedOn, Cultures.Pick(p.TitleFr, p.TitleAr), names.GetValueOrDefault(p.RegionId, ""), p.AdoptionsInPeriod], p.RegionId)).ToList());

    public static DashboardTable Adoptions(IEnumerable<AdoptionRow> adoptions, IStringLocalizer<Strings> l, IReadOnlyDictionary<int, string> names) => new(
        "adoptions", l["ConventionDashboard.Table.adoptions"],
        Headers(l, "Date", "Practice", "PracticeRegion", "AdoptedBy"),
        adoptions.Select(a => new DashboardRow(
            [a.On, Cultures.Pick(a.TitleFr, a.TitleAr), names.GetValueOrDefault(a.PracticeRegionId, ""), names.GetValueOrDefault(a.RegionId, "")], a.RegionId)).ToList());

    public static DashboardTable TrainingSessions(IEnumerable<TrainingSessionRow> sessions, IStringLocalizer<Strings> l) => new(
        "training-sessions", l["ConventionDashboard.Table.training-sessions"],
        Headers(l, "Date", "Programme", "Place", "Registered", "Present", "Late", "Excused", "Absent", "AttendanceRate", "Women", "Men"),
        sessions.Select(s => new DashboardRow(
        [
            DateOnly.FromDateTime(s.StartsAtLocal), Cultures.Pick(s.ProgrammeTitle, s.ProgrammeTitleAr),
            s.IsOnline ? l["ConventionDashboard.Online"].Value : s.Place ?? "", s.Registered, s.Present, s.Late, s.Excused, s.Absent,
            Percent(s.AttendanceRate), s.Women, s.Men,
        ])).ToList());

    public static DashboardTable SupportActions(IEnumerable<SupportActionRow> actions, IStringLocalizer<Strings> l, IReadOnlyDictionary<int, string> names) => new(
        "support-actions", l["ConventionDashboard.Table.support-actions"],
        Headers(l, "StartsOn", "SupportAction", "Region", "Theme", "SupportKind", "Status", "EndsOn", "LinkedPractices", "LinkedBodies"),
        actions.Select(a => new DashboardRow(
        [
            a.StartsOn, Cultures.Pick(a.TitleFr, a.TitleAr), names.GetValueOrDefault(a.RegionId, ""), l.Enum(a.Theme), l.Enum(a.Kind), l.Enum(a.Status),
            a.EndsOn, a.Practices, a.Bodies,
        ], a.RegionId)).ToList());

    public static DashboardTable RequestsByStatus(IReadOnlyList<StudyRequestRow> requests, IStringLocalizer<Strings> l) => new(
        "requests-by-status", l["ConventionDashboard.Table.requests-by-status"],
        Headers(l, "Status", "Requests"),
        Enum.GetValues<StudyRequestStatus>().Select(status => new DashboardRow([l.Enum(status), requests.Count(r => r.Status == status)])).ToList());

    public static DashboardTable StudyRequests(IEnumerable<StudyRequestRow> requests, IStringLocalizer<Strings> l) => new(
        "study-requests", l["ConventionDashboard.Table.study-requests"],
        Headers(l, "SubmittedOn", "Title", "Requester", "Scope", "Status", "DecidedOn"),
        requests.Select(r => new DashboardRow([r.SubmittedOn, r.Title, l.Enum(r.Requester), l.Enum(r.Scope), l.Enum(r.Status), r.DecidedOn])).ToList());

    public static DashboardTable ListeningSessions(IEnumerable<ListeningSessionRow> sessions, IStringLocalizer<Strings> l) => new(
        "listening-sessions", l["ConventionDashboard.Table.listening-sessions"],
        Headers(l, "Date", "Topic", "Place", "InvitedRegions", "InvitedBodies", "Participants", "Contributions"),
        sessions.Select(s => new DashboardRow(
            [DateOnly.FromDateTime(s.StartsAtLocal), Cultures.Pick(s.Topic, s.TopicAr), s.Place ?? "", s.RegionIds.Count, s.InvitedBodies, s.Participants, s.Contributions])).ToList());

    public static DashboardTable StudyMeetings(IEnumerable<StudyMeetingRow> meetings, IStringLocalizer<Strings> l) => new(
        "study-meetings", l["ConventionDashboard.Table.study-meetings"],
        Headers(l, "Date", "Publication", "PublicationKind", "Place", "InvitedRegions", "Attended", "Actions"),
        meetings.Select(m => new DashboardRow(
            [DateOnly.FromDateTime(m.StartsAtLocal), Cultures.Pick(m.PublicationTitleFr, m.PublicationTitleAr), l.Enum(m.Kind), m.Place ?? "", m.RegionIds.Count, m.Attended, m.Actions])).ToList());

    public static DashboardTable FollowUpActions(IEnumerable<FollowUpRow> actions, IStringLocalizer<Strings> l, IReadOnlyDictionary<int, string> names) => new(
        "follow-up-actions", l["ConventionDashboard.Table.follow-up-actions"],
        Headers(l, "DueOn", "Action", "Owner", "Region", "Status", "Overdue"),
        actions.Select(a => new DashboardRow(
        [
            a.DueOn, a.Description, a.Owner, a.RegionId is int id ? names.GetValueOrDefault(id, "") : "", l.Enum(a.Status),
            a.IsOverdue ? l["ConventionDashboard.Yes"].Value : l["ConventionDashboard.No"].Value,
        ], a.RegionId)).ToList());

    /// <summary>A rate as a percentage with one decimal (87.5), or nothing when there is no denominator.</summary>
    private static double? Percent(double? rate) => rate is { } r ? Math.Round(r * 100, 1) : null;

    private static string[] Headers(IStringLocalizer<Strings> l, params string[] columns) =>
        columns.Select(c => l[$"ConventionDashboard.Column.{c}"].Value).ToArray();
}

using Microsoft.Extensions.Localization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.SupportActions;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Convention.Dashboard;

/// <summary>
/// What the dashboard shows for a period, built from <see cref="ConventionFigures"/>: the cards of C1–C6, the charts and the
/// tables, for the whole convention or, drilled down, for one region (its row of the regions' table and the lists filtered to
/// the activities concerning it). Labels are in the current UI culture.
/// </summary>
public sealed class ConventionDashboardView
{
    // What happened in a period, as opposed to what exists (bodies, members): a region with none of these had no activity.
    private static readonly HashSet<string> s_activity =
    [
        "body-meetings", "outputs", "practices", "adoptions", "sessions-held", "attended", "requests", "listening-held", "contributions",
        "meetings-held", "actions", "support-actions",
    ];

    private readonly ConventionFigures _figures;
    private readonly RegionFigures? _region;
    private readonly IStringLocalizer<Strings> _l;
    private readonly Dictionary<int, string> _regionNames;

    private ConventionDashboardView(ConventionFigures figures, RegionFigures? region, IStringLocalizer<Strings> l)
    {
        _figures = figures;
        _region = region;
        _l = l;
        _regionNames = figures.Regions.ToDictionary(r => r.Id, r => Cultures.Pick(r.NameFr, r.NameAr));
        Cards = region is null ? AllCards() : RegionCards(region);
        Months = region is null ? AllMonths() : RegionMonths(region.Id);
        Regions = region is null ? RegionBars() : [];
        Tables = Build();
    }

    public ConventionPeriod Period => _figures.Period;

    /// <summary>The region drilled down to, or null for the whole convention.</summary>
    public RegionFigures? Region => _region;

    public IReadOnlyList<CommitmentCard> Cards { get; }

    public IReadOnlyList<MonthSeries> Months { get; }

    /// <summary>The per-region charts (none when drilled down to a region).</summary>
    public IReadOnlyList<RegionSeries> Regions { get; }

    public IReadOnlyList<DashboardTable> Tables { get; }

    /// <summary>Whether anything happened in the period (in the region, when drilled down).</summary>
    public bool HasActivity => _region is null
        ? _figures.HasActivity
        : Cards.SelectMany(c => c.Indicators).Any(i => s_activity.Contains(i.Name) && i.Value > 0);

    /// <summary>The view of <paramref name="figures"/>; <paramref name="regionId"/> must be one of its regions when given.</summary>
    public static ConventionDashboardView Of(ConventionFigures figures, int? regionId, IStringLocalizer<Strings> l)
    {
        RegionFigures? region = null;
        if (regionId is not null)
        {
            region = figures.Region(regionId) ?? throw new NotFoundException("Error.RegionNotFound");
        }

        return new ConventionDashboardView(figures, region, l);
    }

    public string RegionName(int? regionId) => regionId is int id ? _regionNames.GetValueOrDefault(id, "") : "";

    private DashboardIndicator Count(string name, double? value) => new(name, _l[$"ConventionDashboard.Indicator.{name}"], value);

    private DashboardIndicator Share(string name, int part, int whole) =>
        new(name, _l[$"ConventionDashboard.Indicator.{name}"], whole == 0 ? null : (double)part / whole, IsShare: true);

    private CommitmentCard Card(string code, params DashboardIndicator[] indicators) => new(code, _l[$"ConventionDashboard.{code}"], indicators);

    /// <summary>C3's actions per theme (economic, social, environmental).</summary>
    private IEnumerable<DashboardIndicator> Themes(IReadOnlyList<SupportActionRow> actions) =>
        Enum.GetValues<SupportTheme>().Select(theme => new DashboardIndicator(
            $"support-{theme.ToString().ToLowerInvariant()}", _l.Enum(theme), actions.Count(x => x.Theme == theme)));

    private List<CommitmentCard> AllCards()
    {
        var (b, t, s, c, m, a) = (_figures.Bodies, _figures.Trainings, _figures.Studies, _figures.Listening, _figures.Meetings, _figures.Support);
        return
        [
            Card("C1", Count("active-bodies", b.ActiveBodies), Count("bodies-met", b.BodiesThatMet), Count("members", b.Members),
                Share("women-share", b.Women, b.Members), Count("body-meetings", b.MeetingsHeld), Count("outputs", b.Outputs),
                Count("practices", b.PracticesPublished), Count("adoptions", b.Adoptions)),
            Card("C2", Count("sessions-held", t.SessionsHeld), Count("sessions-planned", t.SessionsPlanned), Count("registered", t.Registered),
                Count("attended", t.Attended), Count("participants", t.DistinctParticipants),
                new DashboardIndicator("attendance-rate", _l["ConventionDashboard.Indicator.attendance-rate"], t.AttendanceRate, IsShare: true),
                Share("women-attended", t.AttendedByGender.GetValueOrDefault(Gender.Female), t.Attended)),
            Card("C3", [Count("support-actions", a.Actions), Count("support-started", a.Started), Count("support-completed", a.Completed),
                Count("regions-supported", a.RegionsSupported), .. Themes(a.ActionList)]),
            Card("C4", Count("requests", s.Requests.Count), Count("filed", s.Filed), Count("decided", s.Decided), Count("accepted", s.Accepted),
                Count("declined", s.Declined), Count("published", s.Published)),
            Card("C5", Count("listening-held", c.SessionsHeld), Count("listening-planned", c.SessionsPlanned), Count("contributions", c.Contributions),
                Count("regions-invited", c.RegionsInvited), Count("listening-participants", c.Participants)),
            Card("C6", Count("meetings-held", m.MeetingsHeld), Count("meetings-planned", m.MeetingsPlanned), Count("meeting-attended", m.Attended),
                Count("actions", m.Actions), Count("overdue", m.Overdue)),
        ];
    }

    private List<CommitmentCard> RegionCards(RegionFigures r)
    {
        var bodies = _figures.Bodies.BodyList.Where(x => x.RegionId == r.Id).ToList();
        var requests = _figures.Studies.Requests.Where(x => x.RegionIds.Contains(r.Id)).ToList();
        var support = _figures.Support.ActionList.Where(x => x.RegionId == r.Id).ToList();
        return
        [
            Card("C1", Count("active-bodies", r.ActiveBodies), Count("bodies-met", bodies.Count(x => x.MeetingsHeld > 0)), Count("members", r.Members),
                Share("women-share", bodies.Sum(x => x.Women), r.Members), Count("body-meetings", r.BodyMeetingsHeld), Count("outputs", bodies.Sum(x => x.Outputs)),
                Count("practices", r.PracticesPublished), Count("adoptions", r.Adoptions)),
            Card("C2", Count("sessions-held", _figures.Trainings.Sessions.Count(x => x.RegionIds.Contains(r.Id))), Count("attended", r.TrainingParticipants)),
            Card("C3", [Count("support-actions", r.SupportActions), .. Themes(support)]),
            Card("C4", Count("requests", r.StudyRequests), Count("filed", requests.Count(x => _figures.Period.Contains(x.SubmittedOn))),
                Count("decided", requests.Count(x => x.DecidedOn is { } on && _figures.Period.Contains(on)))),
            Card("C5", Count("listening-held", _figures.Listening.Sessions.Count(x => x.RegionIds.Contains(r.Id))), Count("contributions", r.ListeningContributions)),
            Card("C6", Count("meetings-held", r.StudyMeetings), Count("actions", r.FollowUpActions), Count("overdue", r.OverdueActions)),
        ];
    }

    private MonthSeries Series(string name, Func<MonthFigures, int> count) =>
        new(name, _l[$"ConventionDashboard.Month.{name}"], _figures.Months.Select(m => new MonthPoint(m.FirstDay, count(m))).ToList());

    private MonthSeries Series(string name, IEnumerable<DateOnly> days) =>
        new(name, _l[$"ConventionDashboard.Month.{name}"], _figures.Months.Select(m => new MonthPoint(
            m.FirstDay, days.Count(d => d.Year == m.Year && d.Month == m.Month && _figures.Period.Contains(d)))).ToList());

    private List<MonthSeries> AllMonths() =>
    [
        Series("body-meetings", m => m.BodyMeetings),
        Series("practices", m => m.PracticesPublished),
        Series("adoptions", m => m.Adoptions),
        Series("training-sessions", m => m.TrainingSessions),
        Series("training-participants", m => m.TrainingParticipants),
        Series("support-actions", m => m.SupportActionsStarted),
        Series("study-requests", m => m.StudyRequestsFiled),
        Series("listening-sessions", m => m.ListeningSessions),
        Series("contributions", m => m.Contributions),
        Series("study-meetings", m => m.StudyMeetings),
    ];

    // A region's months come from the lists: the figures count body meetings per month for all regions only.
    private List<MonthSeries> RegionMonths(int id)
    {
        static DateOnly Day(DateTime local) => DateOnly.FromDateTime(local);
        var f = _figures;
        return
        [
            Series("practices", f.Bodies.PracticeList.Where(p => p.RegionId == id).Select(p => p.PublishedOn)),
            Series("adoptions", f.Bodies.AdoptionList.Where(a => a.RegionId == id).Select(a => a.On)),
            Series("training-sessions", f.Trainings.Sessions.Where(s => s.RegionIds.Contains(id)).Select(s => Day(s.StartsAtLocal))),
            Series("support-actions", f.Support.ActionList.Where(a => a.RegionId == id).Select(a => a.StartsOn)),
            Series("study-requests", f.Studies.Requests.Where(s => s.RegionIds.Contains(id)).Select(s => s.SubmittedOn)),
            Series("listening-sessions", f.Listening.Sessions.Where(s => s.RegionIds.Contains(id)).Select(s => Day(s.StartsAtLocal))),
            Series("study-meetings", f.Meetings.MeetingList.Where(s => s.RegionIds.Contains(id)).Select(s => Day(s.StartsAtLocal))),
        ];
    }

    private List<RegionSeries> RegionBars()
    {
        RegionSeries Bars(string name, Func<RegionFigures, int> count) => new(
            name, _l[$"ConventionDashboard.Region.{name}"],
            _figures.Regions.Select(r => new RegionPoint(r.Id, r.Code, _regionNames[r.Id], count(r))).ToList());
        return
        [
            Bars("training-participants", r => r.TrainingParticipants),
            Bars("support-actions", r => r.SupportActions),
            Bars("body-meetings", r => r.BodyMeetingsHeld),
            Bars("practices", r => r.PracticesPublished),
            Bars("adoptions", r => r.Adoptions),
            Bars("study-requests", r => r.StudyRequests),
            Bars("contributions", r => r.ListeningContributions),
            Bars("study-meetings", r => r.StudyMeetings),
            Bars("actions", r => r.FollowUpActions),
        ];
    }

    private List<DashboardTable> Build()
    {
        var tables = new List<DashboardTable>();
        if (_region is null)
        {
            tables.Add(ConventionTables.Regions(_figures, _l, _regionNames));
        }

        var id = _region?.Id;
        tables.Add(ConventionTables.Bodies(_figures.Bodies.BodyList.Where(b => id is null || b.RegionId == id), _l, _regionNames));
        tables.Add(ConventionTables.Practices(_figures.Bodies.PracticeList.Where(p => id is null || p.RegionId == id), _l, _regionNames));
        tables.Add(ConventionTables.Adoptions(_figures.Bodies.AdoptionList.Where(a => id is null || a.RegionId == id), _l, _regionNames));
        tables.Add(ConventionTables.TrainingSessions(_figures.Trainings.Sessions.Where(s => id is null || s.RegionIds.Contains(id.Value)), _l));
        tables.Add(ConventionTables.SupportActions(_figures.Support.ActionList.Where(a => id is null || a.RegionId == id), _l, _regionNames));
        var requests = _figures.Studies.Requests.Where(r => id is null || r.RegionIds.Contains(id.Value)).ToList();
        tables.Add(ConventionTables.RequestsByStatus(requests, _l));
        tables.Add(ConventionTables.StudyRequests(requests, _l));
        tables.Add(ConventionTables.ListeningSessions(_figures.Listening.Sessions.Where(s => id is null || s.RegionIds.Contains(id.Value)), _l));
        tables.Add(ConventionTables.StudyMeetings(_figures.Meetings.MeetingList.Where(m => id is null || m.RegionIds.Contains(id.Value)), _l));
        tables.Add(ConventionTables.FollowUpActions(_figures.Meetings.ActionList.Where(a => id is null || a.RegionId == id), _l, _regionNames));
        return tables;
    }
}

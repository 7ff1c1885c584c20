using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.Trainings;

namespace RegionalWorkspace.Features.OpenData;

/// <summary>
/// The open data sets, one page at a time: filtered, counted and paged in the database, read without tracking and
/// projected to the published rows. Who sees what: <see cref="OpenDataAccess"/>. Rows come in a stable order (by id,
/// sessions by start), so that pages do not overlap while data is added. Every data set takes the caller's principal,
/// also those that are the same for everyone (regions, bodies, trainings), so that a rule added later has its caller.
/// </summary>
public sealed class OpenDataService(IDbContextFactory<AppDbContext> dbFactory, AccessControl access, WorkspaceTime time, TimeProvider clock)
{
    /// <summary>The region a <c>region</c> parameter names: its id or its code (any case). Unknown: refused on <c>region</c>.</summary>
    public async Task<int?> ResolveRegionAsync(string? region, CancellationToken ct = default)
    {
        if (region is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var upper = region.ToUpperInvariant();
        int? id = int.TryParse(region, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? await db.Regions.Where(r => r.Id == number).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct)
            : await db.Regions.Where(r => r.Code.ToUpper() == upper).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        return id ?? throw new ValidationFailedException([new FieldError("region", "Validation.OpenDataRegion", region)]);
    }

    public async Task<OpenDataPage<OpenRegion>> RegionsAsync(ClaimsPrincipal principal, OpenDataQuery query, int? regionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var regions = db.Regions.AsNoTracking();
        var total = await regions.CountAsync(ct);
        var items = await regions.OrderBy(r => r.Id).Skip(query.Skip).Take(query.PageSize)
            .Select(r => new OpenRegion(r.Id, r.Code, r.NameFr, r.NameAr, r.Population, r.PopulationYear, r.PetitionSignatures, r.PetitionProvinceSharePercent))
            .ToListAsync(ct);
        return new OpenDataPage<OpenRegion>(items, total);
    }

    public async Task<OpenDataPage<OpenBody>> BodiesAsync(ClaimsPrincipal principal, OpenDataQuery query, int? regionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bodies = db.Bodies.AsNoTracking();
        if (regionId is int region)
        {
            bodies = bodies.Where(b => b.RegionId == region);
        }

        var total = await bodies.CountAsync(ct);
        var rows = await bodies.OrderBy(b => b.Id).Skip(query.Skip).Take(query.PageSize)
            .Select(b => new
            {
                b.Id, b.RegionId, b.Region!.Code, b.Kind, b.NameFr, b.NameAr, b.Status,
                Members = b.Members.Count,
                Female = b.Members.Count(m => m.Gender == Gender.Female),
                Male = b.Members.Count(m => m.Gender == Gender.Male),
                Held = b.Meetings.Count(m => m.Status == MeetingStatus.Held),
                Outputs = b.Meetings.SelectMany(m => m.Outputs).Count(),
            })
            .ToListAsync(ct);
        return new OpenDataPage<OpenBody>(
            rows.Select(b => new OpenBody(b.Id, b.RegionId, b.Code, Code(b.Kind), b.NameFr, b.NameAr, Code(b.Status), b.Members, b.Female, b.Male, b.Held, b.Outputs)).ToList(),
            total);
    }

    public async Task<OpenDataPage<OpenPractice>> PracticesAsync(ClaimsPrincipal principal, OpenDataQuery query, int? regionId, CancellationToken ct = default)
    {
        var actor = await access.FindActorAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var practices = db.Practices.AsNoTracking().VisibleTo(actor);
        if (regionId is int region)
        {
            practices = practices.Where(p => p.RegionId == region);
        }

        if (query.Year is int year)
        {
            var (from, to) = YearUtc(year);
            practices = practices.Where(p => p.PublishedAtUtc >= from && p.PublishedAtUtc < to);
        }

        var total = await practices.CountAsync(ct);
        var rows = await practices.OrderBy(p => p.Id).Skip(query.Skip).Take(query.PageSize)
            .Select(p => new { p.Id, p.RegionId, p.Region!.Code, p.Commitment, p.Status, p.Themes, p.SubThemes, p.BodyId, p.PublishedAtUtc })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var texts = (await db.PracticeTexts.AsNoTracking().Where(t => ids.Contains(t.PracticeId))
            .Select(t => new { t.PracticeId, t.Language, t.Title, t.Summary }).ToListAsync(ct)).ToLookup(t => t.PracticeId);
        var tags = (await db.PracticeTags.AsNoTracking().Where(t => ids.Contains(t.PracticeId))
            .Select(t => new { t.PracticeId, t.Tag }).ToListAsync(ct)).ToLookup(t => t.PracticeId, t => t.Tag);
        var adoptions = (await db.PracticeAdoptions.AsNoTracking().Where(a => ids.Contains(a.PracticeId))
            .Select(a => new { a.PracticeId, a.RegionId }).ToListAsync(ct)).ToLookup(a => a.PracticeId, a => a.RegionId);
        var codes = await RegionCodesAsync(db, ct);

        string? Text(int id, string language, bool summary) =>
            texts[id].Where(t => t.Language == language).Select(t => summary ? t.Summary : t.Title).FirstOrDefault();

        return new OpenDataPage<OpenPractice>(
            rows.Select(p => new OpenPractice(
                p.Id, p.RegionId, p.Code, p.Commitment.ToString(), Code(p.Status), Flags(p.Themes), Flags(p.SubThemes), p.BodyId,
                Text(p.Id, "fr", false), Text(p.Id, "ar", false), Text(p.Id, "en", false),
                Text(p.Id, "fr", true), Text(p.Id, "ar", true), Text(p.Id, "en", true),
                tags[p.Id].Order(StringComparer.Ordinal).ToList(), Utc(p.PublishedAtUtc),
                adoptions[p.Id].Count(), adoptions[p.Id].Distinct().Order().Select(r => codes[r]).ToList())).ToList(),
            total);
    }

    public async Task<OpenDataPage<OpenTrainingSession>> TrainingSessionsAsync(ClaimsPrincipal principal, OpenDataQuery query, int? regionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sessions = Sessions(db, query, regionId);
        var total = await sessions.CountAsync(ct);
        var rows = await sessions.OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id).Skip(query.Skip).Take(query.PageSize)
            .Select(s => new
            {
                s.Id, s.ProgrammeId, s.Programme!.Title, s.Programme.TitleAr, s.Programme.Organisers, s.Programme.Audience,
                s.StartsAtUtc, s.DurationMinutes, s.Place, s.IsCancelled, s.Capacity,
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var page = db.TrainingSessions.Where(s => ids.Contains(s.Id));
        var counts = await CountsAsync(db, page, ct);
        var regions = await SessionRegionsAsync(db, page, ct);
        var now = clock.GetUtcNow().UtcDateTime;

        return new OpenDataPage<OpenTrainingSession>(
            rows.Select(s =>
            {
                var c = counts.GetValueOrDefault(s.Id) ?? SessionCounts.Empty;
                var held = !s.IsCancelled && s.StartsAtUtc <= now;
                var start = DateTime.SpecifyKind(s.StartsAtUtc, DateTimeKind.Utc);
                return new OpenTrainingSession(
                    s.Id, s.ProgrammeId, s.Title, s.TitleAr, Flags(s.Organisers), Flags(s.Audience),
                    Utc(start), Utc(start.AddMinutes(s.DurationMinutes)), DateOnly.FromDateTime(time.ToLocal(start)), s.Place, s.IsCancelled, held,
                    regions[s.Id].ToList(), s.Capacity,
                    c.Registered, c.RegisteredFemale, c.RegisteredMale, c.Present, c.PresentFemale, c.PresentMale,
                    c.PresentCouncilMembers, c.PresentCouncilStaff, c.PresentBodyMembers,
                    held ? Rate(c.Present, c.Registered) : null);
            }).ToList(),
            total);
    }

    public async Task<OpenDataPage<OpenTrainingProgramme>> TrainingProgrammesAsync(ClaimsPrincipal principal, OpenDataQuery query, int? regionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sessions = Sessions(db, query, regionId);
        var programmes = db.TrainingProgrammes.AsNoTracking();
        if (regionId is not null || query.Year is not null)
        {
            // Filtered: the programmes that have sessions in that region or year, counted over those sessions only.
            programmes = programmes.Where(p => sessions.Any(s => s.ProgrammeId == p.Id));
        }

        var total = await programmes.CountAsync(ct);
        var rows = await programmes.OrderBy(p => p.Id).Skip(query.Skip).Take(query.PageSize)
            .Select(p => new { p.Id, p.Title, p.TitleAr, p.Organisers, p.Audience, p.Themes })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var pageSessions = sessions.Where(s => ids.Contains(s.ProgrammeId));
        var sessionRows = (await pageSessions.Select(s => new { s.Id, s.ProgrammeId, s.StartsAtUtc, s.IsCancelled }).ToListAsync(ct))
            .ToLookup(s => s.ProgrammeId);
        var counts = await CountsAsync(db, pageSessions, ct);
        var regions = await SessionRegionsAsync(db, pageSessions, ct);
        var now = clock.GetUtcNow().UtcDateTime;

        return new OpenDataPage<OpenTrainingProgramme>(
            rows.Select(p =>
            {
                var own = sessionRows[p.Id].ToList();
                var all = own.Select(s => counts.GetValueOrDefault(s.Id) ?? SessionCounts.Empty).ToList();
                var held = own.Where(s => !s.IsCancelled && s.StartsAtUtc <= now).Select(s => counts.GetValueOrDefault(s.Id) ?? SessionCounts.Empty).ToList();
                var dates = own.Select(s => DateOnly.FromDateTime(time.ToLocal(s.StartsAtUtc))).Order().ToList();
                var themes = (p.Themes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return new OpenTrainingProgramme(
                    p.Id, p.Title, p.TitleAr, Flags(p.Organisers), Flags(p.Audience), themes,
                    own.Count, held.Count, dates.Count > 0 ? dates[0] : null, dates.Count > 0 ? dates[^1] : null,
                    own.SelectMany(s => regions[s.Id]).Distinct().Order(StringComparer.Ordinal).ToList(),
                    all.Sum(c => c.Registered), all.Sum(c => c.RegisteredFemale), all.Sum(c => c.RegisteredMale),
                    all.Sum(c => c.Present), all.Sum(c => c.PresentFemale), all.Sum(c => c.PresentMale),
                    Rate(held.Sum(c => c.Present), held.Sum(c => c.Registered)));
            }).ToList(),
            total);
    }

    public async Task<OpenDataPage<OpenStudyRequest>> StudyRequestsAsync(ClaimsPrincipal principal, OpenDataQuery query, int? regionId, CancellationToken ct = default)
    {
        var actor = await access.FindActorAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var requests = db.StudyRequests.AsNoTracking().VisibleTo(actor);
        if (regionId is int region)
        {
            requests = requests.Where(r => r.Regions.Any(x => x.RegionId == region));
        }

        if (query.Year is int year)
        {
            var (from, to) = YearUtc(year);
            requests = requests.Where(r => r.SubmittedAtUtc >= from && r.SubmittedAtUtc < to);
        }

        var total = await requests.CountAsync(ct);
        var rows = await requests.OrderBy(r => r.Id).Skip(query.Skip).Take(query.PageSize)
            .Select(r => new
            {
                r.Id, r.Title, r.Question, r.Scope, r.Requester, r.Status, r.SubmittedAtUtc, r.Commission, r.DeclineReason,
                r.AssemblySessionNumber, r.AssemblyDate,
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var codes = await RegionCodesAsync(db, ct);
        var regions = (await db.StudyRequestRegions.AsNoTracking().Where(x => ids.Contains(x.StudyRequestId))
            .Select(x => new { x.StudyRequestId, x.RegionId }).ToListAsync(ct)).ToLookup(x => x.StudyRequestId, x => x.RegionId);

        return new OpenDataPage<OpenStudyRequest>(
            rows.Select(r => new OpenStudyRequest(
                r.Id, r.Title, r.Question, Code(r.Scope), Code(r.Requester), Code(r.Status), Utc(r.SubmittedAtUtc),
                regions[r.Id].Order().Select(id => codes[id]).ToList(), r.Commission is { } commission ? Code(commission) : null,
                r.DeclineReason, r.AssemblySessionNumber, r.AssemblyDate)).ToList(),
            total);
    }

    public async Task<OpenDataPage<OpenPublication>> PublicationsAsync(ClaimsPrincipal principal, OpenDataQuery query, int? regionId, CancellationToken ct = default)
    {
        var actor = await access.FindActorAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var publications = OpenDataAccess.VisiblePublications(db, actor);
        if (query.Year is int year)
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
            publications = publications.Where(p => p.AssemblyApprovedOn >= from && p.AssemblyApprovedOn < to);
        }

        var requests = db.StudyRequests.AsNoTracking().VisibleTo(actor);
        var total = await publications.CountAsync(ct);
        var rows = await publications.OrderBy(p => p.Id).Skip(query.Skip).Take(query.PageSize)
            .Select(p => new
            {
                p.Id, p.Kind, p.Commission, p.TitleFr, p.TitleAr, p.Summary, p.SummaryAr, p.AssemblySessionNumber, p.AssemblyApprovedOn,
                StudyRequestId = requests.Any(r => r.Id == p.StudyRequestId) ? p.StudyRequestId : null,
                HasDocument = p.DocumentStoredName != null,
            })
            .ToListAsync(ct);
        return new OpenDataPage<OpenPublication>(
            rows.Select(p => new OpenPublication(
                p.Id, Code(p.Kind), Code(p.Commission), p.TitleFr, p.TitleAr, p.Summary, p.SummaryAr,
                p.AssemblySessionNumber is not null && p.AssemblyApprovedOn is not null, p.AssemblySessionNumber, p.AssemblyApprovedOn,
                p.StudyRequestId, p.HasDocument)).ToList(),
            total);
    }

    /// <summary>A stable code for an enum value: its name in camelCase (<c>EquityAndGender</c> → <c>equityAndGender</c>).</summary>
    public static string Code<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The codes of the flags set in <paramref name="value"/>, in declaration order.</summary>
    public static IReadOnlyList<string> Flags<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Where(f => Convert.ToInt64(f, System.Globalization.CultureInfo.InvariantCulture) != 0 && value.HasFlag(f)).Select(Code).ToList();

    /// <summary>Sessions in a region (one of the regions it is for) and a year (local start date), when asked.</summary>
    private IQueryable<TrainingSession> Sessions(AppDbContext db, OpenDataQuery query, int? regionId)
    {
        var sessions = db.TrainingSessions.AsNoTracking();
        if (regionId is int region)
        {
            sessions = sessions.Where(s => s.Regions.Any(r => r.RegionId == region));
        }

        if (query.Year is int year)
        {
            var (from, to) = YearUtc(year);
            sessions = sessions.Where(s => s.StartsAtUtc >= from && s.StartsAtUtc < to);
        }

        return sessions;
    }

    /// <summary>
    /// Registrations (status Registered) and attendance (Present or Late, among them) of <paramref name="sessions"/>,
    /// grouped by session, gender and audience in the database.
    /// </summary>
    private static async Task<Dictionary<int, SessionCounts>> CountsAsync(AppDbContext db, IQueryable<TrainingSession> sessions, CancellationToken ct)
    {
        var ids = sessions.Select(s => s.Id);
        var registered = db.Registrations.AsNoTracking().Where(r => r.Status == RegistrationStatus.Registered && ids.Contains(r.SessionId));
        var byGender = await registered
            .GroupBy(r => new { r.SessionId, r.Participant!.Gender })
            .Select(g => new { g.Key.SessionId, g.Key.Gender, Count = g.Count() })
            .ToListAsync(ct);
        var attended = await registered
            .Where(r => db.AttendanceMarks.Any(m => m.SessionId == r.SessionId && m.ParticipantId == r.ParticipantId
                && (m.Status == AttendanceStatus.Present || m.Status == AttendanceStatus.Late)))
            .GroupBy(r => new { r.SessionId, r.Participant!.Gender, r.Participant.Audience })
            .Select(g => new { g.Key.SessionId, g.Key.Gender, g.Key.Audience, Count = g.Count() })
            .ToListAsync(ct);

        return byGender.Select(x => x.SessionId).Concat(attended.Select(x => x.SessionId)).Distinct().ToDictionary(id => id, id =>
        {
            var r = byGender.Where(x => x.SessionId == id).ToList();
            var a = attended.Where(x => x.SessionId == id).ToList();
            return new SessionCounts(
                r.Sum(x => x.Count), r.Where(x => x.Gender == Gender.Female).Sum(x => x.Count), r.Where(x => x.Gender == Gender.Male).Sum(x => x.Count),
                a.Sum(x => x.Count), a.Where(x => x.Gender == Gender.Female).Sum(x => x.Count), a.Where(x => x.Gender == Gender.Male).Sum(x => x.Count),
                a.Where(x => x.Audience == ParticipantAudience.CouncilMember).Sum(x => x.Count),
                a.Where(x => x.Audience == ParticipantAudience.CouncilStaff).Sum(x => x.Count),
                a.Where(x => x.Audience == ParticipantAudience.BodyMember).Sum(x => x.Count));
        });
    }

    private static async Task<ILookup<int, string>> SessionRegionsAsync(AppDbContext db, IQueryable<TrainingSession> sessions, CancellationToken ct)
    {
        var ids = sessions.Select(s => s.Id);
        var codes = await RegionCodesAsync(db, ct);
        return (await db.SessionRegions.AsNoTracking().Where(x => ids.Contains(x.SessionId)).Select(x => new { x.SessionId, x.RegionId }).ToListAsync(ct))
            .OrderBy(x => x.RegionId).ToLookup(x => x.SessionId, x => codes[x.RegionId]);
    }

    private static Task<Dictionary<int, string>> RegionCodesAsync(AppDbContext db, CancellationToken ct) =>
        db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Code, ct);

    /// <summary>The UTC bounds of a local calendar year.</summary>
    private (DateTime From, DateTime To) YearUtc(int year) =>
        (time.ToUtc(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)), time.ToUtc(new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)));

    /// <summary>A stored UTC time, to the second, marked UTC (written with a <c>Z</c>).</summary>
    private static DateTime Utc(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    private static double? Rate(int present, int registered) => registered > 0 ? Math.Round(present / (double)registered, 4) : null;

    private sealed record SessionCounts(
        int Registered, int RegisteredFemale, int RegisteredMale, int Present, int PresentFemale, int PresentMale,
        int PresentCouncilMembers, int PresentCouncilStaff, int PresentBodyMembers)
    {
        public static readonly SessionCounts Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Features.Trainings.Evaluation;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.OpenData;

/// <summary>
/// The open data endpoints over HTTP on the real app: visibility by caller, paging, CSV, refusals, figures against direct
/// queries. On SQLite and on PostgreSQL (the grouped counts and code look-ups are translated differently).
/// </summary>
public abstract class OpenDataEndpointTestsBase(AppHost host)
{
    private const string Anonymous = "";
    private const string RskOfficer = "officer.rsk@demo.ma";
    private const string SmOfficer = "officer.sm@demo.ma";

    protected AppHost Host { get; } = host;

    [Fact]
    public async Task Regions_Anonymous_ListsTheTwelveRegionsWithStableFieldNames()
    {
        using var http = await ClientAsync(Anonymous);
        using var response = await http.GetAsync(new Uri("/api/open/regions", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal((1, 50, 12, 1), (root.GetProperty("page").GetInt32(), root.GetProperty("pageSize").GetInt32(), root.GetProperty("total").GetInt32(), root.GetProperty("totalPages").GetInt32()));
        await using var db = await Host.CreateDbContextAsync();
        var expected = await db.Regions.OrderBy(r => r.Id).Select(r => new { r.Id, r.Code, r.NameAr }).ToListAsync();
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(expected.Select(r => (r.Id, r.Code, r.NameAr)), items.Select(i => (i.GetProperty("id").GetInt32(), i.GetProperty("code").GetString()!, i.GetProperty("nameAr").GetString()!)));
        Assert.Equal(
            ["id", "code", "nameFr", "nameAr", "population", "populationYear", "petitionSignatures", "petitionProvinceSharePercent"],
            items[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("links").GetProperty("next").ValueKind);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Practices_Draft_ShownOnlyToItsRegionsOfficersAndTheCoordinators()
    {
        await using var db = await Host.CreateDbContextAsync();
        var draft = await db.Practices.Where(p => p.Status == PracticeStatus.Draft && p.Region!.Code == "RSK").Select(p => p.Id).FirstAsync();
        var shared = await db.Practices.Where(p => p.Status != PracticeStatus.Draft).Select(p => p.Id).OrderBy(id => id).ToListAsync();

        var anonymous = await IdsAsync(Anonymous, "/api/open/practices");
        Assert.Equal(shared, anonymous);
        Assert.DoesNotContain(draft, await IdsAsync(SmOfficer, "/api/open/practices"));
        Assert.Contains(draft, await IdsAsync(RskOfficer, "/api/open/practices"));
        Assert.Contains(draft, await IdsAsync("arm@demo.ma", "/api/open/practices"));
        Assert.DoesNotContain(draft, await IdsAsync("leadership@demo.ma", "/api/open/practices"));
    }

    [Fact]
    public async Task Publications_Unapproved_ShownToCeseStaffOnly()
    {
        await using var db = await Host.CreateDbContextAsync();
        var unapproved = await db.Publications.Where(p => p.AssemblySessionNumber == null || p.AssemblyApprovedOn == null).Select(p => p.Id).FirstAsync();
        var approved = await db.Publications.Where(p => p.AssemblySessionNumber != null && p.AssemblyApprovedOn != null).Select(p => p.Id).OrderBy(id => id).ToListAsync();

        Assert.Equal(approved, await IdsAsync(Anonymous, "/api/open/publications"));
        Assert.DoesNotContain(unapproved, await IdsAsync(RskOfficer, "/api/open/publications"));
        Assert.DoesNotContain(unapproved, await IdsAsync("leadership@demo.ma", "/api/open/publications"));
        Assert.Contains(unapproved, await IdsAsync("cese@demo.ma", "/api/open/publications"));
    }

    [Fact]
    public async Task StudyRequests_AnonymousSeeAdoptedAndPublished_OfficersTheirRegions_CoordinatorsAll()
    {
        await using var db = await Host.CreateDbContextAsync();
        var all = await db.StudyRequests.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        var adopted = await db.StudyRequests.Where(r => r.Status == StudyRequestStatus.Adopted || r.Status == StudyRequestStatus.Published)
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        var concerningSm = await db.StudyRequests.Where(r => r.Regions.Any(x => x.Region!.Code == "SM")).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        var submittedRsk = await db.StudyRequests.Where(r => r.Status == StudyRequestStatus.Submitted && r.Regions.Any(x => x.Region!.Code == "RSK") && r.Regions.All(x => x.Region!.Code != "SM"))
            .Select(r => r.Id).FirstAsync();

        Assert.NotEmpty(adopted);
        Assert.Equal(adopted, await IdsAsync(Anonymous, "/api/open/study-requests"));
        Assert.Equal(concerningSm, await IdsAsync(SmOfficer, "/api/open/study-requests"));
        Assert.Contains(submittedRsk, await IdsAsync(RskOfficer, "/api/open/study-requests"));
        Assert.Equal(all, await IdsAsync("dgct@demo.ma", "/api/open/study-requests"));
        Assert.DoesNotContain(submittedRsk, await IdsAsync(Anonymous, "/api/open/study-requests?region=RSK"));
    }

    [Fact]
    public async Task Publications_AnsweredRequestNotVisible_LinkIsLeftOut()
    {
        await using var db = await Host.CreateDbContextAsync();
        var linked = await db.Publications.Where(p => p.StudyRequestId != null && p.AssemblyApprovedOn != null)
            .Select(p => new { p.Id, p.StudyRequestId, Regions = p.StudyRequest!.Regions.Select(x => x.Region!.Code).ToList() }).FirstAsync();
        var outsider = linked.Regions.Contains("SM") ? RskOfficer : SmOfficer;

        Assert.Equal(linked.StudyRequestId, await StudyRequestIdOfAsync(Anonymous, linked.Id));
        Assert.Null(await StudyRequestIdOfAsync(outsider, linked.Id));
    }

    [Fact]
    public async Task Paging_Regions_NextLinksWalkEveryPageOnceUpToTheLast()
    {
        using var http = await ClientAsync(Anonymous);
        var seen = new List<int>();
        var url = "/api/open/regions?pageSize=5";
        JsonElement last = default;
        for (var pages = 0; url is not null && pages < 10; pages++)
        {
            using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("12", Assert.Single(response.Headers.GetValues("X-Total-Count")));
            var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            seen.AddRange(root.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
            last = root;
            url = root.GetProperty("links").GetProperty("next").GetString();
            if (url is not null)
            {
                Assert.Contains($"<{url}>; rel=\"next\"", Assert.Single(response.Headers.GetValues("Link")), StringComparison.Ordinal);
            }
        }

        await using var db = await Host.CreateDbContextAsync();
        Assert.Equal(await db.Regions.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(), seen);
        Assert.Equal((3, 3, 2), (last.GetProperty("page").GetInt32(), last.GetProperty("totalPages").GetInt32(), last.GetProperty("items").GetArrayLength()));
        Assert.Equal("/api/open/regions?page=2&pageSize=5", last.GetProperty("links").GetProperty("prev").GetString());
        Assert.Equal("/api/open/regions?page=1&pageSize=5", last.GetProperty("links").GetProperty("first").GetString());

        using var beyond = await http.GetAsync(new Uri("/api/open/regions?page=9&pageSize=5", UriKind.Relative));
        var empty = JsonDocument.Parse(await beyond.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((HttpStatusCode.OK, 0, 12), (beyond.StatusCode, empty.GetProperty("items").GetArrayLength(), empty.GetProperty("total").GetInt32()));
        Assert.Equal("/api/open/regions?page=3&pageSize=5", empty.GetProperty("links").GetProperty("prev").GetString());
    }

    [Fact]
    public async Task Csv_Publications_ParseBackWithBomQuotingAndFormulasNeutralised()
    {
        var cese = await Host.PrincipalAsync("cese@demo.ma");
        var publications = Host.Get<PublicationsService>();
        const string formula = "=HYPERLINK(\"http://evil.example\",\"clic\")";
        var id = await publications.CreateAsync(cese, new PublicationInput
        {
            TitleFr = formula,
            TitleAr = "@رأي تجريبي",
            Kind = PublicationKind.Opinion,
            Commission = CeseCommission.SectoralAnalysis,
            Summary = "Première ligne, avec une virgule ; un « guillemet » \"double\"\r\nseconde ligne",
        });
        await using (var before = await Host.CreateDbContextAsync())
        {
            var version = await before.Publications.Where(p => p.Id == id).Select(p => p.Version).SingleAsync();
            await publications.ApproveAsync(cese, id, new ApprovalInput { SessionNumber = 160, ApprovedOn = DateTime.Today.AddDays(-1), Version = version });
        }

        await using var db = await Host.CreateDbContextAsync();
        var stored = await db.Publications.AsNoTracking().SingleAsync(p => p.Id == id);

        using var http = await ClientAsync(Anonymous);
        using var response = await http.GetAsync(new Uri("/api/open/publications?format=csv&pageSize=200", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);

        var (separator, records) = CsvFile.Read(bytes, 1000);
        Assert.Equal(',', separator);
        Assert.Equal(
            ["id", "kind", "commission", "titleFr", "titleAr", "summaryFr", "summaryAr", "approved", "assemblySessionNumber", "assemblyApprovedOn", "studyRequestId", "hasDocument"],
            records[0].Fields);
        var row = records.Skip(1).Single(r => r.Fields[0] == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Fields;
        Assert.Equal("'" + formula, row[3]);
        Assert.Equal("'@رأي تجريبي", row[4]);
        Assert.Equal(stored.Summary, row[5]);
        Assert.Contains("\r\n", row[5], StringComparison.Ordinal);
        Assert.Equal(("opinion", "sectoralAnalysis", "true", "160", stored.AssemblyApprovedOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            (row[1], row[2], row[7], row[8], row[9]));
        Assert.Equal(records.Count - 1, int.Parse(Assert.Single(response.Headers.GetValues("X-Total-Count")), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("<", Assert.Single(response.Headers.GetValues("Link")), StringComparison.Ordinal);

        // JSON carries the values as they are: the guard is for spreadsheets only.
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/open/publications?pageSize=200", UriKind.Relative)));
        var item = json.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == id);
        Assert.Equal(formula, item.GetProperty("titleFr").GetString());
    }

    [Theory]
    [InlineData("/api/open/regions?page=0", "page", "1000000")]
    [InlineData("/api/open/regions?page=abc", "page", "1000000")]
    [InlineData("/api/open/regions?page=-1", "page", "1000000")]
    [InlineData("/api/open/regions?pageSize=10000", "pageSize", "200")]
    [InlineData("/api/open/regions?pageSize=0", "pageSize", "200")]
    [InlineData("/api/open/regions?format=xml", "format", "csv")]
    [InlineData("/api/open/bodies?region=99", "region", "99")]
    [InlineData("/api/open/bodies?region=XYZ", "region", "XYZ")]
    [InlineData("/api/open/practices?year=abc", "year", "2100")]
    [InlineData("/api/open/practices?year=1999", "year", "2000")]
    [InlineData("/api/open/regions?region=4", "region", "region")]
    [InlineData("/api/open/bodies?year=2026", "year", "year")]
    [InlineData("/api/open/publications?region=4", "region", "region")]
    [InlineData("/api/open/regions?page=1&page=2", "page", "page")]
    public async Task BadParameter_Answers400NamingIt(string url, string parameter, string mentioned)
    {
        using var http = await ClientAsync(Anonymous);
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("bad-parameter", root.GetProperty("reason").GetString());
        var error = Assert.Single(root.GetProperty("errors").EnumerateArray());
        Assert.Equal(parameter, error.GetProperty("parameter").GetString());
        Assert.Contains(mentioned, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(error.GetProperty("message").GetString(), root.GetProperty("error").GetString());
    }

    [Fact]
    public async Task BadParameters_AllReported_InTheRequestsLanguage()
    {
        using var http = await ClientAsync(Anonymous);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/open/trainings?page=0&pageSize=500&format=pdf");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("parameter").GetString(), e.GetProperty("message").GetString())).ToList();
        Assert.Equal(
            [
                ("page", "\"page\" must be a whole number between 1 and 1000000."),
                ("pageSize", "\"pageSize\" must be a whole number between 1 and 200."),
                ("format", "\"format\" must be json or csv."),
            ],
            errors);
    }

    [Fact]
    public async Task Bodies_RegionByIdOrCode_MembersCountedByGenderWithoutNames()
    {
        var byId = await ItemsAsync(Anonymous, "/api/open/bodies?region=4&pageSize=200");
        var byCode = await ItemsAsync(Anonymous, "/api/open/bodies?region=rsk&pageSize=200");

        await using var db = await Host.CreateDbContextAsync();
        var expected = await db.Bodies.Where(b => b.RegionId == 4).OrderBy(b => b.Id)
            .Select(b => new
            {
                b.Id,
                Members = b.Members.Count,
                Female = b.Members.Count(m => m.Gender == Gender.Female),
                Male = b.Members.Count(m => m.Gender == Gender.Male),
                Held = b.Meetings.Count(m => m.Status == MeetingStatus.Held),
            })
            .ToListAsync();
        Assert.NotEmpty(expected);
        Assert.Contains(expected, b => b.Female > 0 && b.Male > 0);
        var figures = byId.Select(b => (b.GetProperty("id").GetInt32(), b.GetProperty("members").GetInt32(), b.GetProperty("membersFemale").GetInt32(),
            b.GetProperty("membersMale").GetInt32(), b.GetProperty("meetingsHeld").GetInt32())).ToList();
        Assert.Equal(expected.Select(b => (b.Id, b.Members, b.Female, b.Male, b.Held)), figures);
        Assert.Equal(figures, byCode.Select(b => (b.GetProperty("id").GetInt32(), b.GetProperty("members").GetInt32(), b.GetProperty("membersFemale").GetInt32(),
            b.GetProperty("membersMale").GetInt32(), b.GetProperty("meetingsHeld").GetInt32())));
        Assert.All(byId, b => Assert.Equal("RSK", b.GetProperty("regionCode").GetString()));

        var names = await db.BodyMembers.Where(m => m.Body!.RegionId == 4).Select(m => m.FullName).ToListAsync();
        using var http = await ClientAsync(Anonymous);
        var csv = await http.GetStringAsync(new Uri("/api/open/bodies?region=4&format=csv", UriKind.Relative));
        Assert.All(names, name => Assert.DoesNotContain(name, csv, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Trainings_SessionFigures_EqualDirectDatabaseCounts()
    {
        var sessions = new List<JsonElement>();
        using var http = await ClientAsync(Anonymous);
        var url = "/api/open/trainings?pageSize=7";
        for (var pages = 0; url is not null && pages < 100; pages++)
        {
            var root = JsonDocument.Parse(await http.GetStringAsync(new Uri(url, UriKind.Relative))).RootElement;
            sessions.AddRange(root.GetProperty("items").EnumerateArray());
            url = root.GetProperty("links").GetProperty("next").GetString();
        }

        await using var db = await Host.CreateDbContextAsync();
        Assert.Equal(await db.TrainingSessions.CountAsync(), sessions.Count);
        var registered = await db.Registrations.Where(r => r.Status == RegistrationStatus.Registered)
            .Select(r => new { r.SessionId, r.Participant!.Gender, r.Participant.Audience, r.ParticipantId }).ToListAsync();
        var attended = (await db.AttendanceMarks.Where(m => m.Status == AttendanceStatus.Present || m.Status == AttendanceStatus.Late)
            .Select(m => new { m.SessionId, m.ParticipantId }).ToListAsync()).ToHashSet();
        var present = registered.Where(r => attended.Contains(new { r.SessionId, r.ParticipantId })).ToList();
        Assert.NotEmpty(present);

        foreach (var s in sessions)
        {
            var id = s.GetProperty("id").GetInt32();
            var own = registered.Where(r => r.SessionId == id).ToList();
            var came = present.Where(r => r.SessionId == id).ToList();
            Assert.Equal(
                (own.Count, own.Count(r => r.Gender == Gender.Female), own.Count(r => r.Gender == Gender.Male),
                    came.Count, came.Count(r => r.Gender == Gender.Female), came.Count(r => r.Gender == Gender.Male),
                    came.Count(r => r.Audience == ParticipantAudience.CouncilMember), came.Count(r => r.Audience == ParticipantAudience.BodyMember)),
                (s.GetProperty("registered").GetInt32(), s.GetProperty("registeredFemale").GetInt32(), s.GetProperty("registeredMale").GetInt32(),
                    s.GetProperty("present").GetInt32(), s.GetProperty("presentFemale").GetInt32(), s.GetProperty("presentMale").GetInt32(),
                    s.GetProperty("presentCouncilMembers").GetInt32(), s.GetProperty("presentBodyMembers").GetInt32()));
            var rate = s.GetProperty("attendanceRate");
            if (s.GetProperty("held").GetBoolean() && own.Count > 0)
            {
                Assert.Equal(Math.Round(came.Count / (double)own.Count, 4), rate.GetDouble(), 6);
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, rate.ValueKind);
            }
        }

        Assert.Contains(sessions, s => s.GetProperty("held").GetBoolean() && s.GetProperty("present").GetInt32() > 0);
        var programmes = await ItemsAsync(Anonymous, "/api/open/training-programmes?pageSize=200");
        Assert.Equal(await db.TrainingProgrammes.CountAsync(), programmes.Count);
        foreach (var p in programmes)
        {
            var own = sessions.Where(s => s.GetProperty("programmeId").GetInt32() == p.GetProperty("id").GetInt32()).ToList();
            Assert.Equal(
                (own.Count, own.Sum(s => s.GetProperty("registered").GetInt32()), own.Sum(s => s.GetProperty("presentFemale").GetInt32())),
                (p.GetProperty("sessions").GetInt32(), p.GetProperty("registered").GetInt32(), p.GetProperty("presentFemale").GetInt32()));
        }
    }

    [Fact]
    public async Task Trainings_YearAndRegionFilters_KeepOnlyMatchingSessions()
    {
        var all = await ItemsAsync(Anonymous, "/api/open/trainings?pageSize=200");
        var year = all.Select(s => s.GetProperty("date").GetDateTime().Year).GroupBy(y => y).OrderByDescending(g => g.Count()).First().Key;

        var inYear = await ItemsAsync(Anonymous, $"/api/open/trainings?pageSize=200&year={year}");
        Assert.Equal(all.Where(s => s.GetProperty("date").GetDateTime().Year == year).Select(s => s.GetProperty("id").GetInt32()),
            inYear.Select(s => s.GetProperty("id").GetInt32()));

        var inRsk = await ItemsAsync(Anonymous, "/api/open/trainings?pageSize=200&region=RSK");
        Assert.NotEmpty(inRsk);
        Assert.Equal(all.Where(s => s.GetProperty("regions").EnumerateArray().Any(r => r.GetString() == "RSK")).Select(s => s.GetProperty("id").GetInt32()),
            inRsk.Select(s => s.GetProperty("id").GetInt32()));
    }

    private async Task<HttpClient> ClientAsync(string email)
    {
        if (email.Length == 0)
        {
            return Host.CreateClient();
        }

        var cookies = await HubClient.SignInAsync(Host.BaseUrl, email);
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Host.BaseUrl };
    }

    private async Task<List<JsonElement>> ItemsAsync(string email, string url)
    {
        using var http = await ClientAsync(email);
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("links").GetProperty("next").ValueKind);
        return root.GetProperty("items").EnumerateArray().ToList();
    }

    private async Task<List<int>> IdsAsync(string email, string url) =>
        (await ItemsAsync(email, url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "pageSize=200")).Select(i => i.GetProperty("id").GetInt32()).ToList();

    private async Task<int?> StudyRequestIdOfAsync(string email, int publicationId)
    {
        var item = (await ItemsAsync(email, "/api/open/publications?pageSize=200")).Single(i => i.GetProperty("id").GetInt32() == publicationId);
        var value = item.GetProperty("studyRequestId");
        return value.ValueKind == JsonValueKind.Null ? null : value.GetInt32();
    }
}

public sealed class OpenDataEndpointSqliteTests(AppHostFixture fixture) : OpenDataEndpointTestsBase(fixture.Host), IClassFixture<AppHostFixture>;

public sealed class OpenDataEndpointPostgresTests(PostgresAppHostFixture fixture) : OpenDataEndpointTestsBase(fixture.Host), IClassFixture<PostgresAppHostFixture>;

using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Shell.BadInput;

/// <summary>
/// The HTTP endpoints and the hub, sent bad parameters the way a script would: impossible dates (Feb 30, year 1, an
/// end before its start), unknown or oversized codes and periods, path traversal in names, ids out of range, oversized and
/// malformed JSON. Each answers 4xx with a readable message (never 5xx), and nothing is saved. A guard lists the app's
/// routes, so a new endpoint fails here until a bad request for it is in the table.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class BadInputHttpTests(BadInputFixture fixture)
{
    public static readonly string[] Covers =
    [
        "RegionReportService.ExportPdfAsync", "ConventionReportService.ExportPdfAsync", "TrainingDocumentsService.ExportAsync",
        "TrainingDocumentsService.AttendanceSheetAsync", "TrainingDocumentsService.CertificatesAsync", "TrainingDocumentsService.RenderHtmlAsync",
        "OpenDataService.ResolveRegionAsync", "OpenDataService.RegionsAsync", "OpenDataService.BodiesAsync", "OpenDataService.PracticesAsync",
        "OpenDataService.TrainingSessionsAsync", "OpenDataService.TrainingProgrammesAsync", "OpenDataService.StudyRequestsAsync",
        "OpenDataService.PublicationsAsync", "CheckInService.CheckInAsync", "BackupService.OpenAsync", "BackupService.DeleteAsync",
    ];

    // Long enough to pass every field's limit, short enough to stay under the server's 8 KB request line (beyond it,
    // Kestrel answers 414 itself, before the app).
    private static readonly string s_long = new('x', 2_000);

    /// <summary>Route pattern, who asks (null: anonymous), method, address, JSON body.</summary>
    private static readonly (string Route, string? User, string Method, string Url, string? Body)[] s_requests =
    [
        ("/regions/{code}/summary.pdf", "cese@demo.ma", "GET", "/regions/RSK/summary.pdf?from=2025-02-30&to=2025-12-31", null),
        ("/regions/{code}/summary.pdf", "cese@demo.ma", "GET", "/regions/RSK/summary.pdf?from=0001-01-01&to=9999-12-31", null),
        ("/regions/{code}/summary.pdf", "cese@demo.ma", "GET", "/regions/RSK/summary.pdf?from=2025-12-31&to=2025-01-01", null),
        ("/regions/{code}/summary.pdf", "cese@demo.ma", "GET", $"/regions/{s_long}/summary.pdf?from=2025-01-01&to=2025-12-31", null),
        ("/regions/{code}/summary.pdf", "cese@demo.ma", "GET", "/regions/%3Cscript%3E/summary.pdf?from=2025-01-01&to=2025-12-31", null),
        ("/regions/{code}/summary.pdf", "cese@demo.ma", "GET", "/regions/RSK/summary.pdf?from=2025-01-01&to=2025-12-31&lang=%3Cscript%3E", null),
        ("/convention/report.pdf", "cese@demo.ma", "GET", "/convention/report.pdf?period=2025-Q5", null),
        ("/convention/report.pdf", "cese@demo.ma", "GET", "/convention/report.pdf?period=2025-02-30..2025-03-31", null),
        ("/convention/report.pdf", "cese@demo.ma", "GET", $"/convention/report.pdf?period={s_long}", null),
        ("/convention/report.pdf", "cese@demo.ma", "GET", "/convention/report.pdf?period=2025&lang=xx%00", null),
        ("/trainings/sessions/{id:int}/attendance-sheet.pdf", "arm@demo.ma", "GET", "/trainings/sessions/2147483647/attendance-sheet.pdf", null),
        ("/trainings/sessions/{id:int}/attendance-sheet.pdf", "arm@demo.ma", "GET", "/trainings/sessions/1/attendance-sheet.pdf?lang=%3Cscript%3E", null),
        ("/trainings/sessions/{id:int}/certificates.pdf", "arm@demo.ma", "GET", "/trainings/sessions/1/certificates.pdf?participant=-1", null),
        ("/trainings/sessions/{id:int}/certificates.pdf", "arm@demo.ma", "GET", "/trainings/sessions/1/certificates.pdf?participant=abc", null),
        ("/trainings/sessions/{id:int}/attendance.xlsx", "arm@demo.ma", "GET", "/trainings/sessions/-1/attendance.xlsx", null),
        ("/trainings/sessions/{id:int}/attendance.csv", "arm@demo.ma", "GET", "/trainings/sessions/99999999999/attendance.csv", null),
        ("/api/open/regions", null, "GET", "/api/open/regions?page=-1", null),
        ("/api/open/bodies", null, "GET", "/api/open/bodies?region=%3Cscript%3E", null),
        ("/api/open/practices", null, "GET", "/api/open/practices?year=99999&pageSize=100000000", null),
        ("/api/open/trainings", null, "GET", "/api/open/trainings?region=RSK&region=SM", null),
        ("/api/open/training-programmes", null, "GET", $"/api/open/training-programmes?region={s_long}", null),
        ("/api/open/study-requests", null, "GET", "/api/open/study-requests?format=xml%00", null),
        ("/api/open/publications", null, "GET", "/api/open/publications?year=-1&page=2147483647", null),
        ("/admin/backups/{name}", "admin@demo.ma", "GET", "/admin/backups/..%2F..%2Fworkspace.db", null),
        ("/admin/backups/{name}", "admin@demo.ma", "GET", "/admin/backups/%3Cscript%3E.zip", null),
        ("/admin/audit/export.csv", "admin@demo.ma", "GET", "/admin/audit/export.csv?from=2025-02-30", null),
        ("/admin/audit/export.csv", "admin@demo.ma", "GET", "/admin/audit/export.csv?from=2025-06-01&to=2025-01-01&op=999", null),
        ("/admin/audit/export.xlsx", "admin@demo.ma", "GET", $"/admin/audit/export.xlsx?record={s_long}&type=%3Cscript%3E", null),
        ("/practices/attachments/{id:int}", "cese@demo.ma", "GET", "/practices/attachments/2147483647", null),
        ("/practices/attachments/{id:int}/view", "cese@demo.ma", "GET", "/practices/attachments/0/view", null),
        ("/studies/attachments/{id:int}", "cese@demo.ma", "GET", "/studies/attachments/-5", null),
        ("/publications/{id:int}/document", "cese@demo.ma", "GET", "/publications/2147483647/document", null),
        ("/listening-sessions/contributions/files/{id:int}", "cese@demo.ma", "GET", "/listening-sessions/contributions/files/0", null),
        ("/culture/set", null, "GET", "/culture/set?culture=%3Cscript%3E", null),
        ("/api/checkin", null, "POST", "/api/checkin", "{\"sessionId\": 1, \"code\": "),
        ("/api/checkin", null, "POST", "/api/checkin", "{\"sessionId\": \"abc\", \"code\": \"123456\", \"identifier\": \"x\"}"),
        ("/api/checkin", null, "POST", "/api/checkin", $"{{\"sessionId\": 1, \"code\": \"123456\", \"identifier\": \"{s_long}\"}}"),
        ("/api/checkin", null, "POST", "/api/checkin", "{\"sessionId\": 2147483647, \"code\": \"123456\", \"identifier\": \"a\\u0000b\"}"),
        ("/api/checkin", null, "POST", "/api/checkin", "[1, 2, 3]"),
        ("/api/session", null, "POST", "/api/session", "{\"email\": "),
        ("/api/session", null, "POST", "/api/session", $"{{\"email\": \"{s_long}@demo.ma\", \"password\": \"{s_long}\"}}"),
        ("/api/session", null, "POST", "/api/session", "{\"email\": 12, \"password\": true}"),
    ];

    /// <summary>Routes that take no input a request could spoil (or are the framework's own).</summary>
    private static readonly HashSet<string> s_noInput =
    [
        "/account/logout", "/{**path:file}", "/healthz", "/hubs/workspace/negotiate", "/trainings/participants-template.csv", "/hubs/workspace", "/health", "/health/ready", "/health/live",
    ];

    public static TheoryData<int> Requests => new(Enumerable.Range(0, s_requests.Length));

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Endpoint_BadParameters_ClientErrorWithAMessageAndNothingSaved(int index)
    {
        var (_, user, method, url, body) = s_requests[index];
        using var client = user is null ? fixture.Host.CreateClient() : await ClientAsync(user);
        var before = await fixture.CaptureAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{method} {Short(url)}: {status} {Short(text)}");
        Assert.False(string.IsNullOrWhiteSpace(text), $"{method} {Short(url)}: {status} with no message");
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        if (response.Content.Headers.ContentType?.MediaType is "text/html")
        {
            Assert.DoesNotContain("<script>", text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal("", (await fixture.CaptureAsync()).DiffFrom(before));
    }

    [Fact]
    public async Task Culture_ForeignReturnUrl_RedirectsHomeOnly()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.GetAsync("/culture/set?culture=ar&returnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task CheckIn_OversizedBody_RefusedAs413BeforeReading()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.PostAsync("/api/checkin", new StringContent(new string(' ', 1_000_000) + "{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("\"reason\":\"too-large\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hub_BadRegionCodes_RefusedWithAMessage()
    {
        await using var hub = await HubClient.ConnectAsync(fixture.Host.BaseUrl, "officer.rsk@demo.ma");
        string[] codes = [new string('R', 1_000), "RSK\0", "RSK\u202E", "<script>", "", "../SM", "SM"];

        foreach (var code in codes)
        {
            var joined = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync<object>("JoinRegion", code));
            Assert.False(string.IsNullOrWhiteSpace(joined.Message));
            Assert.DoesNotContain("Exception", joined.Message.Replace("HubException", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync("LeaveRegion", new string('R', 1_000)));
        await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync("JoinRegion", 42, "extra"));

        // The connection survived every refusal: a valid join still works.
        Assert.NotNull(await hub.Connection.InvokeAsync<object>("JoinRegion", "RSK"));
    }

    [Fact]
    public async Task Hub_ArgumentOverTheMessageLimit_ConnectionClosedAndNothingJoined()
    {
        await using var hub = await HubClient.ConnectAsync(fixture.Host.BaseUrl, "officer.rsk@demo.ma");
        var closed = new TaskCompletionSource<Exception?>();
        hub.Connection.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };

        // 10,000 characters exceed the hub's message limit (4 KB): the server closes the connection without running the method.
        await Assert.ThrowsAnyAsync<Exception>(() => hub.Connection.InvokeAsync<object>("JoinRegion", new string('R', 10_000)));

        Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.Equal(HubConnectionState.Disconnected, hub.Connection.State);
    }

    [Fact]
    public void EveryRouteTakingInput_HasABadRequestInTheTable()
    {
        var routes = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is null
                && !e.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal)))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => !r.StartsWith("/_", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        var covered = s_requests.Select(r => r.Route).ToHashSet();

        Assert.Contains("/api/checkin", routes);
        var missing = routes.Where(r => !covered.Contains(r) && !s_noInput.Contains(r)).ToList();
        Assert.True(missing.Count == 0, "Routes without a bad request in the table: " + string.Join(", ", missing));
    }

    private async Task<HttpClient> ClientAsync(string email)
    {
        var cookies = await HubClient.SignInAsync(fixture.Host.BaseUrl, email);
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.Host.BaseUrl };
    }

    private static string Short(string text) => text.Length > 160 ? text[..160] + "…" : text;
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using RegionalWorkspace.Features.Accounts;
using static RegionalWorkspace.Tests.Features.Accounts.PermissionsMatrix;

namespace RegionalWorkspace.Tests.Features.Accounts;

/// <summary>What a caller should get from an endpoint.</summary>
public enum Answer
{
    /// <summary>The content (2xx; for a page, one showing the record's title when one is named).</summary>
    Content,

    /// <summary>Anonymous: sent to the sign-in page (302), or 401 for API and hub addresses.</summary>
    SignIn,

    /// <summary>Refused: 403, 404, a redirect to the access-denied page, or a page that shows a refusal and not the record.</summary>
    Refused,

    /// <summary>Past authorisation, answered by the endpoint itself with <see cref="HttpRoute.ReachedStatus"/> (a framework or form endpoint called without its protocol).</summary>
    Reached,
}

/// <summary>
/// An endpoint of the app as declared for the matrix: the route pattern it is mapped under, how to call it (with ids of
/// records of Rabat-Salé-Kénitra), and what each caller (null: anonymous) gets.
/// </summary>
public sealed record HttpRoute(string Pattern, string Method, Func<PermissionsHttpWorld, string> Url, Func<DemoCaller?, Answer> Expect)
{
    /// <summary>Text only an allowed caller sees (a record's title).</summary>
    public Func<PermissionsHttpWorld, string>? Marker { get; init; }

    public HttpStatusCode ReachedStatus { get; init; } = HttpStatusCode.BadRequest;

    public HttpStatusCode ContentStatus { get; init; } = HttpStatusCode.OK;

    public Func<HttpContent>? Body { get; init; }

}

/// <summary>
/// Every endpoint of the running app (minimal APIs, pages, hubs, framework endpoints) declared with the answer each
/// demo account and an anonymous caller get, sent as real requests to the app on 127.0.0.1. An endpoint the table does
/// not declare fails <see cref="Endpoints_EveryOneOfTheApp_IsDeclared"/>, naming it.
/// </summary>
public sealed class PermissionsHttpMatrixTests(PermissionsHttpWorld world) : IClassFixture<PermissionsHttpWorld>
{
    private static Func<DemoCaller?, Answer> Public => _ => Answer.Content;

    private static Func<DemoCaller?, Answer> SignedIn => c => c is null ? Answer.SignIn : Answer.Content;

    private static Func<DemoCaller?, Answer> FrameworkSignedIn => c => c is null ? Answer.SignIn : Answer.Reached;

    /// <summary>Signed in and allowed <paramref name="useCase"/> on Rabat-Salé-Kénitra's data (or on no region's), as the declared matrix says.</summary>
    private static Func<DemoCaller?, Answer> May(UseCase useCase, int? region = Rsk) => c =>
        c is null ? Answer.SignIn : Expected(c.Role, c.RegionId, useCase, region) ? Answer.Content : Answer.Refused;

    /// <summary>A draft practice: its region's officers and the coordinators (with the administrator) only.</summary>
    private static Func<DemoCaller?, Answer> DraftOfRsk => c =>
        c is null ? Answer.SignIn
        : c.Role is WorkspaceRole.Administrator or WorkspaceRole.ArmCoordinator or WorkspaceRole.DgctCoordinator || c.RegionId == Rsk ? Answer.Content
        : Answer.Refused;

    /// <summary>CESE engagement lists: every role, officers seeing what concerns their own region.</summary>
    private static Func<DemoCaller?, Answer> ListFilteredByRegion => c =>
        c is null ? Answer.SignIn : Expected(c.Role, c.RegionId, UseCase.ReadCeseEngagement, c.RegionId) ? Answer.Content : Answer.Refused;

    /// <summary>An approved publication is CESE's public output: every role reads it (officers, whatever its regions).</summary>
    private static Func<DemoCaller?, Answer> ApprovedPublication => ListFilteredByRegion;

    /// <summary>A publication the General Assembly has not approved yet: CESE staff only.</summary>
    private static Func<DemoCaller?, Answer> UnapprovedPublication => c =>
        c is null ? Answer.SignIn : c.Role == WorkspaceRole.CeseStaff ? Answer.Content : Answer.Refused;

    public static readonly IReadOnlyList<HttpRoute> Routes =
    [
        // Operations, language, accounts.
        new("/healthz", "GET", _ => "/healthz", Public),
        new("/culture/set", "GET", _ => "/culture/set?culture=ar&returnUrl=%2Fpractices", Public) { ContentStatus = HttpStatusCode.Redirect },
        new("/account/logout", "POST", _ => "/account/logout", FrameworkSignedIn),
        new("/api/session", "POST", _ => "/api/session", _ => Answer.Reached)
        {
            Body = () => JsonContent.Create(new { email = "personne@demo.ma", password = "Pas-le-bon-1" }), ReachedStatus = HttpStatusCode.Unauthorized,
        },
        new("/api/session", "DELETE", _ => "/api/session", SignedIn) { ContentStatus = HttpStatusCode.NoContent },

        // Hubs and Blazor's own endpoints: signed-in callers only.
        new("/hubs/workspace/negotiate", "POST", _ => "/hubs/workspace/negotiate?negotiateVersion=1", SignedIn),
        new("/hubs/workspace", "GET", _ => "/hubs/workspace", FrameworkSignedIn),
        new("/_blazor/negotiate", "POST", _ => "/_blazor/negotiate?negotiateVersion=1", SignedIn),
        new("/_blazor", "GET", _ => "/_blazor", FrameworkSignedIn),
        new("/_blazor/disconnect/", "POST", _ => "/_blazor/disconnect/", FrameworkSignedIn),
        new("/_blazor/initializers/", "GET", _ => "/_blazor/initializers/", SignedIn),
        new("/_framework/opaque-redirect", "GET", _ => "/_framework/opaque-redirect", FrameworkSignedIn),

        // Documents and files.
        new("/regions/{code}/summary.pdf", "GET", _ => "/regions/RSK/summary.pdf?from=2026-01-01&to=2026-12-31", May(UseCase.ExportDocuments)),
        new("/convention/report.pdf", "GET", _ => "/convention/report.pdf?period=1995-T2", May(UseCase.FollowConvention, null)),
        new("/trainings/participants-template.csv", "GET", _ => "/trainings/participants-template.csv", SignedIn),
        new("/trainings/sessions/{id:int}/attendance-sheet.pdf", "GET", w => $"/trainings/sessions/{w.SessionId}/attendance-sheet.pdf", May(UseCase.ExportDocuments)),
        new("/trainings/sessions/{id:int}/certificates.pdf", "GET", w => $"/trainings/sessions/{w.SessionId}/certificates.pdf", May(UseCase.TakeAttendance)),
        new("/trainings/sessions/{id:int}/attendance.xlsx", "GET", w => $"/trainings/sessions/{w.SessionId}/attendance.xlsx", May(UseCase.ExportDocuments)),
        new("/trainings/sessions/{id:int}/attendance.csv", "GET", w => $"/trainings/sessions/{w.SessionId}/attendance.csv", May(UseCase.ExportDocuments)),
        new("/practices/attachments/{id:int}", "GET", w => $"/practices/attachments/{w.PublishedAttachmentId}", May(UseCase.ReadPractices)),
        new("/practices/attachments/{id:int}", "GET", w => $"/practices/attachments/{w.DraftAttachmentId}", DraftOfRsk),
        new("/practices/attachments/{id:int}/view", "GET", w => $"/practices/attachments/{w.PublishedImageId}/view", May(UseCase.ReadPractices)),
        new("/practices/attachments/{id:int}/view", "GET", w => $"/practices/attachments/{w.DraftImageId}/view", DraftOfRsk),
        new("/publications/{id:int}/document", "GET", w => $"/publications/{w.ApprovedPublicationId}/document", ApprovedPublication),
        new("/publications/{id:int}/document", "GET", w => $"/publications/{w.UnapprovedPublicationId}/document", UnapprovedPublication),
        new("/studies/attachments/{id:int}", "GET", w => $"/studies/attachments/{w.StudyAttachmentId}", May(UseCase.ReadCeseEngagement)),
        new("/listening-sessions/contributions/files/{id:int}", "GET", w => $"/listening-sessions/contributions/files/{w.ContributionFileId}", May(UseCase.ReadCeseEngagement)),
        new("/admin/backups/{name}", "GET", w => $"/admin/backups/{w.BackupName}", May(UseCase.ManageBackups, null)),
        new("/admin/audit/export.csv", "GET", _ => "/admin/audit/export.csv", May(UseCase.ReviewAuditTrail, null)),
        new("/admin/audit/export.xlsx", "GET", _ => "/admin/audit/export.xlsx", May(UseCase.ReviewAuditTrail, null)),

        // Open data: public by design (published records only).
        new("/api/open/regions", "GET", _ => "/api/open/regions", Public),
        new("/api/open/bodies", "GET", _ => "/api/open/bodies", Public),
        new("/api/open/practices", "GET", _ => "/api/open/practices", Public),
        new("/api/open/trainings", "GET", _ => "/api/open/trainings", Public),
        new("/api/open/training-programmes", "GET", _ => "/api/open/training-programmes", Public),
        new("/api/open/study-requests", "GET", _ => "/api/open/study-requests", Public),
        new("/api/open/publications", "GET", _ => "/api/open/publications", Public),

        // Participants check in and evaluate without an account.
        new("/api/checkin", "POST", _ => "/api/checkin", _ => Answer.Reached) { Body = () => JsonContent.Create(new { }) },
        new("/checkin/{SessionId:int}", "GET", w => $"/checkin/{w.SessionId}", Public),
        new("/e/{SessionId:int}", "GET", w => $"/e/{w.SessionId}", Public),
        new("/trainings/sessions/{SessionId:int}/evaluation", "GET", w => $"/trainings/sessions/{w.SessionId}/evaluation", Public),

        // Pages.
        new("/account/login", "GET", _ => "/account/login", Public),
        new("/account/access-denied", "GET", _ => "/account/access-denied", SignedIn),
        new("/error", "GET", _ => "/error", Public),
        new("/not-found", "GET", _ => "/not-found", Public),
        new("/", "GET", _ => "/", May(UseCase.ReadWorkspace)),
        new("/regions/{Code}", "GET", _ => "/regions/RSK", May(UseCase.ReadWorkspace)) { Marker = _ => "Rabat-Salé-Kénitra" },
        new("/regions/{Code}", "GET", _ => "/regions/SM", May(UseCase.ReadWorkspace, Sm)) { Marker = _ => "Souss-Massa" },
        new("/bodies/{Id:int}", "GET", w => $"/bodies/{w.BodyId}", May(UseCase.ReadWorkspace)) { Marker = w => w.BodyName },
        new("/dashboard", "GET", _ => "/dashboard", May(UseCase.CompareRegions, null)) { Marker = _ => "Souss-Massa" },
        new("/convention", "GET", _ => "/convention", May(UseCase.FollowConvention, null)) { Marker = _ => "data-table=\"regions\"" },
        new("/activity", "GET", _ => "/activity", May(UseCase.ReadWorkspace)),
        new("/notifications", "GET", _ => "/notifications", SignedIn),
        new("/practices", "GET", _ => "/practices", May(UseCase.ReadPractices)),
        new("/practices/adoptions", "GET", _ => "/practices/adoptions", May(UseCase.ReadPractices)),
        new("/practices/{Id:int}", "GET", w => $"/practices/{w.PublishedPracticeId}", May(UseCase.ReadPractices)) { Marker = w => w.PublishedPracticeTitle },
        new("/practices/{Id:int}", "GET", w => $"/practices/{w.DraftPracticeId}", DraftOfRsk) { Marker = w => w.DraftPracticeTitle },
        new("/trainings", "GET", _ => "/trainings", May(UseCase.ReadWorkspace)),
        new("/trainings/dashboard", "GET", _ => "/trainings/dashboard", May(UseCase.ReadWorkspace)),
        new("/trainings/sessions/{Id:int}", "GET", w => $"/trainings/sessions/{w.SessionId}", May(UseCase.ReadWorkspace)) { Marker = w => w.ProgrammeTitle },
        new("/trainings/sessions/{Id:int}/board", "GET", w => $"/trainings/sessions/{w.SessionId}/board", May(UseCase.TakeAttendance)) { Marker = _ => "Fatima Zahra Amrani" },
        new("/trainings/sessions/{Id:int}/projector", "GET", w => $"/trainings/sessions/{w.SessionId}/projector", May(UseCase.TakeAttendance)) { Marker = w => w.ProgrammeTitle },
        new("/studies", "GET", _ => "/studies", ListFilteredByRegion),
        new("/studies/{Id:int}", "GET", w => $"/studies/{w.StudyRequestId}", May(UseCase.ReadCeseEngagement)) { Marker = w => w.StudyRequestTitle },
        new("/publications", "GET", _ => "/publications", ListFilteredByRegion),
        new("/publications/{Id:int}", "GET", w => $"/publications/{w.ApprovedPublicationId}", ApprovedPublication) { Marker = w => w.ApprovedPublicationTitle },
        new("/publications/{Id:int}", "GET", w => $"/publications/{w.UnapprovedPublicationId}", UnapprovedPublication) { Marker = w => w.UnapprovedPublicationTitle },
        new("/listening-sessions", "GET", _ => "/listening-sessions", ListFilteredByRegion),
        new("/listening-sessions/{Id:int}", "GET", w => $"/listening-sessions/{w.ListeningSessionId}", May(UseCase.ReadCeseEngagement)) { Marker = w => w.ListeningTopic },
        new("/listening-sessions/{Id:int}/board", "GET", w => $"/listening-sessions/{w.ListeningSessionId}/board", May(UseCase.ReadCeseEngagement)) { Marker = w => w.ListeningTopic },
        new("/study-meetings", "GET", _ => "/study-meetings", ListFilteredByRegion),
        new("/study-meetings/{Id:int}", "GET", w => $"/study-meetings/{w.StudyMeetingId}", May(UseCase.ReadCeseEngagement)) { Marker = w => w.StudyMeetingPlace },
        new("/support-actions", "GET", _ => "/support-actions", May(UseCase.ReadWorkspace)),
        new("/support-actions/{Id:int}", "GET", w => $"/support-actions/{w.SupportActionId}", May(UseCase.ReadWorkspace)) { Marker = w => w.SupportActionTitle },
        new("/admin/accounts", "GET", _ => "/admin/accounts", May(UseCase.ManageAccounts, null)),
        new("/admin/audit", "GET", _ => "/admin/audit", May(UseCase.ReviewAuditTrail, null)),
        new("/admin/backups", "GET", _ => "/admin/backups", May(UseCase.ManageBackups, null)),
    ];

    /// <summary>Endpoints left to the framework's static file handling: public, answered 404 for a file that is not there.</summary>
    private const string StaticFallback = "{**path:file}";

    [Fact]
    public void Endpoints_EveryOneOfTheApp_IsDeclared()
    {
        var declared = Routes.Select(r => (r.Method, r.Pattern)).ToHashSet();
        var undeclared = new List<string>();
        foreach (var endpoint in AppEndpoints())
        {
            if (endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null || endpoint.RoutePattern.RawText == StaticFallback)
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            if (!declared.Any(d => d.Pattern == endpoint.RoutePattern.RawText && (methods.Count == 0 || methods.Contains(d.Method))))
            {
                undeclared.Add($"{(methods.Count == 0 ? "*" : string.Join(",", methods))} {endpoint.RoutePattern.RawText}");
            }
        }

        Assert.True(undeclared.Count == 0, "Endpoints not declared in PermissionsHttpMatrixTests.Routes (say who may call them): " + string.Join("; ", undeclared));
    }

    [Fact]
    public void Routes_EveryDeclaredOne_IsAnEndpointOfTheApp()
    {
        var patterns = AppEndpoints().Select(e => e.RoutePattern.RawText).ToHashSet();

        Assert.Empty(Routes.Where(r => !patterns.Contains(r.Pattern)).Select(r => r.Pattern));
    }

    /// <summary>Static assets (MapStaticAssets) are public: each one, fetched anonymously, is there.</summary>
    [Fact]
    public async Task StaticAssets_Anonymous_AreServed()
    {
        using var client = world.Client(null);
        var failures = new List<string>();
        foreach (var asset in AppEndpoints().Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null).Select(e => e.RoutePattern.RawText!).Distinct())
        {
            using var response = await client.GetAsync("/" + asset);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{asset}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
        using var missing = await client.GetAsync("/no-such-file-here.txt");
        Assert.True(missing.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Redirect, $"a missing file: {(int)missing.StatusCode}");
    }

    public static TheoryData<int> RouteIndexes() => new(Enumerable.Range(0, Routes.Count));

    /// <summary>One route, called by an anonymous client and each demo account at once (a route's callers are independent).</summary>
    [Theory]
    [MemberData(nameof(RouteIndexes))]
    public async Task Endpoint_AsEachCaller_AnswersAsDeclared(int route)
    {
        var r = Routes[route];
        var callers = Callers.Prepend(null).ToList();
        var failures = await Task.WhenAll(callers.Select(c => CheckAsync(r, c)));

        Assert.True(failures.All(f => f is null), string.Join("\n", failures.OfType<string>()));
    }

    /// <summary>The answer <paramref name="caller"/> gets from <paramref name="r"/>: null if as declared, else what went wrong.</summary>
    private async Task<string?> CheckAsync(HttpRoute r, DemoCaller? caller)
    {
        var expected = r.Expect(caller);
        var url = r.Url(world);
        using var client = world.Client(caller);
        using var request = new HttpRequestMessage(new HttpMethod(r.Method), url) { Content = r.Body?.Invoke() };
        using var response = await client.SendAsync(request);
        var status = response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var marker = r.Marker?.Invoke(world);
        var what = $"{r.Method} {url} as {caller?.Email ?? "anonymous"}: {(int)status} {location}";
        bool Shows() => marker is not null && body.Contains(marker, StringComparison.Ordinal);

        return expected switch
        {
            Answer.Content when status != r.ContentStatus => $"{what}: expected {(int)r.ContentStatus}",
            Answer.Content when marker is not null && !Shows() => $"{what}: the page does not show '{marker}'",
            Answer.SignIn when !(status == HttpStatusCode.Unauthorized || (status == HttpStatusCode.Redirect && location.Contains("/account/login", StringComparison.Ordinal)))
                => $"{what}: expected the sign-in page or 401",
            Answer.Reached when status != r.ReachedStatus => $"{what}: expected the endpoint's own answer {(int)r.ReachedStatus}",
            Answer.Refused when !(status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                    || (status == HttpStatusCode.Redirect && location.Contains("/account/access-denied", StringComparison.Ordinal))
                    || (status == HttpStatusCode.OK && IsPage(response) && world.RefusalTexts.Any(t => body.Contains(t, StringComparison.Ordinal))))
                => $"{what}: expected a refusal",
            Answer.Refused when Shows() => $"{what}: refused, yet the page shows '{marker}'",
            _ => null,
        };
    }

    private static bool IsPage(HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType == "text/html";

    private IEnumerable<RouteEndpoint> AppEndpoints() => world.Host.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
}

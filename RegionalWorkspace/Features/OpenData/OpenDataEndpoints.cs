using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.OpenData;

/// <summary>
/// The open data: <c>GET /api/open/{regions|bodies|practices|trainings|training-programmes|study-requests|publications}</c>,
/// anonymous or with the workspace cookie (see <see cref="OpenDataAccess"/> for who sees what).
/// <list type="bullet">
/// <item><c>page</c> (from 1), <c>pageSize</c> (1–200, default 50), <c>format=json</c> (default) or <c>format=csv</c>;
/// filters <c>region</c> (id or code) and <c>year</c> where the data set has them.</item>
/// <item>JSON: <c>{"items":[…],"page","pageSize","total","totalPages","links":{"self","first","prev","next","last"}}</c>.
/// Both formats carry <c>X-Total-Count</c>, <c>X-Page</c>, <c>X-Page-Size</c> and an RFC 8288 <c>Link</c> header
/// (<c>first</c>, <c>prev</c>, <c>next</c>, <c>last</c>); links are relative to the server.</item>
/// <item>A bad parameter: 400 <c>{"error","reason":"bad-parameter","errors":[{"parameter","message"}]}</c>, as
/// <c>POST /api/checkin</c> answers, in the request's language.</item>
/// </list>
/// </summary>
public static class OpenDataEndpoints
{
    public const string Prefix = "/api/open";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        // Arabic, accents, apostrophes and "&" as themselves, not \u escapes. The relaxed encoder is unsafe only for JSON
        // pasted into HTML; these responses are served as application/json with nosniff.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private delegate Task<OpenDataPage<T>> Reader<T>(OpenDataService service, ClaimsPrincipal principal, OpenDataQuery query, int? regionId, CancellationToken ct);

    public static IEndpointRouteBuilder MapOpenDataEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).AllowAnonymous();
        Map<OpenRegion>(group, "regions", OpenDataFilters.None, (s, p, q, r, ct) => s.RegionsAsync(p, q, r, ct));
        Map<OpenBody>(group, "bodies", OpenDataFilters.Region, (s, p, q, r, ct) => s.BodiesAsync(p, q, r, ct));
        Map<OpenPractice>(group, "practices", OpenDataFilters.Region | OpenDataFilters.Year, (s, p, q, r, ct) => s.PracticesAsync(p, q, r, ct));
        Map<OpenTrainingSession>(group, "trainings", OpenDataFilters.Region | OpenDataFilters.Year, (s, p, q, r, ct) => s.TrainingSessionsAsync(p, q, r, ct));
        Map<OpenTrainingProgramme>(group, "training-programmes", OpenDataFilters.Region | OpenDataFilters.Year, (s, p, q, r, ct) => s.TrainingProgrammesAsync(p, q, r, ct));
        Map<OpenStudyRequest>(group, "study-requests", OpenDataFilters.Region | OpenDataFilters.Year, (s, p, q, r, ct) => s.StudyRequestsAsync(p, q, r, ct));
        Map<OpenPublication>(group, "publications", OpenDataFilters.Year, (s, p, q, r, ct) => s.PublicationsAsync(p, q, r, ct));
        return endpoints;
    }

    private static void Map<T>(RouteGroupBuilder group, string name, OpenDataFilters filters, Reader<T> read) =>
        group.MapGet("/" + name, (HttpContext http, OpenDataService service, IStringLocalizer<Strings> l) =>
            ServeAsync(http, service, l, Prefix + "/" + name, name, filters, read));

    private static async Task<IResult> ServeAsync<T>(HttpContext http, OpenDataService service, IStringLocalizer<Strings> l,
        string path, string name, OpenDataFilters filters, Reader<T> read)
    {
        OpenDataQuery query;
        int? regionId;
        try
        {
            query = OpenDataQuery.Parse(http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToArray(), StringComparer.Ordinal), filters);
            regionId = await service.ResolveRegionAsync(query.Region, http.RequestAborted);
        }
        catch (ValidationFailedException ex)
        {
            var errors = ex.Errors.Select(e => new { parameter = e.Field, message = l.Field(e) }).ToList();
            return Results.Json(new { error = string.Join(" ", errors.Select(e => e.message)), reason = "bad-parameter", errors }, s_json,
                statusCode: StatusCodes.Status400BadRequest);
        }

        var page = await read(service, http.User, query, regionId, http.RequestAborted);
        var totalPages = Math.Max(1, (page.Total + query.PageSize - 1) / query.PageSize);
        var links = new Links(
            query.Link(path, query.Page, regionId),
            query.Link(path, 1, regionId),
            query.Page > 1 ? query.Link(path, Math.Min(query.Page - 1, totalPages), regionId) : null,
            query.Page < totalPages ? query.Link(path, query.Page + 1, regionId) : null,
            query.Link(path, totalPages, regionId));

        var headers = http.Response.Headers;
        headers["X-Total-Count"] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["X-Page"] = query.Page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["X-Page-Size"] = query.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers.Link = links.Header();
        // What a signed-in caller gets depends on who they are: never for shared caches.
        headers.CacheControl = http.User.Identity?.IsAuthenticated == true ? "private, no-store" : "no-cache";
        headers.Vary = "Cookie";
        headers.XContentTypeOptions = "nosniff";

        return query.Format == OpenDataFormat.Csv
            ? Results.File(OpenDataCsv.Write(page.Items), OpenDataCsv.ContentType, $"{name}-page-{query.Page}.csv")
            : Results.Json(new { items = page.Items, page = query.Page, pageSize = query.PageSize, total = page.Total, totalPages, links }, s_json);
    }

    /// <summary>The links of a page (JSON <c>links</c>, and the <c>Link</c> header).</summary>
    public sealed record Links(string Self, string First, string? Prev, string? Next, string Last)
    {
        public string Header() => string.Join(", ", new (string Rel, string? Url)[] { ("first", First), ("prev", Prev), ("next", Next), ("last", Last) }
            .Where(x => x.Url is not null).Select(x => $"<{x.Url}>; rel=\"{x.Rel}\""));
    }
}

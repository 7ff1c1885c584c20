using System.Globalization;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Audit;

public static class AuditEndpoints
{
    public const string CsvPath = "/admin/audit/export.csv";

    public const string XlsxPath = "/admin/audit/export.xlsx";

    /// <summary>
    /// The filtered trail as a download, newest first: <c>GET /admin/audit/export.csv</c> or <c>.xlsx</c> with the page's filters
    /// <c>?user=&amp;type=&amp;record=&amp;op=Insert|Update|Delete&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>. Administrators only
    /// (403 otherwise); a bad filter is a 400 whose detail says which.
    /// </summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(CsvPath, (HttpContext http, AuditService audit, IStringLocalizer<Strings> l) => ServeAsync(http, audit, l, xlsx: false))
            .RequireAuthorization();
        endpoints.MapGet(XlsxPath, (HttpContext http, AuditService audit, IStringLocalizer<Strings> l) => ServeAsync(http, audit, l, xlsx: true))
            .RequireAuthorization();
        return endpoints;
    }

    /// <summary>The export's address for a filter.</summary>
    public static string Url(AuditFilter filter, bool xlsx)
    {
        var query = new Dictionary<string, string?>
        {
            ["user"] = filter.UserId,
            ["type"] = filter.EntityType,
            ["record"] = filter.RecordId,
            ["op"] = filter.Operation?.ToString(),
            ["from"] = filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(xlsx ? XlsxPath : CsvPath,
            query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    private static async Task<IResult> ServeAsync(HttpContext http, AuditService audit, IStringLocalizer<Strings> l, bool xlsx)
    {
        try
        {
            var file = await audit.ExportAsync(http.User, ParseFilter(http.Request.Query), xlsx, http.RequestAborted);
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(file.Content, file.ContentType, file.FileName);
        }
        catch (ValidationFailedException ex)
        {
            return Results.Problem(string.Join(" ", ex.Errors.Select(l.Field)), statusCode: StatusCodes.Status400BadRequest);
        }
        catch (WorkspaceException ex)
        {
            var status = ex switch
            {
                NotFoundException => StatusCodes.Status404NotFound,
                AccessDeniedException => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status500InternalServerError,
            };
            return Results.Problem(l.Error(ex), statusCode: status);
        }
    }

    /// <summary>The filter from a query string; an unreadable value is refused, not ignored.</summary>
    private static AuditFilter ParseFilter(IQueryCollection query)
    {
        var errors = new List<FieldError>();
        AuditOperation? operation = null;
        if (query["op"].ToString() is { Length: > 0 } op)
        {
            if (Enum.TryParse<AuditOperation>(op, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(op, out _))
            {
                operation = parsed;
            }
            else
            {
                errors.Add(new FieldError(nameof(AuditFilter.Operation), "Validation.Audit.UnknownOperation"));
            }
        }

        var from = Date(query, "from", nameof(AuditFilter.From), errors);
        var to = Date(query, "to", nameof(AuditFilter.To), errors);
        InputRules.ThrowIfAny(errors);
        return new AuditFilter(Text(query, "user"), Text(query, "type"), Text(query, "record"), operation, from, to);
    }

    private static string? Text(IQueryCollection query, string name) => query[name].ToString() is { Length: > 0 } value ? value : null;

    private static DateOnly? Date(IQueryCollection query, string name, string field, List<FieldError> errors)
    {
        if (query[name].ToString() is not { Length: > 0 } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new FieldError(field, "Validation.Audit.Date"));
        return null;
    }
}

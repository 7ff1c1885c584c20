using System.Globalization;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.OpenData;

public enum OpenDataFormat
{
    Json,
    Csv,
}

/// <summary>The filters a data set accepts; asking for another is refused rather than silently ignored.</summary>
[Flags]
public enum OpenDataFilters
{
    None = 0,
    Region = 1,
    Year = 2,
}

/// <summary>
/// The parameters of an open data request, checked: <c>page</c> (from 1), <c>pageSize</c> (1 to <see cref="MaxPageSize"/>),
/// <c>format</c> (<c>json</c> or <c>csv</c>), and, where the data set has them, <c>region</c> (an id or a code, resolved
/// by the service) and <c>year</c>. Other parameters are ignored (cache-busters and the like).
/// </summary>
public sealed record OpenDataQuery(int Page, int PageSize, OpenDataFormat Format, string? Region, int? Year)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Far beyond any real data set, and low enough that the rows skipped always fit an <see cref="int"/>.</summary>
    public const int MaxPage = 1_000_000;

    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>The query string's parameters checked all at once: every problem is reported, each on its parameter.</summary>
    public static OpenDataQuery Parse(IReadOnlyDictionary<string, string?[]> parameters, OpenDataFilters filters)
    {
        var errors = new List<FieldError>();
        string? Single(string name)
        {
            if (!parameters.TryGetValue(name, out var values) || values.Length == 0)
            {
                return null;
            }

            if (values.Length > 1)
            {
                errors.Add(new FieldError(name, "Validation.OpenDataRepeated", name));
                return null;
            }

            return values[0]?.Trim();
        }

        var page = Number(Single("page"), 1, 1, MaxPage, "page", "Validation.OpenDataPage", errors, MaxPage);
        var pageSize = Number(Single("pageSize"), DefaultPageSize, 1, MaxPageSize, "pageSize", "Validation.OpenDataPageSize", errors, MaxPageSize);

        var formatText = Single("format");
        var format = OpenDataFormat.Json;
        if (string.Equals(formatText, "csv", StringComparison.OrdinalIgnoreCase))
        {
            format = OpenDataFormat.Csv;
        }
        else if (formatText is not null && !string.Equals(formatText, "json", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new FieldError("format", "Validation.OpenDataFormat"));
        }

        var region = Single("region");
        if (region is not null && !filters.HasFlag(OpenDataFilters.Region))
        {
            errors.Add(new FieldError("region", "Validation.OpenDataFilter", "region"));
            region = null;
        }
        else if (region is { Length: 0 or > 16 })
        {
            errors.Add(new FieldError("region", "Validation.OpenDataRegion", region.Length > 16 ? region[..16] + "…" : region));
            region = null;
        }

        int? year = null;
        var yearText = Single("year");
        if (yearText is not null && !filters.HasFlag(OpenDataFilters.Year))
        {
            errors.Add(new FieldError("year", "Validation.OpenDataFilter", "year"));
        }
        else if (yearText is not null)
        {
            year = Number(yearText, 0, FirstYear, LastYear, "year", "Validation.OpenDataYear", errors, FirstYear, LastYear);
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new OpenDataQuery(page, pageSize, format, region, year);
    }

    /// <summary>This query's parameters in a fixed order, on another page: the links of a response.</summary>
    public string Link(string path, int page, int? regionId)
    {
        var parts = new List<string> { $"page={page}", $"pageSize={PageSize}" };
        if (regionId is int id)
        {
            parts.Add($"region={id}");
        }

        if (Year is int year)
        {
            parts.Add($"year={year}");
        }

        if (Format == OpenDataFormat.Csv)
        {
            parts.Add("format=csv");
        }

        return path + "?" + string.Join('&', parts);
    }

    private static int Number(string? text, int absent, int min, int max, string field, string key, List<FieldError> errors, params object[] arguments)
    {
        if (text is null)
        {
            return absent;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(new FieldError(field, key, arguments));
        return absent;
    }
}

using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.OpenData;

/// <summary>
/// A page of open data as CSV: a header row of the JSON field names, then one line per row. UTF-8 with a byte-order
/// mark, comma-separated, CRLF, RFC 4180 quoting and formula-injection guard (<see cref="SpreadsheetTable.CsvField"/>:
/// a cell starting with <c>= + - @</c> gets a leading apostrophe). Lists are joined with <c>;</c>, times and dates are
/// written as in JSON, numbers with a dot, booleans as <c>true</c>/<c>false</c>, nulls as empty cells.
/// </summary>
public static class OpenDataCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> s_columns = new();

    /// <summary>The field names of a row type, as in JSON.</summary>
    public static IReadOnlyList<string> Header<T>() => Columns(typeof(T)).Select(c => c.Name).ToList();

    public static byte[] Write<T>(IEnumerable<T> rows)
    {
        var columns = Columns(typeof(T));
        var text = new StringBuilder();
        AppendLine(text, columns.Select(c => c.Name));
        foreach (var row in rows)
        {
            AppendLine(text, columns.Select(c => Cell(c.Property.GetValue(row))));
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>One value as a cell's text (before quoting).</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (d.Kind == DateTimeKind.Utc ? "Z" : ""),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IEnumerable list => string.Join(';', list.Cast<object?>().Select(Cell)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static (string Name, PropertyInfo Property)[] Columns(Type type) =>
        s_columns.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), p))
            .ToArray());

    private static void AppendLine(StringBuilder text, IEnumerable<string> fields) =>
        text.AppendJoin(',', fields.Select(SpreadsheetTable.CsvField)).Append("\r\n");
}

using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace RegionalWorkspace.Features.Shared;

/// <summary>
/// A table of text, numbers, dates and days written as an Excel workbook or as CSV (a session's attendance list, the convention
/// dashboard's tables). CSV follows RFC 4180 (comma, CRLF, quotes doubled),
/// starts with a UTF-8 byte-order mark so Excel reads Arabic correctly, and neutralises formula injection: a cell that
/// starts with <c>= + - @</c> (or a tab or carriage return) gets a leading apostrophe, so a spreadsheet shows it as text.
/// </summary>
public sealed record SpreadsheetTable(string SheetName, IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows, bool RightToLeft)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";

    private const string DateFormat = "yyyy-MM-dd HH:mm";
    private const uint BoldStyle = 1;
    private const uint DateStyle = 2;
    private const uint DayStyle = 3;

    public byte[] ToCsv()
    {
        var text = new StringBuilder();
        AppendLine(text, Headers);
        foreach (var row in Rows)
        {
            AppendLine(text, row.Select(Text));
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>One CSV field: formula starts neutralised, then quoted if it holds a comma, a quote or a line break.</summary>
    public static string CsvField(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>
/// One worksheet: a bold, frozen header row with a filter; text as inline strings (never formulas), numbers as numbers,
/// dates as dates.
/// </summary>
    public byte[] ToXlsx()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();

            var data = new SheetData();
            data.Append(Row(1, Headers.Cast<object?>().ToArray(), BoldStyle));
            for (var i = 0; i < Rows.Count; i++)
            {
                data.Append(Row((uint)(i + 2), Rows[i], null));
            }

            var lastColumn = ColumnName(Headers.Count - 1);
            var range = $"A1:{lastColumn}{Rows.Count + 1}";
            var view = new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            {
                WorkbookViewId = 0,
                RightToLeft = RightToLeft,
            };
            var columns = new Columns(Headers.Select((header, i) => new Column
            {
                Min = (uint)(i + 1),
                Max = (uint)(i + 1),
                Width = Width(header, i),
                CustomWidth = true,
            }));
            sheetPart.Worksheet = new Worksheet(new SheetViews(view), columns, data, new AutoFilter { Reference = range });

            var workbook = new Workbook(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName }));
            workbook.Append(new DefinedNames(new DefinedName($"'{SheetName.Replace("'", "''", StringComparison.Ordinal)}'!$A$1:${lastColumn}${Rows.Count + 1}") { Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true }));
            workbookPart.Workbook = workbook;
        }

        return stream.ToArray();
    }

    private static void AppendLine(StringBuilder text, IEnumerable<string> fields) =>
        text.AppendJoin(',', fields.Select(CsvField)).Append("\r\n");

    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime date => date.ToString(DateFormat, CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static Row Row(uint index, object?[] values, uint? style)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                continue;
            }

            var reference = ColumnName(i) + index.ToString(CultureInfo.InvariantCulture);
            row.Append(values[i] switch
            {
                DateTime date => new Cell { CellReference = reference, StyleIndex = DateStyle, CellValue = new CellValue(date.ToOADate()) },
                DateOnly day => new Cell { CellReference = reference, StyleIndex = DayStyle, CellValue = new CellValue(day.ToDateTime(TimeOnly.MinValue).ToOADate()) },
                int or long or double or decimal => new Cell { CellReference = reference, DataType = CellValues.Number, StyleIndex = style, CellValue = new CellValue(Text(values[i])) },
                _ => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                    StyleIndex = style,
                    InlineString = new InlineString(new Text(Text(values[i])) { Space = SpaceProcessingModeValues.Preserve }),
                },
            });
        }

        return row;
    }

    /// <summary>A, B, …, Z, AA, …</summary>
    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private double Width(string header, int column)
    {
        var longest = Rows.Select(r => column < r.Length ? (r[column] is DateTime ? DateFormat.Length : Text(r[column]).Length) : 0).DefaultIfEmpty(0).Max();
        return Math.Clamp(Math.Max(header.Length, longest) + 2, 8, 60);
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd" }) { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true }) { Count = 4 });
}

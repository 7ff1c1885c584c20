using System.Text;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Trainings.Evaluation;

/// <summary>One record of a CSV file: its fields, and the line of the file it starts on (as a spreadsheet numbers it).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// A strict RFC 4180 reader for files saved by a spreadsheet: UTF-8 with or without a byte-order mark, fields separated
/// by semicolons (French Excel) or commas, quoted fields that may hold separators, doubled quotes and line breaks.
/// Anything it cannot read unambiguously is refused with the line it is on, rather than guessed at: a wrong guess
/// would register the wrong people. Every refusal is a <see cref="ValidationFailedException"/> on the field <c>File</c>.
/// </summary>
public static class CsvFile
{
    public const string Field = "File";

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The header and data records of <paramref name="content"/>; blank lines are left out.</summary>
    /// <param name="maxRecords">Records allowed after the header; one more is refused.</param>
    public static (char Separator, IReadOnlyList<CsvRecord> Records) Read(ReadOnlySpan<byte> content, int maxRecords)
    {
        var text = Decode(content);
        var separator = SeparatorOf(text);
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var afterQuote = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                    afterQuote = true;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                i++;
                continue;
            }

            if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                afterQuote = false;
            }
            else if (c is '\r' or '\n')
            {
                // \r\n, \n and a lone \r all end the record.
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                Add(records, recordLine, fields, maxRecords);
                fields = [];
                field.Clear();
                afterQuote = false;
                line++;
                recordLine = line;
            }
            else if (afterQuote)
            {
                throw Refused("Import.TextAfterQuote", line);
            }
            else if (c == '"')
            {
                if (field.Length > 0)
                {
                    throw Refused("Import.QuoteInField", line);
                }

                quoted = true;
            }
            else
            {
                field.Append(c);
            }

            i++;
        }

        if (quoted)
        {
            throw Refused("Import.UnclosedQuote", recordLine);
        }

        if (field.Length > 0 || fields.Count > 0 || afterQuote)
        {
            fields.Add(field.ToString());
            Add(records, recordLine, fields, maxRecords);
        }

        if (records.Count == 0)
        {
            throw Refused("Validation.FileEmpty");
        }

        return (separator, records);
    }

    /// <summary>A field for a CSV file written with <paramref name="separator"/>: quoted when it must be.</summary>
    public static string Quote(string value, char separator) =>
        value.IndexOfAny([separator, '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static void Add(List<CsvRecord> records, int line, List<string> fields, int maxRecords)
    {
        if (fields.All(string.IsNullOrWhiteSpace))
        {
            return;
        }

        if (records.Count > maxRecords)
        {
            throw Refused("Import.TooManyRows", maxRecords);
        }

        records.Add(new CsvRecord(line, fields));
    }

    private static string Decode(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            throw Refused("Validation.FileEmpty");
        }

        // A spreadsheet saved as .xlsx, a PDF or an image: NUL bytes never occur in a text file.
        if (content.Contains((byte)0))
        {
            throw Refused("Import.NotText");
        }

        string text;
        try
        {
            text = s_strictUtf8.GetString(content.StartsWith(Encoding.UTF8.Preamble) ? content[3..] : content);
        }
        catch (DecoderFallbackException)
        {
            throw Refused("Import.NotUtf8");
        }

        if (text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')))
        {
            throw Refused("Import.NotText");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw Refused("Validation.FileEmpty");
        }

        return text;
    }

    /// <summary>The separator of the header line: the one of ';' and ',' it holds more of (outside quotes).</summary>
    private static char SeparatorOf(string text)
    {
        int semicolons = 0, commas = 0;
        var quoted = false;
        foreach (var c in text.TrimStart('\r', '\n'))
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\r' or '\n')
            {
                break;
            }
            else if (!quoted)
            {
                semicolons += c == ';' ? 1 : 0;
                commas += c == ',' ? 1 : 0;
            }
        }

        return semicolons >= commas && semicolons > 0 ? ';' : ',';
    }

    private static ValidationFailedException Refused(string key, params object[] args) => new([new FieldError(Field, key, args)]);
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RegionalWorkspace.Pdf;

/// <summary>
/// Sets the document information dictionary (title, author, creator) of a PDF that Chromium printed. Chromium writes
/// only the title; this appends a standard incremental update (a new Info object, an xref section and a trailer that
/// points back to the original one), so the printed bytes stay untouched.
/// </summary>
public static partial class PdfMetadata
{
    public static byte[] WithInfo(byte[] pdf, string title, string author, DateTimeOffset created)
    {
        var tail = Encoding.Latin1.GetString(pdf, Math.Max(0, pdf.Length - 2048), Math.Min(2048, pdf.Length));
        var trailer = Trailer().Matches(tail) is { Count: > 0 } matches ? matches[^1] : throw new InvalidDataException("No PDF trailer found.");
        var size = int.Parse(trailer.Groups["size"].Value, CultureInfo.InvariantCulture);
        var root = trailer.Groups["root"].Value;
        var previous = long.Parse(StartXref().Matches(tail)[^1].Groups["offset"].Value, CultureInfo.InvariantCulture);

        var date = $"D:{created.UtcDateTime:yyyyMMddHHmmss}Z";
        var info = $"{size} 0 obj\n<< /Title {Text(title)} /Author {Text(author)} /Creator (RegionalWorkspace) /Producer (RegionalWorkspace, Chromium) /CreationDate ({date}) /ModDate ({date}) >>\nendobj\n";
        var infoOffset = pdf.Length + 1;
        var xrefOffset = infoOffset + Encoding.Latin1.GetByteCount(info);
        var update = new StringBuilder()
            .Append('\n')
            .Append(info)
            .Append("xref\n")
            .Append(CultureInfo.InvariantCulture, $"{size} 1\n")
            .Append(CultureInfo.InvariantCulture, $"{infoOffset:D10} 00000 n \n")
            .Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {size + 1} /Root {root} /Info {size} 0 R /Prev {previous} >>\n")
            .Append(CultureInfo.InvariantCulture, $"startxref\n{xrefOffset}\n%%EOF\n");

        var bytes = Encoding.Latin1.GetBytes(update.ToString());
        var result = new byte[pdf.Length + bytes.Length];
        pdf.CopyTo(result, 0);
        bytes.CopyTo(result, pdf.Length);
        return result;
    }

    /// <summary>A PDF text string: UTF-16BE with its byte-order mark, in hex, so any script survives.</summary>
    private static string Text(string value) =>
        "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value)) + ">";

    [GeneratedRegex(@"trailer\s*<<(?=[^>]*?/Size\s+(?<size>\d+))(?=[^>]*?/Root\s+(?<root>\d+\s+\d+\s+R))", RegexOptions.Singleline)]
    private static partial Regex Trailer();

    [GeneratedRegex(@"startxref\s+(?<offset>\d+)")]
    private static partial Regex StartXref();
}

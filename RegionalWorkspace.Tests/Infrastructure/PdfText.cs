using System.Globalization;
using System.Text;
using UglyToad.PdfPig;

namespace RegionalWorkspace.Tests.Infrastructure;

/// <summary>Reads a PDF back with PdfPig, for comparing its text: NFKC-normalised (ligatures), whitespace removed.</summary>
public sealed class PdfText : IDisposable
{
    private readonly PdfDocument _document;

    public PdfText(byte[] pdf) => _document = PdfDocument.Open(pdf);

    public int Pages => _document.NumberOfPages;

    public string? Title => _document.Information.Title;

    public string? Author => _document.Information.Author;

    public string Text(int? page = null) => Normalize(page is { } p
        ? _document.GetPage(p).Text
        : string.Concat(_document.GetPages().Select(x => x.Text)));

    public bool Contains(string text, int? page = null) => Text(page).Contains(Normalize(text), StringComparison.Ordinal);

    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public void Dispose() => _document.Dispose();
}

namespace RegionalWorkspace.Pdf;

/// <summary>Settings under <c>Pdf:</c>.</summary>
public sealed class PdfEngineOptions
{
    /// <summary>The Chromium executable (Debian package <c>chromium</c>).</summary>
    public string BrowserPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Documents printed at the same time (one reused browser page each); more wait their turn.</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>
    /// Whether Chromium writes a tagged PDF (a structure tree that screen readers and reflow use). Off by default: on the
    /// 50-page region summary it made printing about twice as slow and the file 3–5 times larger (docs/performance/pdf.md),
    /// and everything these documents show is also in the app's own accessible pages. Untagged PDFs keep real, selectable
    /// and searchable text with embedded fonts; switch this on where tagged PDFs are required.
    /// </summary>
    public bool Tagged { get; set; }

    /// <summary>Longest time one document may take to print.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>What a document says about itself (PDF metadata, language, footer).</summary>
public sealed record PdfDocumentInfo(string Title, string Author, string Culture);

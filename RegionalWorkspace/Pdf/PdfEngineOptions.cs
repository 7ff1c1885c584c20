namespace RegionalWorkspace.Pdf;

/// <summary>Settings under <c>Pdf:</c>.</summary>
public sealed class PdfEngineOptions
{
    /// <summary>The Chromium executable (Debian package <c>chromium</c>).</summary>
    public string BrowserPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Documents printed at the same time (one reused browser page each); more wait their turn.</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>Longest time one document may take to print.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>What a document says about itself (PDF metadata, language, footer).</summary>
public sealed record PdfDocumentInfo(string Title, string Author, string Culture);

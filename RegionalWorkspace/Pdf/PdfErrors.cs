using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Pdf;

/// <summary>No PDF browser at the configured path: the app runs, exports say what is missing.</summary>
public sealed class PdfUnavailableException(string browserPath) : WorkspaceException("Pdf.NoBrowser", browserPath);

/// <summary>A document took longer than <c>Pdf:Timeout</c>; the engine keeps serving the next ones.</summary>
public sealed class PdfTimeoutException(int seconds) : WorkspaceException("Pdf.Timeout", seconds);

/// <summary>The browser failed to print the document (after one retry on a fresh browser).</summary>
public sealed class PdfFailedException(Exception inner) : WorkspaceException("Pdf.Failed")
{
    public Exception Failure { get; } = inner;
}

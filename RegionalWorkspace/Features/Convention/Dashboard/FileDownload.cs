using Microsoft.JSInterop;

namespace RegionalWorkspace.Features.Convention.Dashboard;

/// <summary>Hands a file produced in the circuit to the browser tab (<c>rwDownload</c> in download.js) under its name.</summary>
public static class FileDownload
{
    public static async Task SendAsync(IJSRuntime js, string fileName, string contentType, byte[] content, CancellationToken ct)
    {
        using var stream = new MemoryStream(content);
        using var reference = new DotNetStreamReference(stream);
        await js.InvokeVoidAsync("rwDownload", ct, fileName, contentType, reference);
    }
}

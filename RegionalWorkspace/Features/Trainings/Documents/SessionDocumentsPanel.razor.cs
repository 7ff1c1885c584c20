using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace RegionalWorkspace.Features.Trainings.Documents;

public sealed partial class SessionDocumentsPanel : IDisposable
{
    // Cancelled, not disposed: a document still being produced may read the token once more before it notices.
    private readonly CancellationTokenSource _disposed = new();
    private string _culture = DocumentDownload.DefaultCulture();
    private SessionDocument? _busy;
    private string? _error;
    private string? _done;
    private bool _canIssue;

    [Inject]
    public required TrainingDocumentsService Documents { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    /// <summary>The session whose documents are offered.</summary>
    [Parameter, EditorRequired]
    public int SessionId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private bool Busy => _busy is not null;

    public void Dispose() => _disposed.Cancel();

    protected override async Task OnParametersSetAsync() =>
        _canIssue = await Documents.CanIssueCertificatesAsync((await AuthenticationState).User, SessionId, _disposed.Token);

    private async Task DownloadAsync(SessionDocument document)
    {
        (_busy, _error, _done) = (document, null, null);
        try
        {
            (_done, _error) = await DocumentDownload.RunAsync(Documents, JS, L, AuthenticationState, SessionId, document, _culture, null, _disposed.Token);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The panel was closed while the document was being produced: nobody is waiting for it.
        }
        finally
        {
            _busy = null;
        }
    }
}

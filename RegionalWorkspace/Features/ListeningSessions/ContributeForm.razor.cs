using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.ListeningSessions;

/// <summary>
/// Posts a contribution on behalf of the regional council or one of its invited bodies. Nothing typed is lost on a
/// refusal: the text and the chosen files stay, with the reasons beside them.
/// </summary>
public sealed partial class ContributeForm : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private readonly List<IBrowserFile> _files = [];
    private readonly List<string> _fileErrors = [];
    private ContributionInput _input = new();
    private FormErrors _errors = default!;
    private MudFileUpload<IReadOnlyList<IBrowserFile>>? _upload;
    private bool _sending;

    [Inject]
    public required ContributionsService Contributions { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Parameter, EditorRequired]
    public int SessionId { get; set; }

    /// <summary>The invited bodies of the officer's region.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<InvitedBodyRow> Bodies { get; set; } = [];

    /// <summary>The closing time, as the page shows it.</summary>
    [Parameter, EditorRequired]
    public required string CloseAtText { get; set; }

    [Parameter]
    public EventCallback OnPosted { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override void OnInitialized() => _errors = new FormErrors(L);

    // Cancelled, not disposed: a send still running may read the token once more before it notices.
    public void Dispose() => _disposed.Cancel();

    private string Speaker(int? bodyId) => bodyId is null
        ? L["Listening.Council"]
        : Bodies.FirstOrDefault(b => b.Id == bodyId) is { } b ? Cultures.Pick(b.NameFr, b.NameAr) : "";

    /// <summary>A new choice replaces the previous one (the browser keeps only the files of its latest choice).</summary>
    private void FilesChosen(IReadOnlyList<IBrowserFile>? files)
    {
        _fileErrors.Clear();
        _files.Clear();
        foreach (var file in files ?? [])
        {
            // The browser tells the size before sending anything: no need to send 25 MB to learn it is too much.
            if (file.Size > FileStore.MaxBytes)
            {
                _fileErrors.Add(L["Attachments.Refused", file.Name, L["Validation.FileTooLarge", FileStore.MaxBytes / (1024 * 1024)]]);
            }
            else
            {
                _files.Add(file);
            }
        }
    }

    private async Task SendAsync()
    {
        _fileErrors.Clear();
        if (!_errors.Set(_input.Validate()))
        {
            return;
        }

        _sending = true;
        try
        {
            var uploads = _files.Select(f => new ContributionUpload(f.Name, () => f.OpenReadStream(FileStore.MaxBytes + 1, _disposed.Token))).ToList();
            await Contributions.ContributeAsync((await AuthenticationState).User, SessionId, _input, uploads, _disposed.Token);
            _input = new ContributionInput { BodyId = _input.BodyId };
            _files.Clear();
            _errors.Clear();
            if (_upload is not null)
            {
                await _upload.ClearAsync();
            }

            Snackbar.Add(L["Listening.Posted"], Severity.Success);
            await OnPosted.InvokeAsync();
        }
        catch (ValidationFailedException ex)
        {
            _errors.Set(ex.Errors.Where(e => !e.Field.StartsWith(ContributionsService.FilesField + "[", StringComparison.Ordinal)));
            for (var i = 0; i < _files.Count; i++)
            {
                var field = ContributionsService.FileField(i);
                _fileErrors.AddRange(ex.Errors.Where(e => e.Field == field).Select(e => L["Attachments.Refused", _files[i].Name, L.Field(e)].Value));
            }

            if (ex.Errors.FirstOrDefault(e => e.Field == ContributionsService.FilesField) is { } tooMany)
            {
                _fileErrors.Add(L.Field(tooMany));
            }
        }
        catch (WorkspaceException ex)
        {
            _errors.SetGeneral(L.Error(ex));
        }
        catch (IOException)
        {
            // The browser's stream broke off (tab closed, connection lost, file changed meanwhile).
            _errors.SetGeneral(L["Attachments.UploadFailed"]);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            _sending = false;
        }
    }
}

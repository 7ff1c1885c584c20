using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Trainings.Evaluation;

public sealed partial class ImportParticipantsDialog : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private MudFileUpload<IBrowserFile>? _upload;
    private byte[]? _content;
    private string? _fileName;
    private ImportReport? _report;
    private string? _error;
    private bool _busy;
    private bool _importing;

    [Inject]
    public required ParticipantImportService Import { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [CascadingParameter]
    public required IMudDialogInstance Dialog { get; set; }

    [CascadingParameter]
    public required Task<AuthenticationState> AuthenticationState { get; set; }

    /// <summary>The session to register the people for.</summary>
    [Parameter, EditorRequired]
    public int SessionId { get; set; }

    /// <summary>The region the people belong to (an officer's own; a coordinator's choice among the session's regions).</summary>
    [Parameter, EditorRequired]
    public int RegionId { get; set; }

    // Cancelled, not disposed: a check still running may read the token once more before it notices.
    public void Dispose() => _disposed.Cancel();

    /// <summary>Reads the chosen file and checks every row; nothing is saved yet.</summary>
    private async Task CheckAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        (_report, _error, _content, _fileName) = (null, null, null, file.Name);
        if (file.Size > ParticipantImportService.MaxBytes)
        {
            _error = L["Validation.FileTooLarge", ParticipantImportService.MaxBytes / (1024 * 1024)];
            await ClearAsync();
            return;
        }

        await RunAsync(async user =>
        {
            using var buffer = new MemoryStream((int)file.Size);
            await using (var stream = file.OpenReadStream(ParticipantImportService.MaxBytes, _disposed.Token))
            {
                await stream.CopyToAsync(buffer, _disposed.Token);
            }

            _content = buffer.ToArray();
            _report = await Import.CheckAsync(user, SessionId, RegionId, _content, _disposed.Token);
        });
        await ClearAsync();
    }

    /// <summary>Registers everyone in the file (checked again on the server), or no one.</summary>
    private async Task ImportAsync()
    {
        if (_content is null || _report?.CanImport != true)
        {
            return;
        }

        _importing = true;
        await RunAsync(async user =>
        {
            _report = await Import.ImportAsync(user, SessionId, RegionId, _content, _disposed.Token);
            if (_report.Imported)
            {
                Snackbar.Add(L["Import.Done", _report.Registered, _report.Waitlisted], Severity.Success);
            }
        });
        _importing = false;
    }

    private async Task RunAsync(Func<System.Security.Claims.ClaimsPrincipal, Task> work)
    {
        _busy = true;
        _error = null;
        StateHasChanged();
        try
        {
            await work((await AuthenticationState).User);
        }
        catch (ValidationFailedException ex)
        {
            _report = null;
            _error = string.Join(" ", ex.Errors.Select(e => L.Field(e)));
        }
        catch (WorkspaceException ex)
        {
            _report = null;
            _error = L.Error(ex);
        }
        catch (IOException)
        {
            // The browser's stream broke off (tab closed, connection lost, file changed meanwhile).
            _report = null;
            _error = L["Import.ReadFailed"];
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
        finally
        {
            _busy = false;
        }
    }

    // The same file can be chosen again after it was corrected.
    private async Task ClearAsync()
    {
        if (_upload is not null)
        {
            await _upload.ClearAsync();
        }
    }

    private void Close()
    {
        if (_report?.Imported == true)
        {
            Dialog.Close(DialogResult.Ok(_report));
        }
        else
        {
            Dialog.Cancel();
        }
    }
}

using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using RegionalWorkspace.Components.Shared;

namespace RegionalWorkspace.Features.Shared;

/// <summary>A stored file as a <see cref="FilesPanel"/> lists it; <see cref="ThumbnailUrl"/> only for images.</summary>
public sealed record FileEntry(int Id, string FileName, string ContentType, long Size, string UploadedBy, DateTime UploadedAtUtc, string DownloadUrl, string? ThumbnailUrl = null);

/// <summary>
/// The files of a record (a practice, a study request): the list, and for editors upload (several files, one after the
/// other, each refused on its own with the reason) and removal after a confirmation. The owning feature passes its
/// service calls; they check the permission again.
/// </summary>
public sealed partial class FilesPanel : IDisposable
{
    private const int MaxFilesPerSelection = 10;
    private const long MaxMegabytes = FileStore.MaxBytes / (1024 * 1024);

    private readonly CancellationTokenSource _disposed = new();
    private readonly List<string> _errors = [];
    private MudFileUpload<IReadOnlyList<IBrowserFile>>? _upload;
    private string? _uploading;
    private bool _busy;

    [Inject]
    public required WorkspaceTime Time { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    /// <summary>The section's element id (tests and in-page links find it).</summary>
    [Parameter, EditorRequired]
    public string Id { get; set; } = "";

    [Parameter, EditorRequired]
    public IReadOnlyList<FileEntry> Files { get; set; } = [];

    /// <summary>Whether the reader may add and remove files (the service checks again).</summary>
    [Parameter]
    public bool CanEdit { get; set; }

    /// <summary>Keeps one file: the reader, its name, its content.</summary>
    [Parameter, EditorRequired]
    public Func<ClaimsPrincipal, string, Stream, CancellationToken, Task> Upload { get; set; } = default!;

    /// <summary>Removes one file by its id.</summary>
    [Parameter, EditorRequired]
    public Func<ClaimsPrincipal, int, CancellationToken, Task> Remove { get; set; } = default!;

    /// <summary>Raised after files were added or removed, for the page to reload them.</summary>
    [Parameter]
    public EventCallback OnChanged { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    // Cancelled, not disposed: an upload still running may read the token once more before it notices.
    public void Dispose() => _disposed.Cancel();

    private static string IconOf(FileEntry file) => file.ContentType switch
    {
        "application/pdf" => Icons.Material.Filled.PictureAsPdf,
        _ when file.ContentType.StartsWith("image/", StringComparison.Ordinal) => Icons.Material.Filled.Image,
        _ when file.ContentType.Contains("spreadsheet", StringComparison.Ordinal) => Icons.Material.Filled.TableChart,
        _ => Icons.Material.Filled.Description,
    };

    private string SizeOf(long bytes) => bytes < 1024 * 1024
        ? L["Attachments.SizeKilobytes", Math.Max(1, (long)Math.Ceiling(bytes / 1024.0)).ToString("N0", CultureInfo.CurrentCulture)]
        : L["Attachments.SizeMegabytes", (bytes / (1024.0 * 1024.0)).ToString("N1", CultureInfo.CurrentCulture)];

    /// <summary>Sends the chosen files one after the other; a refused file does not stop the others.</summary>
    private async Task UploadAsync(IReadOnlyList<IBrowserFile>? files)
    {
        if (files is null || files.Count == 0)
        {
            return;
        }

        _errors.Clear();
        _busy = true;
        var added = 0;
        try
        {
            var user = (await AuthenticationState).User;
            foreach (var file in files)
            {
                if (_disposed.IsCancellationRequested)
                {
                    return;
                }

                // The browser tells the size before sending anything: no need to send 25 MB to learn it is too much.
                if (file.Size > FileStore.MaxBytes)
                {
                    _errors.Add(L["Attachments.Refused", file.Name, L["Validation.FileTooLarge", MaxMegabytes]]);
                    continue;
                }

                _uploading = file.Name;
                StateHasChanged();
                try
                {
                    await using var stream = file.OpenReadStream(FileStore.MaxBytes + 1, _disposed.Token);
                    await Upload(user, file.Name, stream, _disposed.Token);
                    added++;
                }
                catch (WorkspaceException ex)
                {
                    _errors.Add(L["Attachments.Refused", file.Name, L.Describe(ex)]);
                }
                catch (IOException)
                {
                    // The browser's stream broke off (tab closed, connection lost, file changed meanwhile).
                    _errors.Add(L["Attachments.Refused", file.Name, L["Attachments.UploadFailed"]]);
                }
            }
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            _uploading = null;
            _busy = false;
        }

        if (_upload is not null)
        {
            await _upload.ClearAsync();
        }

        if (added > 0)
        {
            Snackbar.Add(L["Attachments.Added", added], Severity.Success);
            await OnChanged.InvokeAsync();
        }
    }

    private async Task RemoveAsync(FileEntry file)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Attachments.Remove"], L["Attachments.RemoveConfirm", file.FileName], L["Common.Remove"], cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        _errors.Clear();
        _busy = true;
        try
        {
            await Remove((await AuthenticationState).User, file.Id, _disposed.Token);
            Snackbar.Add(L["Common.Removed"], Severity.Success);
        }
        catch (WorkspaceException ex)
        {
            _errors.Add(L["Attachments.Refused", file.FileName, L.Error(ex)]);
        }
        finally
        {
            _busy = false;
        }

        await OnChanged.InvokeAsync();
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Backups;

public sealed partial class BackupsPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<BackupFileRow>? _rows;
    private BackupProgress? _progress;
    private string? _error;
    private DateTime _lastRender;

    [Inject]
    public required BackupService Backups { get; init; }

    [Inject]
    public required WorkspaceTime Time { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private bool IsPostgres => Backups.Provider == DatabaseProvider.Postgres;

    // Cancelled, not disposed: a backup still running may read the token once more before it notices.
    public void Dispose() => _disposed.Cancel();

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _rows = await Backups.ListAsync((await AuthenticationState).User, _disposed.Token);
        }
        catch (WorkspaceException ex)
        {
            _rows = [];
            _error = L.Error(ex);
        }
    }

    private async Task CreateAsync()
    {
        _error = null;
        _progress = new BackupProgress(BackupStage.Database, 0, 0);
        // Reports arrive from the backup's thread; the page redraws at most every 200 ms.
        var progress = new Progress<BackupProgress>(p => _ = InvokeAsync(() => Show(p)));
        try
        {
            var created = await Backups.CreateAsync((await AuthenticationState).User, progress, _disposed.Token);
            Snackbar.Add(L["Backups.Created", created.Name], Severity.Success);
        }
        catch (WorkspaceException ex)
        {
            _error = L.Error(ex);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            _progress = null;
        }

        await LoadAsync();
    }

    private void Show(BackupProgress progress)
    {
        if (_progress is null)
        {
            return;
        }

        _progress = progress;
        var now = DateTime.UtcNow;
        if (now - _lastRender > TimeSpan.FromMilliseconds(200) || progress.Done == progress.Total)
        {
            _lastRender = now;
            StateHasChanged();
        }
    }

    private async Task DeleteAsync(BackupFileRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Backups.Delete"], L["Backups.DeleteConfirm", row.Name], L["Common.Remove"], cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        try
        {
            await Backups.DeleteAsync((await AuthenticationState).User, row.Name, _disposed.Token);
            Snackbar.Add(L["Backups.Deleted", row.Name], Severity.Success);
        }
        catch (WorkspaceException ex)
        {
            Snackbar.Add(L.Error(ex), Severity.Error);
        }

        await LoadAsync();
    }

    private string StageText(BackupProgress progress) => progress.Stage switch
    {
        BackupStage.Database => L["Backups.StageDatabase"],
        BackupStage.Attachments => L["Backups.StageAttachments", progress.Done, progress.Total],
        _ => L["Backups.StageFinishing"],
    };

    private static double Percent(BackupProgress progress) => progress.Stage switch
    {
        BackupStage.Database => 5,
        BackupStage.Attachments when progress.Total > 0 => 5 + (90.0 * progress.Done / progress.Total),
        BackupStage.Attachments => 95,
        _ => 100,
    };

    private static string DownloadUrl(BackupFileRow row) => "/admin/backups/" + Uri.EscapeDataString(row.Name);

    private string SizeOf(long bytes) => bytes < 1024 * 1024
        ? L["Attachments.SizeKilobytes", Math.Max(1, (long)Math.Ceiling(bytes / 1024.0)).ToString("N0", CultureInfo.CurrentCulture)]
        : L["Attachments.SizeMegabytes", (bytes / (1024.0 * 1024.0)).ToString("N1", CultureInfo.CurrentCulture)];
}

using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Convention.Dashboard;

public sealed partial class DashboardTableView : IDisposable
{
    // Cancelled, not disposed: an export still running may read the token once more before it notices.
    private readonly CancellationTokenSource _disposed = new();
    private bool _busy;
    private string? _error;
    private string? _done;

    [Inject]
    public required IJSRuntime JS { get; init; }

    /// <summary>The table to show and export.</summary>
    [Parameter, EditorRequired]
    public required DashboardTable Table { get; set; }

    /// <summary>The XLSX file's name.</summary>
    [Parameter, EditorRequired]
    public required string FileName { get; set; }

    /// <summary>Whether the first cell of a row about a region links to its drill-down (<see cref="RegionLink"/>).</summary>
    [Parameter]
    public bool LinkRows { get; set; }

    [Parameter]
    public Func<int, string>? RegionLink { get; set; }

    public void Dispose() => _disposed.Cancel();

    private async Task ExportAsync()
    {
        (_busy, _error, _done) = (true, null, null);
        try
        {
            var sheet = new SpreadsheetTable(SheetName(Table.Title), Table.Headers, Table.Rows.Select(r => r.Cells).ToList(), Resources.Cultures.IsRightToLeft);
            await FileDownload.SendAsync(JS, FileName, SpreadsheetTable.XlsxContentType, sheet.ToXlsx(), _disposed.Token);
            _done = FileName;
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page was left while the file was being sent: nobody is waiting for it.
        }
        catch (Exception ex) when (ex is JSException or InvalidOperationException or IOException or TaskCanceledException)
        {
            _error = L["ConventionDashboard.ExportFailed", ex.Message];
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Excel's rules for a sheet name: at most 31 characters, none of <c>[ ] : * ? / \</c>.</summary>
    internal static string SheetName(string title)
    {
        var name = new string(title.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray()).Trim();
        return name.Length == 0 ? "Sheet1" : name[..Math.Min(name.Length, 31)];
    }

    private static bool IsNumber(object? cell) => cell is int or long or double or decimal;

    private static string Show(object? cell) => cell switch
    {
        null => "—",
        int or long => Convert.ToInt64(cell, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.CurrentCulture),
        double d => d.ToString("0.#", CultureInfo.CurrentCulture),
        DateOnly day => day.ToString("d", CultureInfo.CurrentCulture),
        _ => Convert.ToString(cell, CultureInfo.CurrentCulture) ?? "",
    };
}

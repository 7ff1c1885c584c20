using System.Globalization;
using Microsoft.AspNetCore.Components;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Convention.Dashboard;

/// <summary>
/// The leadership dashboard of the convention (<c>/convention?period=2026-T3&amp;region=4</c>): the period and the region
/// drilled down to live in the address. It re-computes the figures when a change that may move them is published; a burst
/// of changes gives one re-computation, and changes arriving during one give exactly one more.
/// </summary>
public sealed partial class ConventionDashboardPage : IAsyncDisposable
{
    // Cancelled, not disposed: a computation still running may read the token once more before it notices.
    private readonly CancellationTokenSource _disposed = new();
    private ConventionPeriod _period = null!;
    private ConventionDashboardView? _view;
    private DateTime _computedAt;
    private string? _error;
    private bool _forbidden;
    private bool _loading;
    private bool _again;
    private bool _refreshing;
    private int _tab;

    [Inject]
    public required ConventionFiguresService Figures { get; init; }

    [Inject]
    public required WorkspaceTime Time { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>The period as <see cref="ConventionPeriod.Parse"/> reads it; the current year when absent.</summary>
    [SupplyParameterFromQuery(Name = "period")]
    public string? PeriodText { get; set; }

    /// <summary>The region drilled down to, or none for the whole convention.</summary>
    [SupplyParameterFromQuery(Name = "region")]
    public int? RegionId { get; set; }

    private string Heading => _view?.Region is { } region ? Cultures.Pick(region.NameFr, region.NameAr) : L["ConventionDashboard.Title"];

    private string State => _forbidden ? "forbidden" : _error is not null ? "error" : _view is null ? "loading" : _view.HasActivity ? "ready" : "empty";

    public ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        Dispose();
        return ValueTask.CompletedTask;
    }

    protected override async Task OnInitializedAsync()
    {
        _period = ConventionPeriod.ForYear(Time.Now.Year);
        // Account changes and per-person signals move no figure of the convention.
        await FollowAsync(e => e.Capability != Capability.Accounts && e.Audience != Audience.Recipient, _ => RefreshAsync());
    }

    protected override async Task OnParametersSetAsync()
    {
        _error = null;
        if (string.IsNullOrWhiteSpace(PeriodText))
        {
            _period = ConventionPeriod.ForYear(Time.Now.Year);
        }
        else if (ConventionPeriod.TryParse(PeriodText, out var period, out var errors))
        {
            _period = period;
        }
        else
        {
            _period = ConventionPeriod.ForYear(Time.Now.Year);
            _error = string.Join(" ", errors.Select(L.Field));
            _view = null;
            return;
        }

        _view = null;
        await RefreshAsync();
    }

    /// <summary>Computes the figures; a call while one runs asks for one more run after it, so bursts collapse.</summary>
    private async Task RefreshAsync()
    {
        if (_loading)
        {
            _again = true;
            return;
        }

        _loading = true;
        try
        {
            do
            {
                _again = false;
                _refreshing = _view is not null;
                await LoadAsync();
            }
            while (_again && !_disposed.IsCancellationRequested);
        }
        finally
        {
            (_loading, _refreshing) = (false, false);
        }
    }

    private async Task LoadAsync()
    {
        var (period, regionId) = (_period, RegionId);
        try
        {
            var figures = await Figures.ComputeAsync(await UserAsync(), period, _disposed.Token);
            if (period != _period || regionId != RegionId)
            {
                return;
            }

            _view = ConventionDashboardView.Of(figures, regionId, L);
            _computedAt = Time.ToLocal(figures.ComputedAtUtc);
            (_forbidden, _error) = (false, null);
        }
        catch (AccessDeniedException)
        {
            (_forbidden, _view) = (true, null);
        }
        catch (WorkspaceException ex)
        {
            (_error, _view) = (L.Describe(ex), null);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page was left while the figures were being computed.
        }
    }

    private void PeriodChanged(ConventionPeriod period) => Navigation.NavigateTo(Link(period, RegionId));

    /// <summary>The dashboard's address for a period and, optionally, a region.</summary>
    public static string Link(ConventionPeriod period, int? regionId) =>
        "/convention?period=" + Uri.EscapeDataString(period.ToString())
        + (regionId is int id ? "&region=" + id.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary><c>convention-2026-T3[-RSK]-regions.xlsx</c>: period, region, table.</summary>
    private string FileName(DashboardTable table) =>
        $"convention-{_period.ToString().Replace("..", "_", StringComparison.Ordinal)}{(_view?.Region is { } r ? "-" + r.Code : "")}-{table.Name}.xlsx";
}

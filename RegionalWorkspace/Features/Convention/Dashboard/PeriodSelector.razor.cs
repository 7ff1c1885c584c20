using Microsoft.AspNetCore.Components;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Convention.Dashboard;

public sealed partial class PeriodSelector
{
    private PeriodKind _kind;
    private int _year;
    private int _quarter = 1;
    private DateTime? _from;
    private DateTime? _to;
    private string? _error;
    private ConventionPeriod? _shown;

    [Inject]
    public required WorkspaceTime Time { get; init; }

    /// <summary>The period shown.</summary>
    [Parameter, EditorRequired]
    public required ConventionPeriod Value { get; set; }

    /// <summary>Raised with a new, valid period.</summary>
    [Parameter]
    public EventCallback<ConventionPeriod> ValueChanged { get; set; }

    /// <summary>The years offered: from the convention's first years to next year (and the shown one, if outside).</summary>
    private IEnumerable<int> Years
    {
        get
        {
            var last = Time.Now.Year + 1;
            var first = Math.Min(Math.Min(Value.Year, last - 10), 2020);
            return Enumerable.Range(first, Math.Max(last, Value.Year) - first + 1).Reverse();
        }
    }

    protected override void OnParametersSet()
    {
        if (Value == _shown)
        {
            return;
        }

        _shown = Value;
        (_kind, _year, _error) = (Value.Kind, Value.Year, null);
        _quarter = Value.Kind == PeriodKind.Quarter ? Value.QuarterNumber : (Value.From.Month - 1) / 3 + 1;
        (_from, _to) = (DateInput.ToPicker(Value.From), DateInput.ToPicker(Value.To));
    }

    private Task KindChangedAsync(PeriodKind kind)
    {
        (_kind, _error) = (kind, null);
        return kind switch
        {
            PeriodKind.Year => ChangeAsync(() => ConventionPeriod.ForYear(_year)),
            PeriodKind.Quarter => ChangeAsync(() => ConventionPeriod.ForQuarter(_year, _quarter)),
            // Custom dates start from the period shown and apply with their button.
            _ => Task.CompletedTask,
        };
    }

    private Task YearChangedAsync(int year)
    {
        _year = year;
        return ChangeAsync(() => _kind == PeriodKind.Quarter ? ConventionPeriod.ForQuarter(year, _quarter) : ConventionPeriod.ForYear(year));
    }

    private Task QuarterChangedAsync(int quarter)
    {
        _quarter = quarter;
        return ChangeAsync(() => ConventionPeriod.ForQuarter(_year, quarter));
    }

    private Task StepAsync(int step) => ChangeAsync(() =>
    {
        var current = _kind == PeriodKind.Quarter ? ConventionPeriod.ForQuarter(_year, _quarter) : ConventionPeriod.ForYear(_year);
        return step < 0
            ? current.Previous()
            : current.Kind == PeriodKind.Quarter ? ConventionPeriod.QuarterOf(current.To.AddDays(1)) : ConventionPeriod.ForYear(current.Year + 1);
    });

    private Task ApplyCustomAsync()
    {
        var (from, to) = (DateInput.FromPicker(_from), DateInput.FromPicker(_to));
        if (from is null || to is null)
        {
            _error = L["ConventionDashboard.Period.DatesRequired"];
            return Task.CompletedTask;
        }

        return ChangeAsync(() => ConventionPeriod.Custom(from.Value, to.Value));
    }

    private async Task ChangeAsync(Func<ConventionPeriod> make)
    {
        try
        {
            var period = make();
            (_error, _shown) = (null, period);
            (_kind, _year) = (period.Kind, period.Year);
            if (period.Kind == PeriodKind.Quarter)
            {
                _quarter = period.QuarterNumber;
            }

            await ValueChanged.InvokeAsync(period);
        }
        catch (ValidationFailedException ex)
        {
            _error = L.Describe(ex);
        }
    }
}

using System.Globalization;

namespace RegionalWorkspace.Features.Convention;

/// <summary>One bar of a <see cref="BarChart"/>: a short label under it and its value above it.</summary>
/// <param name="Key">A stable key for the bar (a region code, "2026-03"), written to <c>data-key</c>.</param>
public sealed record ChartBar(string Label, int Value, string Key);

/// <summary>The bars of the usual charts, built from <see cref="ConventionFigures"/>.</summary>
public static class ConventionCharts
{
    /// <summary>One bar per region (labelled with its code), in the regions' order.</summary>
    public static IReadOnlyList<ChartBar> PerRegion(ConventionFigures figures, Func<RegionFigures, int> value) =>
        figures.Regions.Select(r => new ChartBar(r.Code, value(r), r.Code)).ToList();

    /// <summary>One bar per month of the period, labelled with the month's short name in the current culture (MM/yy beyond a year).</summary>
    public static IReadOnlyList<ChartBar> PerMonth(ConventionFigures figures, Func<MonthFigures, int> value)
    {
        var names = CultureInfo.CurrentCulture.DateTimeFormat.AbbreviatedMonthGenitiveNames;
        var twoDigits = figures.Months.Count > 12;
        return figures.Months.Select(m => new ChartBar(
            twoDigits ? string.Create(CultureInfo.InvariantCulture, $"{m.Month:D2}/{m.Year % 100:D2}") : names[m.Month - 1],
            value(m),
            string.Create(CultureInfo.InvariantCulture, $"{m.Year:D4}-{m.Month:D2}"))).ToList();
    }
}

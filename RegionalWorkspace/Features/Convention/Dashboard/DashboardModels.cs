namespace RegionalWorkspace.Features.Convention.Dashboard;

/// <summary>One figure of a commitment's card: <see cref="Name"/> names it for tests and styles, the label is localised.</summary>
/// <param name="Value">A count, a share between 0 and 1 (<see cref="IsShare"/>), or null when it cannot be computed (nobody registered).</param>
public sealed record DashboardIndicator(string Name, string Label, double? Value, bool IsShare = false);

/// <summary>A commitment (C1–C6) and its figures for the period, for the whole convention or one region.</summary>
public sealed record CommitmentCard(string Code, string Title, IReadOnlyList<DashboardIndicator> Indicators);

/// <summary>A count per month of the period (one small bar chart).</summary>
public sealed record MonthSeries(string Name, string Label, IReadOnlyList<MonthPoint> Points)
{
    public int Total => Points.Sum(p => p.Count);
}

public sealed record MonthPoint(DateOnly Month, int Count);

/// <summary>A count per region (the bars one clicks to drill down).</summary>
public sealed record RegionSeries(string Name, string Label, IReadOnlyList<RegionPoint> Points);

public sealed record RegionPoint(int RegionId, string Code, string Name, int Count);

/// <summary>
/// A table of the dashboard as shown and as exported: the same headers and cells (text, numbers, days) go to the page and
/// to the XLSX file, so the file holds exactly what the page shows.
/// </summary>
/// <param name="Name">Stable name: the tab's id and the file name's end (e.g. <c>regions</c>, <c>follow-up-actions</c>).</param>
public sealed record DashboardTable(string Name, string Title, IReadOnlyList<string> Headers, IReadOnlyList<DashboardRow> Rows);

/// <param name="RegionId">The region the row is about, when a click on it drills down to that region.</param>
public sealed record DashboardRow(object?[] Cells, int? RegionId = null);

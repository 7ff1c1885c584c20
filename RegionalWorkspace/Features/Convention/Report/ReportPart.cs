using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Convention.Report;

/// <summary>A part of the convention report: the figures, and how the parts write regions, dates and numbers.</summary>
public abstract class ReportPart : ComponentBase
{
    [Parameter, EditorRequired]
    public required ConventionFigures Figures { get; set; }

    // Not "L": every component already injects that one (see _Imports.razor); this one serves the helpers below.
    [Inject]
    public required IStringLocalizer<Strings> Localizer { get; init; }

    protected string RegionName(int? regionId) =>
        Figures.Region(regionId) is { } region ? Cultures.Pick(region.NameFr, region.NameAr) : "–";

    protected string RegionNames(IReadOnlyList<int> regionIds) =>
        regionIds.Count == 0 ? "–" : regionIds.Count == Figures.Regions.Count ? AllRegions : string.Join(", ", regionIds.Select(id => RegionName(id)));

    private string AllRegions => Localizer["Convention.AllRegions"];

    protected static string Date(DateOnly day) => day.ToString("d", CultureInfo.CurrentCulture);

    protected static string Date(DateTime local) => local.ToString("d", CultureInfo.CurrentCulture);

    protected static string DateTime(DateTime local) => local.ToString("g", CultureInfo.CurrentCulture);

    protected static string N(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A rate between 0 and 1 as a whole percentage ("87 %"), or "–" when there is none.</summary>
    protected static string Percent(double? rate) => rate is { } r ? r.ToString("P0", CultureInfo.CurrentCulture) : "–";

    protected static IEnumerable<Organisers> Each(Organisers organisers) =>
        Enum.GetValues<Organisers>().Where(o => o != Organisers.None && organisers.HasFlag(o));
}

using Bunit;
using RegionalWorkspace.Features.Home;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Home;

public sealed class RegionCardTests : WorkspaceComponentTest
{
    private static readonly RegionSummary s_region = new(4, "RSK", "Rabat-Salé-Kénitra", "الرباط-سلا-القنيطرة", 3, 1234, 17);

    [Fact]
    public void Render_French_ShowsFrenchNameFirstCountsAndLabels()
    {
        UseCulture("fr");

        var card = Render<RegionCard>(p => p.Add(c => c.Region, s_region));

        Assert.Equal("Rabat-Salé-Kénitra", card.Find(".region-name").TextContent.Trim());
        Assert.Equal("1 234", card.Find("[data-figure=members] .figure-value").TextContent.Replace('\u202f', ' ').Replace('\u00a0', ' '));
        Assert.Equal("Réunions cette année", card.Find("[data-figure=meetings] .figure-label").TextContent);
        Assert.Equal("/regions/RSK", card.Find("a.region-name").GetAttribute("href"));
    }

    [Fact]
    public void Render_Arabic_ShowsArabicNameFirstAndArabicLabels()
    {
        UseCulture("ar");

        var card = Render<RegionCard>(p => p.Add(c => c.Region, s_region));

        Assert.Equal("الرباط-سلا-القنيطرة", card.Find(".region-name").TextContent.Trim());
        Assert.Equal("الأعضاء", card.Find("[data-figure=members] .figure-label").TextContent);
        Assert.Contains("Rabat-Salé-Kénitra", card.Markup, StringComparison.Ordinal);
    }
}

using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Regions;

public sealed class RegionsServiceTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private AppHost Host => fixture.Host;

    private RegionsService Regions => Host.Get<RegionsService>();

    [Fact]
    public async Task GetDashboard_FiguresEqualWhatTheDatabaseHolds()
    {
        var reader = await Host.PrincipalAsync("trainer@demo.ma");

        var dashboard = await Regions.GetDashboardAsync(reader, 6);

        await using var db = await Host.CreateDbContextAsync();
        var members = db.BodyMembers.Where(m => m.Body!.RegionId == 6);
        var meetings = db.BodyMeetings.Where(m => m.Body!.RegionId == 6);
        Assert.Equal(await members.CountAsync(), dashboard.Members);
        Assert.Equal(await members.CountAsync(m => m.Gender == Gender.Female), dashboard.Women);
        Assert.Equal(dashboard.Members, dashboard.Women + dashboard.Men);
        Assert.Equal(dashboard.Members, dashboard.BySeat.Sum(s => s.Members));
        Assert.Equal(await meetings.CountAsync(m => m.Status == MeetingStatus.Held), dashboard.MeetingsHeld);
        Assert.Equal(await meetings.CountAsync(m => m.Status == MeetingStatus.Planned), dashboard.MeetingsPlanned);
        Assert.Equal(await meetings.SelectMany(m => m.Outputs).CountAsync(), dashboard.Outputs);
        Assert.True(dashboard.Outputs > 0 && dashboard.MeetingsHeld > 0, "demo data gives the dashboard something to show");
    }

    [Fact]
    public async Task Compare_TwelveRegionsWhoseTotalsMatchTheDatabase()
    {
        var rows = await Regions.CompareAsync(await Host.PrincipalAsync("arm@demo.ma"));

        await using var db = await Host.CreateDbContextAsync();
        Assert.Equal(12, rows.Count);
        Assert.Equal(await db.BodyMembers.CountAsync(), rows.Sum(r => r.Members));
        Assert.Equal(await db.Bodies.CountAsync(), rows.Sum(r => r.Bodies));
    }

    [Theory]
    [InlineData("officer.rsk@demo.ma")]
    [InlineData("trainer@demo.ma")]
    public async Task Compare_RolesWithoutTheOverview_AreRefused(string email)
    {
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Regions.CompareAsync(await Host.PrincipalAsync(email)));
    }

    [Fact]
    public async Task UpdateSettings_Administrator_SavesAndOthersAreRefused()
    {
        var admin = await Host.PrincipalAsync("admin@demo.ma");
        var region = await Regions.GetAsync(admin, "GON");
        var input = new RegionSettingsInput
        {
            NameFr = region.NameFr,
            NameAr = "جهة كلميم واد نون",
            Population = 448_685,
            PopulationYear = 2024,
            PetitionSignatures = 300,
            PetitionProvinceSharePercent = 5,
            Version = region.Version,
        };

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Regions.UpdateSettingsAsync(await Host.PrincipalAsync("officer.sm@demo.ma"), region.Id, input));
        await Regions.UpdateSettingsAsync(admin, region.Id, input);

        var saved = await Regions.GetAsync(admin, "GON");
        Assert.Equal(("جهة كلميم واد نون", 448_685L, 2024, region.Version + 1), (saved.NameAr, saved.Population!.Value, saved.PopulationYear!.Value, saved.Version));
    }

    [Fact]
    public async Task UpdateSettings_OutOfRangeNumbers_AreRefusedAndNothingChanges()
    {
        var admin = await Host.PrincipalAsync("admin@demo.ma");
        var region = await Regions.GetAsync(admin, "DOD");
        var input = new RegionSettingsInput
        {
            NameFr = region.NameFr,
            NameAr = region.NameAr,
            Population = -1,
            PetitionSignatures = 0,
            PetitionProvinceSharePercent = 150,
            Version = region.Version,
        };

        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(() => Regions.UpdateSettingsAsync(admin, region.Id, input));

        Assert.Equal(["PetitionProvinceSharePercent", "PetitionSignatures", "Population"], refusal.Errors.Select(e => e.Field).Order());
        Assert.Equal(region.Version, (await Regions.GetAsync(admin, "DOD")).Version);
    }
}

using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Convention;
using RegionalWorkspace.Features.Convention.Dashboard;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Resources;
using RegionalWorkspace.Tests.Features.Trainings;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Convention;

/// <summary>The convention dashboard page, with the real figures service (and event bus) of a running app behind it.</summary>
public sealed class ConventionDashboardPageTests : WorkspaceComponentTest, IClassFixture<AppHostFixture>
{
    private readonly AppHost _host;

    public ConventionDashboardPageTests(AppHostFixture fixture)
    {
        _host = fixture.Host;
        Services.AddSingleton(_host.Get<ConventionFiguresService>());
        Services.AddSingleton(_host.Get<ConventionReportService>());
        Services.AddSingleton(_host.Get<RegionalWorkspace.Pdf.PdfEngine>());
        Services.AddSingleton(_host.Get<LiveUpdates>());
        Services.AddSingleton(_host.Get<AccessControl>());
        Services.AddSingleton(_host.Get<WorkspaceTime>());
        Services.AddSingleton(new CircuitSession(Microsoft.Extensions.Logging.Abstractions.NullLogger<CircuitSession>.Instance));
        UseCulture("fr");
    }

    private IStringLocalizer<Strings> L => Services.GetRequiredService<IStringLocalizer<Strings>>();

    private int Year => _host.Get<WorkspaceTime>().Now.Year;

    [Fact]
    public async Task Render_Leadership_ShowsTheFiguresOfTheService()
    {
        await SignInAsync("leadership@demo.ma");

        var page = Open($"period={Year}");
        page.WaitForElement("#convention-dashboard[data-state=ready]", TimeSpan.FromSeconds(30));
        var figures = await ComputeAsync("leadership@demo.ma", ConventionPeriod.ForYear(Year));

        Assert.True(figures.HasActivity, "the demo data has activity this year");
        Assert.Equal(figures.Bodies.ActiveBodies, Figure(page, "C1", "active-bodies"));
        Assert.Equal(figures.Bodies.MeetingsHeld, Figure(page, "C1", "body-meetings"));
        Assert.Equal(figures.Bodies.PracticesPublished, Figure(page, "C1", "practices"));
        Assert.Equal(figures.Trainings.SessionsHeld, Figure(page, "C2", "sessions-held"));
        Assert.Equal(figures.Trainings.Attended, Figure(page, "C2", "attended"));
        Assert.Equal(figures.Support.Actions, Figure(page, "C3", "support-actions"));
        Assert.Equal(figures.Support.ByTheme[RegionalWorkspace.Features.SupportActions.SupportTheme.Social], Figure(page, "C3", "support-social"));
        Assert.Equal(figures.Studies.Filed, Figure(page, "C4", "filed"));
        Assert.Equal(figures.Listening.Contributions, Figure(page, "C5", "contributions"));
        Assert.Equal(figures.Meetings.Actions, Figure(page, "C6", "actions"));
        Assert.Equal(["C1", "C2", "C3", "C4", "C5", "C6"], page.FindAll(".commitment-card").Select(c => c.GetAttribute("data-commitment")));

        // The regions side by side, in the table and in the chart, one row per region with its drill-down link.
        var rows = page.FindAll("[data-table=regions] tbody tr");
        Assert.Equal(figures.Regions.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r.GetAttribute("data-region")));
        var rsk = figures.Region(4)!;
        var cells = page.FindAll("[data-table=regions] tbody tr[data-region='4'] td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("Rabat-Salé-Kénitra", cells[0]);
        Assert.Equal(rsk.TrainingParticipants.ToString("N0", CultureInfo.CurrentCulture), cells[6]);
        Assert.Equal(rsk.StudyRequests.ToString("N0", CultureInfo.CurrentCulture), cells[7]);
        Assert.Equal($"/convention?period={Year}&region=4", page.Find("[data-table=regions] tr[data-region='4'] a.region-link").GetAttribute("href"));
        Assert.Equal(rsk.TrainingParticipants.ToString(CultureInfo.InvariantCulture), page.Find("#region-chart li[data-region='4'] .region-bar-count").GetAttribute("data-count"));

        // One chart per month series, each bar the month's count.
        var months = page.FindAll(".month-chart[data-series=training-participants] rect.bar");
        Assert.Equal(figures.Months.Select(m => m.TrainingParticipants.ToString(CultureInfo.InvariantCulture)), months.Select(b => b.GetAttribute("data-value")));
        Assert.Equal(figures.Months.Sum(m => m.TrainingParticipants).ToString(CultureInfo.InvariantCulture), page.Find(".month-chart[data-series=training-participants] .chart-total").GetAttribute("data-total"));
    }

    [Fact]
    public async Task ReportPdf_Arabic_HandsTheReportOfThePeriodToTheBrowser()
    {
        await SignInAsync("arm@demo.ma");
        var download = JSInterop.SetupVoid("rwDownload", _ => true);
        download.SetVoidResult();
        var page = Open("period=2026-T1");
        page.WaitForElement("#report-pdf-ar", TimeSpan.FromSeconds(30));

        await page.Find("#report-pdf-ar").ClickAsync(new());

        var done = page.WaitForElement("#report-done", TimeSpan.FromSeconds(120));
        var call = Assert.Single(download.Invocations);
        var fileName = (string)call.Arguments[0]!;
        Assert.Matches(@"^convention-2026-T1-\d{4}-\d{2}-\d{2}\.pdf$", fileName);
        Assert.Equal("application/pdf", (string?)call.Arguments[1]);
        Assert.Equal(L["Report.Downloaded", fileName].Value, done.TextContent.Trim());
        Assert.Empty(page.FindAll("#report-error"));
    }

    [Fact]
    public async Task Render_Region_ShowsThatRegionsFiguresAndAWayBack()
    {
        await SignInAsync("cese@demo.ma");

        var page = Open($"period={Year}&region=9");
        page.WaitForElement("#convention-dashboard[data-state]:not([data-state=loading])", TimeSpan.FromSeconds(30));
        var region = (await ComputeAsync("cese@demo.ma", ConventionPeriod.ForYear(Year))).Region(9)!;

        Assert.Equal("Souss-Massa", page.Find("#convention-title").TextContent);
        Assert.Equal($"/convention?period={Year}", page.Find("#convention-back").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-table=regions]"));
        Assert.Empty(page.FindAll("#region-chart"));
        if (page.FindAll("#convention-empty").Count == 0)
        {
            Assert.Equal(region.ActiveBodies, Figure(page, "C1", "active-bodies"));
            Assert.Equal(region.Members, Figure(page, "C1", "members"));
            Assert.Equal(region.TrainingParticipants, Figure(page, "C2", "attended"));
            Assert.Equal(region.SupportActions, Figure(page, "C3", "support-actions"));
            Assert.Equal(region.StudyRequests, Figure(page, "C4", "requests"));
            Assert.Equal(region.ListeningContributions, Figure(page, "C5", "contributions"));
            Assert.Equal(region.FollowUpActions, Figure(page, "C6", "actions"));
        }
        else
        {
            Assert.Equal(0, region.BodyMeetingsHeld + region.TrainingParticipants + region.StudyRequests + region.ListeningContributions + region.StudyMeetings);
        }
    }

    [Fact]
    public async Task Render_RegionalOfficer_IsRefusedWithAClearMessage()
    {
        await SignInAsync("officer.rsk@demo.ma");

        var page = Open("");

        var message = page.WaitForElement("#convention-forbidden", TimeSpan.FromSeconds(30));
        Assert.Equal(L["ConventionDashboard.Forbidden"].Value, message.TextContent.Trim());
        Assert.Empty(page.FindAll(".commitment-card"));
        Assert.Empty(page.FindAll(".dashboard-table"));
    }

    [Fact]
    public async Task Render_PeriodWithoutActivity_SaysSo()
    {
        await SignInAsync("arm@demo.ma");

        var page = Open("period=1995-T2");

        var empty = page.WaitForElement("#convention-empty", TimeSpan.FromSeconds(30));
        Assert.Equal(L["ConventionDashboard.NoActivity"].Value, empty.TextContent.Trim());
        Assert.Equal("1995-T2", page.Find("#convention-dashboard").GetAttribute("data-period"));
        Assert.Empty(page.FindAll(".commitment-card"));
    }

    [Fact]
    public async Task Render_MalformedPeriod_SaysWhatIsWrong()
    {
        await SignInAsync("leadership@demo.ma");

        var page = Open("period=2026-T7");

        var error = page.WaitForElement("#convention-error", TimeSpan.FromSeconds(30));
        Assert.Equal(L["Validation.PeriodQuarter"].Value, error.TextContent.Trim());
    }

    [Fact]
    public async Task Previous_OnAYear_NavigatesToTheYearBeforeInTheAddress()
    {
        await SignInAsync("leadership@demo.ma");
        var page = Open("period=2026&region=4");
        page.WaitForElement("#convention-dashboard[data-state]:not([data-state=loading])", TimeSpan.FromSeconds(30));

        await page.Find("#period-previous").ClickAsync(new());

        Assert.Equal("http://localhost/convention?period=2025&region=4", Services.GetRequiredService<NavigationManager>().Uri);
        page.WaitForAssertion(() => Assert.Equal("2025", page.Find("#convention-dashboard").GetAttribute("data-period")), TimeSpan.FromSeconds(30));
        page.WaitForElement("#convention-dashboard[data-state]:not([data-state=loading])", TimeSpan.FromSeconds(30));
        var region = (await ComputeAsync("leadership@demo.ma", ConventionPeriod.ForYear(2025))).Region(4)!;
        if (page.FindAll("#convention-empty").Count == 0)
        {
            Assert.Equal(region.StudyRequests, Figure(page, "C4", "requests"));
        }
    }

    [Fact]
    public async Task Attendance_MarkedElsewhere_UpdatesTheOpenDashboard()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(_host);
        var participantId = await TrainingFixtures.RegisterAsync(_host, sessionId, TrainingFixtures.Person("Salma Live", $"live.{Guid.NewGuid():N}@example.ma"));
        await SignInAsync("leadership@demo.ma");
        var page = Open($"period={Year}");
        page.WaitForElement("#convention-dashboard[data-state=ready]", TimeSpan.FromSeconds(30));
        var before = Figure(page, "C2", "attended");
        var rskBefore = RegionCell(page, 4, 6);

        await _host.Get<AttendanceService>().MarkAsync(await _host.PrincipalAsync("trainer@demo.ma"), sessionId, participantId, AttendanceStatus.Present);

        page.WaitForAssertion(() => Assert.Equal(before + 1, Figure(page, "C2", "attended")), TimeSpan.FromSeconds(30));
        Assert.Equal(rskBefore + 1, RegionCell(page, 4, 6));
        var figures = await ComputeAsync("leadership@demo.ma", ConventionPeriod.ForYear(Year));
        Assert.Equal(figures.Trainings.Attended, Figure(page, "C2", "attended"));
    }

    /// <summary>Renders the page at <c>/convention?{query}</c>: the period and region come from the address, as in a tab.</summary>
    private IRenderedComponent<ConventionDashboardPage> Open(string query)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/convention" + (query.Length > 0 ? "?" + query : ""));
        return Render<ConventionDashboardPage>();
    }

    private static double Figure(IRenderedComponent<ConventionDashboardPage> page, string commitment, string name) =>
        double.Parse(page.Find($"[data-commitment={commitment}] [data-figure={name}]").GetAttribute("data-value")!, CultureInfo.InvariantCulture);

    private static int RegionCell(IRenderedComponent<ConventionDashboardPage> page, int regionId, int column) =>
        int.Parse(page.FindAll($"[data-table=regions] tbody tr[data-region='{regionId}'] td")[column].TextContent.Trim(), NumberStyles.AllowThousands, CultureInfo.CurrentCulture);

    private async Task<ConventionFigures> ComputeAsync(string email, ConventionPeriod period) =>
        await _host.Get<ConventionFiguresService>().ComputeAsync(await _host.PrincipalAsync(email), period);

    private async Task SignInAsync(string email)
    {
        var principal = await _host.PrincipalAsync(email);
        var auth = AddAuthorization();
        auth.SetAuthorized(email);
        auth.SetClaims(principal.Claims.Where(c => c.Type == ClaimTypes.NameIdentifier).ToArray());
        // The page follows changes only once interactive, as in a browser tab.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }
}

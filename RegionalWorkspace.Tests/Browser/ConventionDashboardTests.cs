using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.Playwright;
using RegionalWorkspace.Features.Convention;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Tests.Features.Studies;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

/// <summary>The convention dashboard in a real browser: the address keeps the period and region, tables download as XLSX.</summary>
public sealed class ConventionDashboardTests(BrowserFixture browser) : BrowserTest(browser)
{
    private int Year => Host.Get<WorkspaceTime>().Now.Year;

    [Fact]
    public async Task PeriodAndDrillDown_KeptInTheAddress_ShowTheServicesFigures()
    {
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("leadership@demo.ma", returnUrl: $"/convention?period={Year}");
        await ReadyAsync(page, Year.ToString(CultureInfo.InvariantCulture));
        var figures = await ComputeAsync(ConventionPeriod.ForYear(Year));
        await ExpectFigureAsync(page, "C2", "attended", figures.Trainings.Attended);
        await ExpectFigureAsync(page, "C4", "requests", figures.Studies.Requests.Count);

        // The previous year: a new address, new figures.
        await page.Locator("#period-previous").ClickAsync();
        await page.WaitForURLAsync($"**/convention?period={Year - 1}");
        await ReadyAsync(page, (Year - 1).ToString(CultureInfo.InvariantCulture));
        var previous = await ComputeAsync(ConventionPeriod.ForYear(Year - 1));
        if (previous.HasActivity)
        {
            await ExpectFigureAsync(page, "C4", "requests", previous.Studies.Requests.Count);
        }
        else
        {
            await Assertions.Expect(page.Locator("#convention-empty")).ToBeVisibleAsync();
        }

        // A quarter, chosen with the keyboard: its first quarter.
        await page.Locator("#period-kind-quarter").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.WaitForURLAsync($"**/convention?period={Year - 1}-T1");

        // Back to this year, then down to a region from the regions' table, and back up.
        await page.GotoInteractiveAsync($"/convention?period={Year}");
        await ReadyAsync(page, Year.ToString(CultureInfo.InvariantCulture));
        await page.Locator("[data-table=regions] tr[data-region='4'] a.region-link").ClickAsync();
        await page.WaitForURLAsync($"**/convention?period={Year}&region=4");
        await Assertions.Expect(page.Locator("#convention-title")).ToHaveTextAsync("Rabat-Salé-Kénitra");
        await Assertions.Expect(page.Locator("#convention-dashboard")).ToHaveAttributeAsync("data-region", "4");
        var rsk = figures.Region(4)!;
        await ExpectFigureAsync(page, "C2", "attended", rsk.TrainingParticipants);
        await ExpectFigureAsync(page, "C1", "members", rsk.Members);
        await Assertions.Expect(page.Locator("[data-table=regions]")).ToHaveCountAsync(0);

        await page.Locator("#convention-back").ClickAsync();
        await page.WaitForURLAsync($"**/convention?period={Year}");
        await Assertions.Expect(page.Locator("[data-table=regions] tbody tr")).ToHaveCountAsync(12);
    }

    [Fact]
    public async Task StudyRequestFiledElsewhere_UpdatesTheOpenDashboardLive()
    {
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("cese@demo.ma", returnUrl: $"/convention?period={Year}");
        await ReadyAsync(page, Year.ToString(CultureInfo.InvariantCulture));
        var before = (await ComputeAsync(ConventionPeriod.ForYear(Year))).Studies.Filed;
        await ExpectFigureAsync(page, "C4", "filed", before);

        await StudyFixtures.FileAsync(Host);

        await ExpectFigureAsync(page, "C4", "filed", before + 1);
        await Assertions.Expect(page).ToHaveURLAsync($"{Host.BaseUrl}convention?period={Year}");
    }

    [Fact]
    public async Task ExportXlsx_RegionsAndFollowUpActions_DownloadTheFiguresShown()
    {
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("leadership@demo.ma", returnUrl: $"/convention?period={Year}");
        await ReadyAsync(page, Year.ToString(CultureInfo.InvariantCulture));
        var figures = await ComputeAsync(ConventionPeriod.ForYear(Year));

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#xlsx-regions").ClickAsync(), new() { Timeout = 60_000 });

        Assert.Equal($"convention-{Year}-regions.xlsx", download.SuggestedFilename);
        var rows = await RowsAsync(download);
        Assert.Equal("Région", rows[0][0]);
        Assert.Equal("Présences en formation", rows[0][6]);
        Assert.Equal(13, rows.Count);
        foreach (var region in figures.Regions)
        {
            var row = rows.Single(r => r[0] == region.NameFr);
            int[] expected =
            [
                region.ActiveBodies, region.Members, region.BodyMeetingsHeld, region.PracticesPublished, region.Adoptions, region.TrainingParticipants,
                region.StudyRequests, region.ListeningContributions, region.StudyMeetings, region.FollowUpActions, region.OverdueActions,
            ];
            Assert.Equal(expected.Select(n => n.ToString(CultureInfo.InvariantCulture)), row.Skip(1).Take(11));
        }

        await Assertions.Expect(page.Locator("[data-table=regions] .table-done")).ToContainTextAsync(download.SuggestedFilename);

        // Another table, in its tab: one row per follow-up action of the meetings held, with its status and due date.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Actions de suivi" }).ClickAsync();
        var actions = await page.RunAndWaitForDownloadAsync(() => page.Locator("#xlsx-follow-up-actions").ClickAsync(), new() { Timeout = 60_000 });
        var actionRows = await RowsAsync(actions);
        Assert.NotEmpty(figures.Meetings.ActionList);
        Assert.Equal(figures.Meetings.ActionList.Count + 1, actionRows.Count);
        Assert.Equal(
            figures.Meetings.ActionList.Select(a => a.Description),
            actionRows.Skip(1).Select(r => r[1]));
        Assert.Equal(
            figures.Meetings.ActionList.Select(a => a.DueOn.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)),
            actionRows.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task RegionalOfficer_IsRefusedAndHasNoLink()
    {
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("officer.rsk@demo.ma", returnUrl: "/convention");

        await Assertions.Expect(page.Locator("#convention-forbidden")).ToContainTextAsync("réservé à la direction");
        await Assertions.Expect(page.Locator("nav a[href='/convention']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".commitment-card")).ToHaveCountAsync(0);
    }

    private static async Task ReadyAsync(IPage page, string period)
    {
        await Assertions.Expect(page.Locator("#convention-dashboard")).ToHaveAttributeAsync("data-period", period, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#convention-dashboard")).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("^(ready|empty)$"), new() { Timeout = 30_000 });
    }

    private static Task ExpectFigureAsync(IPage page, string commitment, string name, int value) =>
        Assertions.Expect(page.Locator($"[data-commitment={commitment}] [data-figure={name}]"))
            .ToHaveAttributeAsync("data-value", value.ToString(CultureInfo.InvariantCulture), new() { Timeout = 30_000 });

    private async Task<ConventionFigures> ComputeAsync(ConventionPeriod period) =>
        await Host.Get<ConventionFiguresService>().ComputeAsync(await Host.PrincipalAsync("leadership@demo.ma"), period);

    /// <summary>The downloaded workbook's cells, row by row (text as is, numbers and days as stored).</summary>
    private static async Task<List<string?[]>> RowsAsync(IDownload download)
    {
        using var workbook = SpreadsheetDocument.Open(await download.PathAsync(), false);
        Assert.Empty(new OpenXmlValidator().Validate(workbook));
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        var width = rows.Max(r => r.Elements<Cell>().Select(c => Column(c.CellReference!.Value!)).DefaultIfEmpty(0).Max() + 1);
        return rows.Select(r =>
        {
            var values = new string?[width];
            foreach (var cell in r.Elements<Cell>())
            {
                values[Column(cell.CellReference!.Value!)] = cell.InlineString?.InnerText ?? cell.CellValue?.Text;
            }

            return values;
        }).ToList();
    }

    private static int Column(string reference) =>
        reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1)) - 1;
}

using Microsoft.Playwright;
using RegionalWorkspace.Features.ListeningSessions;
using RegionalWorkspace.Tests.Features.ListeningSessions;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

/// <summary>The contributions board of a listening session, open in one browser while officers contribute from others.</summary>
public sealed class ListeningBoardTests(BrowserFixture browser) : BrowserTest(browser)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Attachments:Path"] = Path.Combine(Path.GetTempPath(), "rw-listening-browser-" + Guid.NewGuid().ToString("N")),
    };

    [Fact]
    public async Task AContributionMadeInOneBrowser_AppearsOnTheBoardOpenInAnother_WithoutReload()
    {
        var sessionId = await ListeningFixtures.OrganiseRunningNowAsync(Host);
        var rsk = await ListeningFixtures.RegionIdAsync(Host, "RSK");
        var board = await Browser.NewPageAsync(Host);
        await board.SignInAsync(ListeningFixtures.Cese, returnUrl: $"/listening-sessions/{sessionId}/board");
        await Assertions.Expect(board.Locator("#board-total")).ToHaveTextAsync("0");
        await Assertions.Expect(board.Locator("#board-empty")).ToBeVisibleAsync();
        var boardUrl = board.Url;

        var officer = await Browser.NewPageAsync(Host);
        await officer.SignInAsync(ListeningFixtures.RskOfficer, returnUrl: $"/listening-sessions/{sessionId}");
        await officer.Locator("#contribute-text").FillAsync("Le conseil propose un guichet unique de l'emploi des jeunes.");
        var chooser = await officer.RunAndWaitForFileChooserAsync(() => officer.Locator("#contribute-files").ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "propositions.pdf", MimeType = "application/pdf", Buffer = ListeningFixtures.PdfBytes() });
        await Assertions.Expect(officer.Locator("#contribute-chosen")).ToContainTextAsync("propositions.pdf");
        await officer.Locator("#contribute-submit").ClickAsync();

        var card = board.Locator(".contribution").Filter(new() { HasText = "guichet unique" });
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("contribution-new"));
        await Assertions.Expect(card.Locator(".contribution-meta")).ToContainTextAsync("Khadija Alami");
        await Assertions.Expect(card.Locator(".contribution-who")).ToContainTextAsync("Conseil régional");
        await Assertions.Expect(card.Locator("a.contribution-file")).ToHaveTextAsync("propositions.pdf");
        await Assertions.Expect(board.Locator("#board-total")).ToHaveTextAsync("1");
        await Assertions.Expect(board.Locator($"[data-region='{rsk}'] .board-region-count")).ToHaveTextAsync("1");
        Assert.Equal(boardUrl, board.Url);

        // The officer's form is empty again and their own page lists the contribution.
        await Assertions.Expect(officer.Locator("#contributions-count")).ToHaveTextAsync("1");
        await Assertions.Expect(officer.Locator("#contribute-text")).ToHaveValueAsync("");

        // A burst of contributions at once: every one reaches the board, newest first, counted per region.
        await Task.WhenAll(Enumerable.Range(1, 6).Select(i => ListeningFixtures.ContributeAsync(Host, sessionId, $"Contribution en rafale {i}")));
        await Assertions.Expect(board.Locator("#board-total")).ToHaveTextAsync("7");
        await Assertions.Expect(board.Locator(".contribution")).ToHaveCountAsync(7);
        await Assertions.Expect(board.Locator($"[data-region='{rsk}'] .board-region-count")).ToHaveTextAsync("7");
        await Assertions.Expect(board.Locator(".contribution").Last).ToContainTextAsync("guichet unique");

        // Filtering by another invited region shows none of them.
        await board.Locator("button.listening-board-region").Filter(new() { HasText = "Fès-Meknès" }).ClickAsync();
        await Assertions.Expect(board.Locator(".contribution")).ToHaveCountAsync(0);
        await Assertions.Expect(board.Locator("#board-empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task OfficerOfARegionNotInvited_OpeningTheSessionOrItsBoard_IsToldItDoesNotExist()
    {
        var sessionId = await ListeningFixtures.OrganiseRunningNowAsync(Host);
        await ListeningFixtures.ContributeAsync(Host, sessionId, "Contribution de Rabat-Salé-Kénitra");
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync(ListeningFixtures.SmOfficer, returnUrl: $"/listening-sessions/{sessionId}");

        await Assertions.Expect(page.Locator("#listening-error")).ToHaveTextAsync("Cette séance d'écoute n'existe pas ou ne vous est pas accessible.");
        await Assertions.Expect(page.Locator("#contribute")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".contribution")).ToHaveCountAsync(0);

        await page.GotoInteractiveAsync($"/listening-sessions/{sessionId}/board");
        await Assertions.Expect(page.Locator("#listening-error")).ToHaveTextAsync("Cette séance d'écoute n'existe pas ou ne vous est pas accessible.");
        await Assertions.Expect(page.Locator(".contribution")).ToHaveCountAsync(0);

        await page.GotoInteractiveAsync("/listening-sessions");
        await Assertions.Expect(page.Locator($".listening-row[data-session='{sessionId}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task CeseStaff_OrganiseASession_ABodyOutsideTheInvitedRegionsCannotBeChosen_AndTheNewSessionOpens()
    {
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync(ListeningFixtures.Cese, returnUrl: "/listening-sessions");
        await page.Locator("#organise-listening").ClickAsync();
        await page.Locator("#dialog-save").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Choisissez au moins une région.");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Indiquez un lieu ou un lien en ligne.");

        await page.Locator("#listening-topic-fr").FillAsync("Économie sociale et solidaire dans les régions");
        await page.Locator("#listening-date").FillAsync(DateTime.Today.AddDays(10).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#listening-place").FillAsync("Siège du CESE, Rabat");
        await page.Locator("#listening-regions").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Souss-Massa" }).ClickAsync();
        await page.CloseChoicesAsync("#listening-regions");
        await page.Locator("#listening-bodies").ClickAsync();
        var offered = page.Locator(".mud-popover-open .mud-list-item");
        await Assertions.Expect(offered.First).ToBeVisibleAsync();
        foreach (var text in await offered.AllInnerTextsAsync())
        {
            Assert.StartsWith("Souss-Massa", text.Trim(), StringComparison.Ordinal);
        }

        await offered.First.ClickAsync();
        await page.CloseChoicesAsync("#listening-bodies");
        await page.Locator("#dialog-save").ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/listening-sessions/", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#listening-topic")).ToHaveTextAsync("Économie sociale et solidaire dans les régions");
        await Assertions.Expect(page.Locator("#listening-invited [data-body]")).ToHaveCountAsync(1);
    }
}

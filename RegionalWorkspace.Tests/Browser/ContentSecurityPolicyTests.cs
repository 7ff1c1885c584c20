using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

/// <summary>The Content-Security-Policy blocks nothing the workspace itself needs: no violation on pages with charts, dialogs, boards, QR codes.</summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task WorkspacePages_UnderThePolicy_ReportNoViolation_AndFullScreenButtonsNeedNoInlineScript()
    {
        int trainingSession, listeningSession;
        await using (var db = await Host.CreateDbContextAsync())
        {
            trainingSession = await db.TrainingSessions.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            listeningSession = await db.ListeningSessions.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        }

        var page = await Browser.NewPageAsync(Host);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        await page.SignInAsync("cese@demo.ma");

        foreach (var url in new[] { "/", "/regions/RSK", "/practices", "/trainings", "/dashboard", $"/trainings/sessions/{trainingSession}/projector", $"/listening-sessions/{listeningSession}/board" })
        {
            await page.GotoInteractiveAsync(url);
        }

        // Fullscreen buttons work through a listener of fullscreen.js, not an inline handler the policy would block.
        var button = page.Locator("[data-fullscreen]");
        await Assertions.Expect(button).ToHaveCountAsync(1);
        Assert.Null(await button.GetAttributeAsync("onclick"));
        await button.ClickAsync();
        await page.WaitForFunctionAsync("() => document.fullscreenElement !== null");

        Assert.Empty(violations);
    }
}

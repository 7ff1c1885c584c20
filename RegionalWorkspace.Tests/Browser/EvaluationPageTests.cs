using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Tests.Features.Trainings;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

/// <summary>The participants' evaluation form on a phone-sized screen, filled with the keyboard only.</summary>
public sealed class EvaluationPageTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Theory]
    [InlineData("fr-FR", "ltr")]
    [InlineData("ar-MA", "rtl")]
    public async Task Form_KeyboardOnlyOnAPhone_SavesTheAnswer(string locale, string direction)
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        var email = $"clavier.{Guid.NewGuid().ToString("N")[..8]}@example.ma";
        var participantId = await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Au clavier", email));
        await Host.Get<AttendanceService>().MarkAsync(await Host.PrincipalAsync("trainer@demo.ma"), sessionId, participantId, AttendanceStatus.Present);
        var page = await Browser.NewPageAsync(Host, locale);
        await page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync($"e/{sessionId}");
        Assert.Equal(direction, await page.GetAttributeAsync("html", "dir"));
        await page.FocusAsync("#identifier");
        await page.Keyboard.TypeAsync(email);
        // Tab into each group of ratings; the arrow keys move the choice (native radio buttons).
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Très concret.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");

        await page.Locator("#evaluation-thanks").WaitForAsync();
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width}px wide on a 390px screen");
        await using var db = await Host.CreateDbContextAsync();
        var saved = await db.SessionEvaluations.AsNoTracking().SingleAsync(e => e.SessionId == sessionId);
        Assert.Equal((2, 5, 1, "Très concret."), (saved.Content, saved.Trainer, saved.Organisation, saved.Comment));
    }
}

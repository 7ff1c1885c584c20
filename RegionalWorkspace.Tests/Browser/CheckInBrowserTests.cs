using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Tests.Features.Trainings;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

/// <summary>The trainer's projector and participants checking in from their own (anonymous) browsers.</summary>
public sealed class CheckInBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static async Task<int> CountAsync(IPage page, string selector) =>
        int.Parse(await page.Locator(selector).InnerTextAsync(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task ProjectorCode_AcceptedOnThePhonePage_CountGoesUp_CodeRotatesByItself()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Salma Idrissi", "salma.idrissi@example.ma"));
        var youssefId = await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Youssef Tazi", gender: RegionalWorkspace.Features.Bodies.Gender.Male));
        string youssefCode;
        await using (var db = await Host.CreateDbContextAsync())
        {
            youssefCode = await db.Participants.Where(p => p.Id == youssefId).Select(p => p.PersonalCode).SingleAsync();
        }

        // The session page offers the projector to those who take attendance.
        var projector = await Browser.NewPageAsync(Host);
        await projector.SignInAsync("trainer@demo.ma", returnUrl: $"/trainings/sessions/{sessionId}");
        await Assertions.Expect(projector.Locator("#checkin-panel")).ToContainTextAsync("30 minutes avant le début");
        await Assertions.Expect(projector.Locator("#open-projector")).ToHaveAttributeAsync("href", $"/trainings/sessions/{sessionId}/projector");
        await projector.GotoInteractiveAsync($"trainings/sessions/{sessionId}/projector");
        await Assertions.Expect(projector.Locator("#checkin-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Z2-9]{6}$"));
        await Assertions.Expect(projector.Locator("#checkin-qr svg")).ToHaveCountAsync(1);
        await Assertions.Expect(projector.Locator("#checkin-url")).ToHaveTextAsync($"{Host.BaseUrl}checkin/{sessionId}");
        await Assertions.Expect(projector.Locator("#checkin-registered")).ToHaveTextAsync("2");
        await Assertions.Expect(projector.Locator("#checkin-count")).ToHaveTextAsync("0");
        var code = await projector.Locator("#checkin-code").InnerTextAsync();

        // A participant follows the QR code's link (the code filled in) on a phone, not signed in.
        var phone = await Browser.NewPageAsync(Host);
        await phone.GotoAsync($"checkin/{sessionId}?c={code}");
        await Assertions.Expect(phone.Locator("#checkin-session")).ToContainTextAsync("Hôtel de la Région, Rabat");
        await Assertions.Expect(phone.Locator("#checkin-code-input")).ToHaveValueAsync(code);
        await phone.Locator("#checkin-identifier").FillAsync("Salma.Idrissi@example.ma");
        await phone.Locator("#checkin-submit").ClickAsync();
        await Assertions.Expect(phone.Locator("#checkin-result")).ToHaveAttributeAsync("data-outcome", "present");
        await Assertions.Expect(phone.Locator("#checkin-result")).ToContainTextAsync("Merci Salma Idrissi, vous êtes marqué(e) présent(e)");
        await Assertions.Expect(projector.Locator("#checkin-count")).ToHaveTextAsync("1");

        // The same person again: refused, and the projector's count does not move.
        await phone.GotoAsync($"checkin/{sessionId}?c={code}");
        await phone.Locator("#checkin-identifier").FillAsync("salma.idrissi@example.ma");
        await phone.Locator("#checkin-submit").ClickAsync();
        await Assertions.Expect(phone.Locator("#checkin-result")).ToHaveAttributeAsync("data-outcome", "already-present");
        await Assertions.Expect(phone.Locator("#checkin-result")).ToContainTextAsync("déjà été marqué(e) présent(e)");

        // The projector moves to a new code on its own (within one 30-second step).
        await Assertions.Expect(projector.Locator("#checkin-code")).Not.ToHaveTextAsync(code, new() { Timeout = 45_000 });
        var next = await projector.Locator("#checkin-code").InnerTextAsync();
        Assert.Matches("^[A-Z2-9]{6}$", next);

        // Another participant, in Arabic, types the address and the new code by hand, with a personal code.
        var arabic = await Browser.NewPageAsync(Host, "ar");
        await arabic.GotoAsync($"checkin/{sessionId}");
        await Assertions.Expect(arabic.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await arabic.Locator("#checkin-code-input").FillAsync(next.ToLowerInvariant());
        await arabic.Locator("#checkin-identifier").FillAsync(youssefCode);
        await arabic.Locator("#checkin-submit").ClickAsync();
        await Assertions.Expect(arabic.Locator("#checkin-result")).ToHaveAttributeAsync("data-outcome", "present");
        await Assertions.Expect(arabic.Locator("#checkin-result")).ToContainTextAsync("شكرًا Youssef Tazi");
        await Assertions.Expect(projector.Locator("#checkin-count")).ToHaveTextAsync("2");
        Assert.Equal(2, await CountAsync(projector, "#checkin-registered"));

        await using var check = await Host.CreateDbContextAsync();
        Assert.Equal(2, await check.AttendanceMarks.CountAsync(m => m.SessionId == sessionId && m.Source == MarkSource.SelfCheckIn && m.Status == AttendanceStatus.Present));
    }

    [Fact]
    public async Task PhonePage_WrongCode_SaysWhy_AndKeepsWhatWasTyped()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Nadia Berrada", "nadia.berrada@example.ma"));
        var phone = await Browser.NewPageAsync(Host);

        await phone.GotoAsync($"checkin/{sessionId}?c=AAAAAA");
        await phone.Locator("#checkin-identifier").FillAsync("nadia.berrada@example.ma");
        await phone.Locator("#checkin-submit").ClickAsync();

        await Assertions.Expect(phone.Locator("#checkin-result")).ToHaveAttributeAsync("data-outcome", "code-wrong");
        await Assertions.Expect(phone.Locator("#checkin-result")).ToContainTextAsync("Ce code est incorrect");
        await Assertions.Expect(phone.Locator("#checkin-identifier")).ToHaveValueAsync("nadia.berrada@example.ma");
        await using var db = await Host.CreateDbContextAsync();
        Assert.False(await db.AttendanceMarks.AnyAsync(m => m.SessionId == sessionId));
    }
}

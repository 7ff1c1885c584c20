using Microsoft.Playwright;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Tests.Features.Studies;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

/// <summary>C4 live: CESE staff decide in one browser; the requester sees the new status and a notification without reloading.</summary>
public sealed class StudyRequestLiveTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Accept_ByCeseStaff_TheRequesterSeesTheStatusAndTheBellChangeLive()
    {
        var id = await StudyFixtures.InStatusAsync(Host, StudyRequestStatus.UnderReview, StudyFixtures.Rsk);
        var requester = await Browser.NewPageAsync(Host);
        await requester.SignInAsync("arm@demo.ma", returnUrl: $"/studies/{id}");
        await Assertions.Expect(requester.Locator("#study-status")).ToHaveAttributeAsync("data-status", "UnderReview");
        var unread = int.Parse(await requester.Locator("#notification-bell").GetAttributeAsync("data-unread") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
        var cese = await Browser.NewPageAsync(Host);
        await cese.SignInAsync("cese@demo.ma", returnUrl: $"/studies/{id}");

        await cese.Locator("#study-to-accepted").ClickAsync();
        await cese.Locator("#decision-commission").ClickAsync();
        await cese.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "affaires sociales" }).First.ClickAsync();
        await cese.Locator("#decision-rapporteur").FillAsync("Amina Tazi");
        await cese.Locator("#decision-confirm").ClickAsync();
        await Assertions.Expect(cese.Locator("#study-status")).ToHaveAttributeAsync("data-status", "Accepted");

        // The requester's tab was not reloaded: the page and the bell follow the change as it is committed.
        await Assertions.Expect(requester.Locator("#study-status")).ToHaveAttributeAsync("data-status", "Accepted", new() { Timeout = 20_000 });
        await Assertions.Expect(requester.Locator("#notification-bell")).ToHaveAttributeAsync(
            "data-unread", (unread + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 20_000 });
        await Assertions.Expect(requester.Locator("#study-rapporteur")).ToHaveTextAsync("Amina Tazi");
        await Assertions.Expect(requester.Locator("#history-table tbody tr").Last).ToContainTextAsync("Leila Kabbaj");
        await requester.Locator("#notification-button").ClickAsync();
        await Assertions.Expect(requester.Locator("#notification-menu")).ToContainTextAsync("a été acceptée par le CESE");
    }
}

using System.Globalization;
using Microsoft.Playwright;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Tests.Features.SupportActions;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

/// <summary>
/// A regional officer records a support action through the dialog (for their own region only); it appears in their list
/// and, live, in a coordinator's open list; its page shows the linked body.
/// </summary>
public sealed class SupportActionsBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Create_ThroughTheDialog_IsRefusedWhenIncomplete_ThenAppearsInTheListsAndOnItsPage()
    {
        var title = $"Atelier citoyen sur l'eau {Guid.NewGuid():N}"[..40];
        var coordinator = await Browser.NewPageAsync(Host);
        await coordinator.SignInAsync(SupportActionFixtures.Arm, returnUrl: "/support-actions");
        await Assertions.Expect(coordinator.Locator(".support-row").First).ToBeVisibleAsync();
        var coordinatorLink = coordinator.Locator(".support-link").Filter(new() { HasText = title });
        await Assertions.Expect(coordinatorLink).ToHaveCountAsync(0);

        var officer = await Browser.NewPageAsync(Host);
        await officer.SignInAsync(SupportActionFixtures.RskOfficer, returnUrl: "/support-actions");
        await officer.Locator("#new-support-action").ClickAsync();
        var dialog = officer.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        // The officer records for their own region only: it is chosen and cannot be changed.
        await Assertions.Expect(dialog.Locator("#support-region")).ToBeDisabledAsync();
        await Assertions.Expect(dialog.Locator("#support-region")).ToHaveValueAsync("Rabat-Salé-Kénitra");

        // Escape closes the dialog from the keyboard without saving (from a field: the dialog listens for keys within
        // it, and on a loaded machine the focus may not have moved into it yet when the key is sent).
        await dialog.Locator("#support-title-fr").FocusAsync();
        await officer.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await officer.Locator("#new-support-action").ClickAsync();

        var before = await SupportActionFixtures.CountAsync(Host);
        await officer.Locator("#dialog-save").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Ce champ est obligatoire");
        await Assertions.Expect(dialog).ToContainTextAsync("Cochez au moins une partie");
        Assert.Equal(before, await SupportActionFixtures.CountAsync(Host));

        await officer.Locator("#support-theme").ClickAsync();
        await officer.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Environnementale" }).First.ClickAsync();
        await officer.Locator("#support-kind").ClickAsync();
        await officer.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Atelier" }).First.ClickAsync();
        await officer.Locator("#support-title-fr").FillAsync(title);
        await officer.Locator("#support-title-ar").FillAsync("ورشة مواطنة حول الماء");
        await officer.Locator("#support-description").FillAsync("Atelier avec les associations d'usagers et l'instance de la jeunesse.");
        await officer.Locator("#support-party-Dgct").ClickAsync();
        var start = Host.Get<WorkspaceTime>().Now.Date.AddDays(7);
        await officer.Locator("#support-starts").FillAsync(start.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await officer.Locator("#support-starts").PressAsync("Tab");
        await officer.Locator("#support-bodies").ClickAsync();
        await officer.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "jeunes" }).First.ClickAsync();
        await officer.CloseChoicesAsync("#support-bodies");
        await officer.Locator("#dialog-save").ClickAsync();

        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        var officerLink = officer.Locator(".support-link").Filter(new() { HasText = title });
        await Assertions.Expect(officerLink).ToHaveCountAsync(1);
        Assert.Equal(before + 1, await SupportActionFixtures.CountAsync(Host));
        // No reload on the coordinator's side: the new action appears in the list already open.
        await Assertions.Expect(coordinatorLink).ToHaveCountAsync(1, new() { Timeout = 20_000 });

        await officerLink.ClickAsync();
        await officer.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/support-actions/\d+$"));
        await officer.WaitInteractiveAsync();
        await Assertions.Expect(officer.Locator("#support-heading")).ToHaveTextAsync(title);
        await Assertions.Expect(officer.Locator("#support-parties")).ToHaveTextAsync("DGCT");
        await Assertions.Expect(officer.Locator("#support-region-link")).ToHaveTextAsync("Rabat-Salé-Kénitra");
        await Assertions.Expect(officer.Locator("#support-linked-bodies li")).ToHaveCountAsync(1);
        await Assertions.Expect(officer.Locator("#support-linked-bodies")).ToContainTextAsync("jeunes");
        await Assertions.Expect(officer.Locator("#delete-support-action")).ToBeVisibleAsync();
    }
}

using Microsoft.Playwright;
using RegionalWorkspace.Tests.Features.Trainings;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

/// <summary>Two trainers on the same session's board, and a coordinator's dashboard, in three browsers.</summary>
public sealed class TrainerBoardTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static ILocator Row(IPage page, int participantId) => page.Locator($".board-row[data-participant='{participantId}']");

    private static Task TapAsync(IPage page, int participantId, string status) =>
        Row(page, participantId).Locator($"button[data-mark='{status}']").ClickAsync();

    private static async Task ExpectStatusAsync(IPage page, int participantId, string status) =>
        await Assertions.Expect(Row(page, participantId)).ToHaveAttributeAsync("data-status", status);

    private static ILocator Count(IPage page, string status) => page.Locator($"[data-status-count='{status}'] strong");

    [Fact]
    public async Task MarksMadeOnTwoBoards_ConvergeOnBoth_AndTheDashboardCountsThemLive()
    {
        var sessionId = await TrainingFixtures.CreateSessionRunningNowAsync(Host);
        var people = new List<int>();
        foreach (var name in new[] { "Amal Bekkali", "Bouchra Sebti", "Chafik Lahlou", "Driss Kadiri", "Fatima Zahra Iraqi", "Ghali Tahiri" })
        {
            people.Add(await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person(name)));
        }

        var trainer = await Browser.NewPageAsync(Host);
        await trainer.SignInAsync("trainer@demo.ma", returnUrl: $"/trainings/sessions/{sessionId}/board");
        var coordinator = await Browser.NewPageAsync(Host);
        await coordinator.SignInAsync("arm@demo.ma", returnUrl: $"/trainings/sessions/{sessionId}/board");
        var dashboard = await Browser.NewPageAsync(Host);
        await dashboard.SignInAsync("leadership@demo.ma", returnUrl: $"/trainings/dashboard?session={sessionId}");
        await Assertions.Expect(Count(dashboard, "Unmarked")).ToHaveTextAsync("6");

        // Both trainers tap at the same time, on different people and on the same one.
        await Task.WhenAll(
            TapAsync(trainer, people[0], "Present").ContinueWith(_ => TapAsync(trainer, people[1], "Late")).Unwrap(),
            TapAsync(coordinator, people[2], "Absent").ContinueWith(_ => TapAsync(coordinator, people[3], "Excused")).Unwrap());

        foreach (var page in new[] { trainer, coordinator })
        {
            await ExpectStatusAsync(page, people[0], "Present");
            await ExpectStatusAsync(page, people[1], "Late");
            await ExpectStatusAsync(page, people[2], "Absent");
            await ExpectStatusAsync(page, people[3], "Excused");
        }

        await Assertions.Expect(Count(dashboard, "Present")).ToHaveTextAsync("1");
        await Assertions.Expect(Count(dashboard, "Late")).ToHaveTextAsync("1");
        await Assertions.Expect(Count(dashboard, "Absent")).ToHaveTextAsync("1");
        await Assertions.Expect(Count(dashboard, "Excused")).ToHaveTextAsync("1");

        // The later tap on the same person wins everywhere.
        await TapAsync(coordinator, people[0], "Late");
        await ExpectStatusAsync(trainer, people[0], "Late");

        // A walk-in added on one board appears, present, on the other.
        await coordinator.Locator("#board-walkin").ClickAsync();
        await coordinator.Locator("#participant-name").FillAsync("Hind Walk-In");
        await coordinator.Locator("#participant-gender").ClickAsync();
        await coordinator.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Femme" }).First.ClickAsync();
        await coordinator.Locator("#participant-audience").ClickAsync();
        await coordinator.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await coordinator.Locator("#dialog-save").ClickAsync();
        await Assertions.Expect(trainer.Locator(".board-row[data-status='Present']").Filter(new() { HasText = "Hind Walk-In" })).ToHaveCountAsync(1);

        // "Mark the rest absent" on one board: the two unmarked people become absent on the other and on the dashboard.
        await trainer.Locator("#board-rest-absent").ClickAsync();
        await trainer.Locator(".mud-message-box .mud-button-filled, .mud-dialog-actions button").Last.ClickAsync();
        await ExpectStatusAsync(coordinator, people[4], "Absent");
        await ExpectStatusAsync(coordinator, people[5], "Absent");
        await Assertions.Expect(Count(dashboard, "Absent")).ToHaveTextAsync("3");
        await Assertions.Expect(Count(dashboard, "Unmarked")).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task Officer_RegistersTwoPeopleForTheLastPlace_TheSecondWaits_AndMovesUpWhenTheFirstCancels()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, Host.Get<RegionalWorkspace.Features.Shared.WorkspaceTime>().Now.AddDays(3), capacity: 1);
        var officer = await Browser.NewPageAsync(Host);
        await officer.SignInAsync("officer.rsk@demo.ma", returnUrl: $"/trainings/sessions/{sessionId}");
        var viewer = await Browser.NewPageAsync(Host);
        await viewer.SignInAsync("cese@demo.ma", returnUrl: $"/trainings/sessions/{sessionId}");
        await Assertions.Expect(viewer.Locator("#registrations-empty")).ToBeVisibleAsync();

        foreach (var name in new[] { "Première Personne", "Deuxième Personne" })
        {
            await officer.Locator("#register-new").ClickAsync();
            await officer.Locator("#participant-name").FillAsync(name);
            await officer.Locator("#participant-gender").ClickAsync();
            await officer.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Homme" }).First.ClickAsync();
            await officer.Locator("#participant-audience").ClickAsync();
            await officer.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
            await officer.Locator("#dialog-save").ClickAsync();
            await Assertions.Expect(officer.Locator("#participant-name")).ToHaveCountAsync(0);
        }

        var second = viewer.Locator("#registrations-table tbody tr").Filter(new() { HasText = "Deuxième Personne" });
        await Assertions.Expect(second.Locator(".registration-status")).ToHaveAttributeAsync("data-status", "Waitlisted");
        await Assertions.Expect(second.Locator(".registration-status")).ToContainTextAsync("Liste d'attente n° 1");

        await officer.Locator("#registrations-table tbody tr").Filter(new() { HasText = "Première Personne" }).Locator(".cancel-registration").ClickAsync();
        await officer.Locator(".mud-dialog-actions button").Last.ClickAsync();

        await Assertions.Expect(second.Locator(".registration-status")).ToHaveAttributeAsync("data-status", "Registered");
        await Assertions.Expect(viewer.Locator("#registrations-table tbody tr").Filter(new() { HasText = "Première Personne" })).ToHaveCountAsync(0);
    }
}

using Microsoft.Playwright;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Tests.Features.Practices;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

public sealed class PracticeLibraryTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Publish_AppearsLiveInAnotherRegionsLibrary_WhoseEndorsementAppearsLiveToTheAuthor()
    {
        var author = await Browser.NewPageAsync(Host);
        await author.SignInAsync("officer.rsk@demo.ma", returnUrl: "/practices");
        await author.Locator("#new-practice").ClickAsync();
        await author.Locator("#practice-title").FillAsync("Assemblées de quartier à Salé");
        await author.Locator("#practice-summary").FillAsync("Des assemblées ouvertes dans chaque quartier avant la session du conseil.");
        await author.Locator("#practice-body-text").FillAsync("## Déroulement\n- Invitation par affichage\n- Compte rendu publié");
        await author.Locator("#theme-Social").ClickAsync();
        await author.Locator("#practice-tags").FillAsync("quartiers, assemblées");
        await author.Locator("#dialog-save").ClickAsync();
        await author.WaitForURLAsync("**/practices/*");
        await author.WaitInteractiveAsync();
        await Assertions.Expect(author.Locator("#practice-status")).ToHaveTextAsync("Brouillon");

        var reader = await Browser.NewPageAsync(Host);
        await reader.SignInAsync("officer.sm@demo.ma", returnUrl: "/practices");
        var card = reader.Locator(".practice-card").Filter(new() { HasText = "Assemblées de quartier à Salé" });
        await Assertions.Expect(card).ToHaveCountAsync(0);

        await author.Locator("#publish-practice").ClickAsync();
        await Assertions.Expect(author.Locator("#practice-status")).ToHaveTextAsync("Publiée");

        // No reload on the reader's side: the published practice appears in the list it already has open.
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await card.Locator("a.practice-title").ClickAsync();
        await reader.WaitForURLAsync("**/practices/*");
        await reader.WaitInteractiveAsync();
        await Assertions.Expect(reader.Locator("#practice-body h2")).ToHaveTextAsync("Déroulement");
        await reader.Locator("#adoption-note").FillAsync("Reprise dans trois communes d'Agadir.");
        await reader.Locator("#adopt-practice").ClickAsync();
        await Assertions.Expect(reader.Locator("#practice-adoptions .adoption-row")).ToContainTextAsync("Souss-Massa");

        await Assertions.Expect(author.Locator("#practice-adoptions .adoption-row")).ToContainTextAsync("Reprise dans trois communes d'Agadir.");
        await Assertions.Expect(author.Locator("#practice-adoptions h2")).ToHaveTextAsync("Adoptée par 1 région(s)");
    }

    [Fact]
    public async Task Comment_AppearsLiveForAnotherReader_AndAnEmptyOneIsRefused()
    {
        var practices = Host.Get<PracticesService>();
        var officer = await Host.PrincipalAsync("officer.sm@demo.ma");
        var id = await practices.CreateAsync(officer, 9, PracticeFixtures.Input("Radio régionale participative"));
        await practices.SetStatusAsync(officer, id, PracticeStatus.Published, 1);
        var first = await Browser.NewPageAsync(Host);
        await first.SignInAsync("cese@demo.ma", returnUrl: $"/practices/{id}");
        var second = await Browser.NewPageAsync(Host);
        await second.SignInAsync("dgct@demo.ma", returnUrl: $"/practices/{id}");

        await first.Locator("#comment-send").ClickAsync();
        await Assertions.Expect(first.Locator(".mud-input-control:has(#comment-text) .mud-input-helper-text.mud-input-error")).ToHaveTextAsync("Ce champ est obligatoire.");
        await first.Locator("#comment-text").FillAsync("Très utile pour nos séances d'écoute.");
        await first.Locator("#comment-send").ClickAsync();

        await Assertions.Expect(second.Locator(".comment-row .comment-text")).ToHaveTextAsync("Très utile pour nos séances d'écoute.");
        await Assertions.Expect(second.Locator(".comment-row")).ToContainTextAsync("Leila Kabbaj");
    }

    [Fact]
    public async Task ConcurrentEdits_TheSecondSaveGetsTheConflictTable()
    {
        var practices = Host.Get<PracticesService>();
        var id = await practices.CreateAsync(await Host.PrincipalAsync("officer.rsk@demo.ma"), 4, PracticeFixtures.Input("Charte des instances"));
        var khadija = await Browser.NewPageAsync(Host);
        await khadija.SignInAsync("officer.rsk@demo.ma", returnUrl: $"/practices/{id}");
        var samira = await Browser.NewPageAsync(Host);
        await samira.SignInAsync("admin@demo.ma", returnUrl: $"/practices/{id}");
        await khadija.Locator("#edit-practice").ClickAsync();
        await samira.Locator("#edit-practice").ClickAsync();
        await Assertions.Expect(khadija.Locator(".presence-editing")).ToContainTextAsync("Samira Benjelloun");

        await khadija.Locator("#practice-title").FillAsync("Charte des instances (version de Khadija)");
        await khadija.Locator("#dialog-save").ClickAsync();
        await Assertions.Expect(khadija.Locator("#practice-heading")).ToHaveTextAsync("Charte des instances (version de Khadija)");
        await samira.Locator("#practice-title").FillAsync("Charte des instances (version de Samira)");
        await samira.Locator("#dialog-save").ClickAsync();

        var row = samira.Locator("#dialog-conflict tr.conflict-differs").Filter(new() { HasText = "Titre (Français)" });
        await Assertions.Expect(row.Locator(".conflict-theirs")).ToHaveTextAsync("Charte des instances (version de Khadija)");
        await Assertions.Expect(row.Locator(".conflict-mine")).ToHaveTextAsync("Charte des instances (version de Samira)");
    }
}

using Microsoft.Playwright;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Tests.Faults;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

/// <summary>
/// What a person sees when the database goes away under their open page (a PostgreSQL server of the test's own, stopped
/// and started again): a save says that nothing was saved and keeps the form; other actions show the same message in
/// the page; the person stays signed in and the connection stays up; once the database is back, the same save goes
/// through without reloading anything.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DatabaseDownTests(BrowserFixture browser) : IAsyncLifetime
{
    private PostgresInstance _postgres = default!;
    private AppHost _host = default!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresInstance.StartAsync();
        _host = await _postgres.StartAppAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await _host.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task SaveWhileTheDatabaseIsDown_SaysNothingWasSaved_KeepsTheForm_ThenSavesOnceItIsBack()
    {
        var bodyId = await _host.BodyIdAsync("SM", BodyKind.Youth);
        var member = (await _host.Get<BodiesService>().ListMembersAsync(await _host.PrincipalAsync("admin@demo.ma"), bodyId, null, 0, 1)).Items[0];
        var page = await browser.NewPageAsync(_host);
        await page.SignInAsync("officer.sm@demo.ma", returnUrl: $"/bodies/{bodyId}");
        var row = page.Locator("#members-table tbody tr").Filter(new() { HasText = member.FullName });
        await row.Locator(".edit-member").ClickAsync();
        await page.Locator("#member-organisation").FillAsync("Association Tiwizi Agadir");

        await _postgres.StopAsync();
        try
        {
            await page.Locator("#dialog-save").ClickAsync();
            await Assertions.Expect(page.Locator("#dialog-error")).ToContainTextAsync("momentanément indisponible", new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("#member-organisation")).ToHaveValueAsync("Association Tiwizi Agadir");

            // Outside a dialog: opening another page that reads the database shows the message in the page.
            await page.Locator("#dialog-cancel").ClickAsync();
            await page.Locator("a.mud-nav-link[href='/practices']").ClickAsync();
            await Assertions.Expect(page.Locator("#page-error")).ToContainTextAsync("momentanément indisponible", new() { Timeout = 60_000 });
        }
        finally
        {
            await _postgres.StartAgainAsync();
        }

        // Still signed in, same connection: back to the body, and the same edit goes through.
        await page.Locator("#page-error-recover").ClickAsync();
        await Assertions.Expect(page.Locator("#page-error")).ToHaveCountAsync(0);
        await page.GotoAsync($"/bodies/{bodyId}");
        await row.Locator(".edit-member").ClickAsync();
        await page.Locator("#member-organisation").FillAsync("Association Tiwizi Agadir");
        await page.Locator("#dialog-save").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Association Tiwizi Agadir");
        var stored = (await _host.Get<BodiesService>().ListMembersAsync(await _host.PrincipalAsync("admin@demo.ma"), bodyId, null, 0, 100)).Items.Single(m => m.Id == member.Id);
        Assert.Equal("Association Tiwizi Agadir", stored.Organisation);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

public sealed class RegionEditingTests(BrowserFixture browser) : BrowserTest(browser)
{
    private async Task<int> MemberCountAsync(int bodyId)
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.BodyMembers.CountAsync(m => m.BodyId == bodyId);
    }

    [Fact]
    public async Task BodyPage_OfficerOfAnotherRegion_GetsNoEditControls_ButHasThemInTheirOwn()
    {
        var rskBody = await Host.BodyIdAsync("RSK", BodyKind.Youth);
        var smBody = await Host.BodyIdAsync("SM", BodyKind.Youth);
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("officer.sm@demo.ma", returnUrl: $"/bodies/{rskBody}");
        await page.Locator("#members-table tbody tr").First.WaitForAsync();

        Assert.Equal(0, await page.Locator("#add-member, #edit-body, .edit-member, .remove-member").CountAsync());

        await page.GotoInteractiveAsync($"/bodies/{smBody}");
        await page.Locator("#members-table tbody tr").First.WaitForAsync();
        Assert.Equal(1, await page.Locator("#add-member").CountAsync());
        Assert.True(await page.Locator(".edit-member").CountAsync() > 0);
    }

    [Fact]
    public async Task MemberDialog_InvalidInput_ShowsErrorsNextToTheFieldsAndSavesNothing()
    {
        var bodyId = await Host.BodyIdAsync("RSK", BodyKind.EquityAndGender);
        var before = await MemberCountAsync(bodyId);
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("officer.rsk@demo.ma", returnUrl: $"/bodies/{bodyId}");

        await page.Locator("#add-member").ClickAsync();
        await page.Locator("#member-organisation").FillAsync(new string('x', 201));
        await page.Locator("#dialog-save").ClickAsync();

        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog.Locator(".mud-input-control:has(#member-name) .mud-input-helper-text.mud-input-error")).ToHaveTextAsync("Ce champ est obligatoire.");
        await Assertions.Expect(dialog.Locator(".mud-input-control:has(#member-organisation) .mud-input-helper-text.mud-input-error")).ToHaveTextAsync("200 caractères au maximum.");
        await Assertions.Expect(dialog.Locator(".mud-input-control:has(#member-gender) .mud-input-helper-text.mud-input-error")).ToHaveTextAsync("Choisissez une valeur de la liste.");
        Assert.True(await dialog.IsVisibleAsync());
        Assert.Equal(before, await MemberCountAsync(bodyId));
    }

    [Fact]
    public async Task MemberDialog_ValidInput_AddsTheMemberToTheTable()
    {
        var bodyId = await Host.BodyIdAsync("RSK", BodyKind.Youth);
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("officer.rsk@demo.ma", returnUrl: $"/bodies/{bodyId}");

        await page.Locator("#add-member").ClickAsync();
        await page.Locator("#member-name").FillAsync("Ayoub Sbai");
        await page.Locator("#member-name-ar").FillAsync("أيوب السباعي");
        await SelectAsync(page, "#member-seat", "Représentant des jeunes");
        await SelectAsync(page, "#member-gender", "Homme");
        await page.Locator("#member-start").FillAsync("01/09/2026");
        await page.Locator("#member-start").PressAsync("Tab");
        await page.Locator("#dialog-save").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await page.Locator("#members-search").FillAsync("Ayoub Sbai");
        await page.Locator("#members-search").PressAsync("Enter");

        await Assertions.Expect(page.Locator("#members-table tbody tr .member-name")).ToHaveTextAsync(["Ayoub Sbai"]);
        await using var db = await Host.CreateDbContextAsync();
        var saved = await db.BodyMembers.SingleAsync(m => m.FullName == "Ayoub Sbai");
        Assert.Equal((SeatType.YouthRepresentative, Gender.Male, new DateOnly(2026, 9, 1), "أيوب السباعي"), (saved.SeatType, saved.Gender, saved.MandateStart, saved.FullNameAr));
    }

    private static async Task SelectAsync(IPage page, string selectId, string option)
    {
        await page.Locator(selectId).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
    }
}

using Microsoft.Playwright;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

/// <summary>Two people in two browsers on the same records.</summary>
public sealed class LiveCollaborationTests(BrowserFixture browser) : BrowserTest(browser)
{
    private async Task<(int BodyId, MemberRow Member)> MemberAsync(BodyKind kind)
    {
        var bodyId = await Host.BodyIdAsync("RSK", kind);
        var member = (await Host.Get<BodiesService>().ListMembersAsync(await Host.PrincipalAsync("admin@demo.ma"), bodyId, null, 0, 1)).Items[0];
        return (bodyId, member);
    }

    private static ILocator Row(IPage page, string name) => page.Locator("#members-table tbody tr").Filter(new() { HasText = name });

    private static async Task OpenEditAsync(IPage page, string name)
    {
        await Row(page, name).Locator(".edit-member").ClickAsync();
        await page.Locator("#member-organisation").WaitForAsync();
    }

    [Fact]
    public async Task EditByOne_AppearsAtTheOther_OnTheRecordPageTheRegionDashboardAndTheActivityFeed()
    {
        var (bodyId, member) = await MemberAsync(BodyKind.Youth);
        var officer = await Browser.NewPageAsync(Host);
        await officer.SignInAsync("officer.rsk@demo.ma", returnUrl: $"/bodies/{bodyId}");
        var colleague = await Browser.NewPageAsync(Host);
        await colleague.SignInAsync("admin@demo.ma", returnUrl: $"/bodies/{bodyId}");
        var dashboard = await Browser.NewPageAsync(Host);
        await dashboard.SignInAsync("leadership@demo.ma", returnUrl: "/regions/RSK");
        var feed = await Browser.NewPageAsync(Host);
        await feed.SignInAsync("cese@demo.ma", returnUrl: "/activity");
        var membersBefore = int.Parse(await dashboard.Locator("#region-dashboard [data-figure=members] .figure-value").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        await OpenEditAsync(officer, member.FullName);
        await officer.Locator("#member-organisation").FillAsync("Conseil régional des jeunes de Kénitra");
        await officer.Locator("#dialog-save").ClickAsync();
        await officer.Locator("#add-member").ClickAsync();
        await officer.Locator("#member-name").FillAsync("Nouvelle Membre Live");
        await officer.Locator("#member-seat").ClickAsync();
        await officer.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Expert" }).First.ClickAsync();
        await officer.Locator("#member-gender").ClickAsync();
        await officer.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Femme" }).First.ClickAsync();
        await officer.Locator("#member-start").FillAsync("02/03/2026");
        await officer.Locator("#member-start").PressAsync("Tab");
        await officer.Locator("#dialog-save").ClickAsync();

        // No reload anywhere: each page shows the changes as they are committed.
        await Assertions.Expect(Row(colleague, member.FullName)).ToContainTextAsync("Conseil régional des jeunes de Kénitra");
        await Assertions.Expect(dashboard.Locator("#region-dashboard [data-figure=members] .figure-value")).ToHaveTextAsync((membersBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(feed.Locator("#activity-table tbody tr").First).ToContainTextAsync("Khadija Alami");
        await Assertions.Expect(feed.Locator("#activity-table tbody tr").First).ToContainTextAsync("Nouvelle Membre Live");
        await feed.Locator("#activity-table tbody tr").First.Locator("a.activity-link").ClickAsync();
        await feed.WaitForURLAsync($"**/bodies/{bodyId}");
    }

    [Fact]
    public async Task Presence_OthersOnTheRecordAndEditing_AppearAndDisappearWhenTheyLeave()
    {
        var (bodyId, member) = await MemberAsync(BodyKind.EconomicActors);
        var officer = await Browser.NewPageAsync(Host);
        await officer.SignInAsync("officer.rsk@demo.ma", returnUrl: $"/bodies/{bodyId}");
        var colleague = await Browser.NewPageAsync(Host);
        await colleague.SignInAsync("admin@demo.ma", returnUrl: $"/bodies/{bodyId}");

        await Assertions.Expect(officer.Locator(".presence-viewers")).ToContainTextAsync("Samira Benjelloun");
        await OpenEditAsync(colleague, member.FullName);
        await Assertions.Expect(Row(officer, member.FullName).Locator(".presence-editing")).ToHaveTextAsync("Samira Benjelloun modifie");

        await colleague.Locator("#dialog-cancel").ClickAsync();
        await Assertions.Expect(Row(officer, member.FullName).Locator(".presence-editing")).ToHaveCountAsync(0);

        await colleague.Context.CloseAsync();
        await Assertions.Expect(officer.Locator(".presence-viewers")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ConcurrentSaves_TheSecondGetsTheConflictDialogWithBothValues_AndCanReapplyOnTop()
    {
        var (bodyId, member) = await MemberAsync(BodyKind.EquityAndGender);
        var first = await Browser.NewPageAsync(Host);
        await first.SignInAsync("officer.rsk@demo.ma", returnUrl: $"/bodies/{bodyId}");
        var second = await Browser.NewPageAsync(Host);
        await second.SignInAsync("admin@demo.ma", returnUrl: $"/bodies/{bodyId}");
        await OpenEditAsync(first, member.FullName);
        await OpenEditAsync(second, member.FullName);

        await first.Locator("#member-organisation").FillAsync("Valeur de Khadija");
        await first.Locator("#dialog-save").ClickAsync();
        await Assertions.Expect(first.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await second.Locator("#member-organisation").FillAsync("Valeur de Samira");
        await second.Locator("#dialog-save").ClickAsync();

        var conflict = second.Locator("#dialog-conflict");
        await Assertions.Expect(conflict).ToContainTextAsync("Khadija Alami a enregistré cette fiche");
        var row = conflict.Locator("tr.conflict-differs").Filter(new() { HasText = "Organisme" });
        await Assertions.Expect(row.Locator(".conflict-theirs")).ToHaveTextAsync("Valeur de Khadija");
        await Assertions.Expect(row.Locator(".conflict-mine")).ToHaveTextAsync("Valeur de Samira");
        Assert.Equal("Valeur de Khadija", (await Host.Get<BodiesService>().ListMembersAsync(await Host.PrincipalAsync("admin@demo.ma"), bodyId, member.FullName, 0, 5)).Items.Single().Organisation);

        await second.Locator("#conflict-mine").ClickAsync();
        await second.Locator("#dialog-save").ClickAsync();
        await Assertions.Expect(second.Locator(".mud-dialog")).ToHaveCountAsync(0);

        var saved = (await Host.Get<BodiesService>().ListMembersAsync(await Host.PrincipalAsync("admin@demo.ma"), bodyId, member.FullName, 0, 5)).Items.Single();
        Assert.Equal(("Valeur de Samira", member.Version + 2), (saved.Organisation, saved.Version));
        await Assertions.Expect(Row(first, member.FullName)).ToContainTextAsync("Valeur de Samira");
    }

    [Fact]
    public async Task ConnectionDrop_OpenFormKeepsWhatWasTyped_AndThePageCatchesUpOnReturn()
    {
        var (bodyId, member) = await MemberAsync(BodyKind.Youth);
        await using var network = new TcpProxy(Host.BaseUrl);
        var officer = await Browser.NewPageAsync(network.Url);
        await officer.SignInAsync("officer.rsk@demo.ma", returnUrl: $"/bodies/{bodyId}");
        await officer.Locator("#add-member").ClickAsync();
        await officer.Locator("#member-name").FillAsync("Saisie pendant la coupure");

        network.Drop();
        await Assertions.Expect(officer.Locator("#components-reconnect-modal")).ToBeVisibleAsync();
        var admin = await Host.PrincipalAsync("admin@demo.ma");
        var input = MemberInput.From(member);
        input.Organisation = "Changé pendant la coupure";
        await Host.Get<BodiesService>().UpdateMemberAsync(admin, member.Id, input);
        network.Restore();

        await Assertions.Expect(officer.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(officer.Locator("#member-name")).ToHaveValueAsync("Saisie pendant la coupure");
        await Assertions.Expect(Row(officer, member.FullName)).ToContainTextAsync("Changé pendant la coupure");
    }
}

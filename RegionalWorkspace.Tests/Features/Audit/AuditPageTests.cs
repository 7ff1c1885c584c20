using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RegionalWorkspace.Features.Audit;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Audit;

/// <summary>The administration page in a real browser, after a change made in a real circuit.</summary>
public sealed class AuditPageTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static async Task SelectAsync(IPage page, string selectId, string option)
    {
        await page.Locator(selectId).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
    }

    [Fact]
    public async Task EditInTheBrowser_IsListedUnderTheAdmin_FiltersNarrowIt_TheEntryShowsBeforeAndAfter_AndTheChainVerifies()
    {
        var bodyId = await Host.BodyIdAsync("RSK", BodyKind.Youth);
        var adminId = await Host.UserIdAsync("admin@demo.ma");
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("admin@demo.ma", returnUrl: $"/bodies/{bodyId}");

        // A change made through the circuit: the audit names the signed-in user, not "system".
        await page.Locator(".edit-member").First.ClickAsync();
        var oldName = await page.Locator("#member-name").InputValueAsync();
        await page.Locator("#member-name").FillAsync("Nom Audité");
        await page.Locator("#dialog-save").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        int memberId;
        await using (var db = await Host.CreateDbContextAsync())
        {
            memberId = await db.BodyMembers.Where(m => m.FullName == "Nom Audité").Select(m => m.Id).SingleAsync();
            var recorded = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityType == nameof(BodyMember)
                && e.EntityKey == memberId.ToString(CultureInfo.InvariantCulture) && e.Operation == AuditOperation.Update);
            Assert.Equal(adminId, recorded.UserId);
        }

        await page.GotoInteractiveAsync("/admin/audit");
        await Assertions.Expect(page.Locator("#audit-table tbody tr")).ToHaveCountAsync(25);
        await SelectAsync(page, "#audit-filter-type", nameof(BodyMember));
        await page.Locator("#audit-filter-record").FillAsync(memberId.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#audit-filter-record").PressAsync("Enter");
        await SelectAsync(page, "#audit-filter-operation", "Modification");

        var rows = page.Locator("#audit-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Locator(".audit-key")).ToHaveTextAsync(memberId.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(rows.Locator(".audit-changes")).ToContainTextAsync("FullName");

        await rows.Locator(".audit-view").ClickAsync();
        var fullName = page.Locator("#audit-entry-values tr[data-property='FullName']");
        await Assertions.Expect(fullName.Locator(".audit-before")).ToHaveTextAsync(oldName);
        await Assertions.Expect(fullName.Locator(".audit-after")).ToHaveTextAsync("Nom Audité");
        await page.Locator("#audit-entry-close").ClickAsync();

        await SelectAsync(page, "#audit-filter-operation", "Suppression");
        await Assertions.Expect(page.Locator("#audit-empty")).ToBeVisibleAsync();

        await page.Locator("#audit-verify").ClickAsync();
        await Assertions.Expect(page.Locator("#audit-verification")).ToHaveAttributeAsync("data-intact", "true");
        await Assertions.Expect(page.Locator("#audit-verification")).ToContainTextAsync("Chaîne intacte");
        // The export links carry the filters.
        Assert.Contains($"record={memberId}", await page.Locator("#audit-export-csv").GetAttributeAsync("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditPage_ForAnOfficer_IsRefusedAndNotInTheMenu()
    {
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("officer.rsk@demo.ma");
        Assert.Equal(0, await page.Locator("a[href='/admin/audit']").CountAsync());

        await page.GotoAsync("/admin/audit");

        await page.WaitForURLAsync(url => url.Contains("/account/access-denied", StringComparison.Ordinal));
        Assert.Equal(0, await page.Locator("#audit-table").CountAsync());
    }

    [Fact]
    public async Task AuditPage_ForTheAdmin_IsInTheMenu()
    {
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("admin@demo.ma");

        await page.Locator("a[href='/admin/audit']").ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/admin/audit", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#audit-table tbody tr").First).ToBeVisibleAsync();
    }
}

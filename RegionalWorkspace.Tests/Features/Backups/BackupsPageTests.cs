using Microsoft.Playwright;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Backups;

/// <summary>The administration page in a real browser: made, listed, downloaded and deleted by an administrator only.</summary>
public sealed class BackupsPageTests(BrowserFixture browser) : BrowserTest(browser), IDisposable
{
    private readonly string _backups = Directory.CreateTempSubdirectory("rw-backups-page-").FullName;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Backups:Path"] = _backups };

    public void Dispose() => Directory.Delete(_backups, recursive: true);

    [Fact]
    public async Task Administrator_CreatesDownloadsAndDeletesABackup()
    {
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync(BackupHostFixture.Admin);
        await page.Locator("a[href='/admin/backups']").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/admin/backups", StringComparison.Ordinal));
        await page.WaitInteractiveAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sauvegardes");
        await Assertions.Expect(page.Locator("#backups-empty")).ToHaveTextAsync("Aucune sauvegarde pour l'instant.");

        await page.Locator("#create-backup").ClickAsync();

        var row = page.Locator("#backups-table tbody tr").Filter(new() { Has = page.Locator(".backup-name") });
        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(row.Locator(".backup-name")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^workspace-backup-\d{8}-\d{6}\.zip$"));
        await Assertions.Expect(row.Locator(".backup-size")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d[\d\s  ,]* (Ko|Mo)$"));
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("créée");
        var file = Assert.Single(Directory.GetFiles(_backups));

        var download = await page.RunAndWaitForDownloadAsync(() => row.Locator(".backup-download").ClickAsync());
        Assert.Equal(Path.GetFileName(file), download.SuggestedFilename);
        var (manifest, _) = BackupFiles.Read(await download.PathAsync());
        Assert.True(manifest.HasDatabase);

        await row.Locator(".backup-delete").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Supprimer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#backups-empty")).ToBeVisibleAsync();
        Assert.Empty(Directory.GetFiles(_backups));
    }

    [Theory]
    [InlineData("officer.rsk@demo.ma")]
    [InlineData("leadership@demo.ma")]
    public async Task OtherRoles_SeeNeitherTheLinkNorThePage(string email)
    {
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync(email);
        await Assertions.Expect(page.Locator("a[href='/admin/backups']")).ToHaveCountAsync(0);

        await page.GotoInteractiveAsync("/admin/backups");

        await Assertions.Expect(page.Locator("#access-denied")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#create-backup")).ToHaveCountAsync(0);
        Assert.Empty(Directory.GetFiles(_backups));
    }
}

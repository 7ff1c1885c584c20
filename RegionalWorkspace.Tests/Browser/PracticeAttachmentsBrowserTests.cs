using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Playwright;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Resources;
using RegionalWorkspace.Tests.Features.Practices;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

public sealed class PracticeAttachmentsBrowserTests(BrowserFixture browser) : BrowserTest(browser), IDisposable
{
    // A real 1×1 PNG.
    private static readonly byte[] s_png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private readonly string _folder = Directory.CreateTempSubdirectory("rw-attachments-browser-").FullName;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Attachments:Path"] = _folder };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Upload_ImageShowsAsAThumbnail_ARefusalSaysWhy_AndTheFileDownloadsAndCanBeRemoved()
    {
        var id = await Host.Get<PracticesService>().CreateAsync(await Host.PrincipalAsync("officer.rsk@demo.ma"), 4, PracticeFixtures.Input("Atelier photo des jeunes"));
        var page = await Browser.NewPageAsync(Host);
        await page.SignInAsync("officer.rsk@demo.ma", returnUrl: $"/practices/{id}");

        // Through the button, as a user would: the picker opens once the upload control is wired up in the browser.
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Locator("#attachment-add").ClickAsync());
        await chooser.SetFilesAsync(new[]
        {
            new FilePayload { Name = "atelier.png", MimeType = "image/png", Buffer = s_png },
            new FilePayload { Name = "notes.pdf", MimeType = "application/pdf", Buffer = Encoding.UTF8.GetBytes("pas un PDF") },
        });

        var row = page.Locator("#practice-attachments .attachment-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("a.attachment-download")).ToHaveTextAsync("atelier.png");
        await Assertions.Expect(row.Locator("img.attachment-thumb")).ToHaveJSPropertyAsync("naturalWidth", 1);
        await Assertions.Expect(page.Locator("#attachment-error")).ToContainTextAsync(FrenchRefusal("notes.pdf", "Validation.FileType", PracticeAttachmentsService.AllowedTypes));

        var download = await page.RunAndWaitForDownloadAsync(() => row.Locator("a.attachment-download").ClickAsync());
        Assert.Equal("atelier.png", download.SuggestedFilename);
        Assert.Equal(s_png, await File.ReadAllBytesAsync(await download.PathAsync()));

        await row.Locator(".attachment-remove").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer", Exact = true }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.Empty(Directory.EnumerateFiles(_folder));
    }

    /// <summary>The refusal as the French page shows it.</summary>
    private string FrenchRefusal(string fileName, string key, params object[] arguments)
    {
        var l = Host.Get<IStringLocalizer<Strings>>();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("fr-FR");
        try
        {
            return l["Attachments.Refused", fileName, l[key, arguments]];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

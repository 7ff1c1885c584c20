using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Resources;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Practices;

/// <summary>The attachments panel, with the real service of a running app behind it.</summary>
public sealed class PracticeAttachmentsPanelTests : WorkspaceComponentTest, IClassFixture<AttachmentsHostFixture>
{
    private static readonly DateTime s_uploadedAt = new(2026, 3, 2, 10, 30, 0, DateTimeKind.Utc);
    private readonly AttachmentsHostFixture _fixture;

    public PracticeAttachmentsPanelTests(AttachmentsHostFixture fixture)
    {
        _fixture = fixture;
        Services.AddSingleton(fixture.Host.Get<PracticeAttachmentsService>());
        Services.AddSingleton(fixture.Host.Get<RegionalWorkspace.Features.Shared.WorkspaceTime>());
    }

    private IStringLocalizer<Strings> L => Services.GetRequiredService<IStringLocalizer<Strings>>();

    [Fact]
    public async Task Render_Reader_ListsFilesWithDownloadsAndThumbnailsOnlyForImages()
    {
        await SignInAsync("leadership@demo.ma");
        AttachmentRow[] attachments =
        [
            new(11, "photo atelier.png", "image/png", 2_048, new string('a', 64), "Khadija Alami", s_uploadedAt),
            new(12, "compte rendu.pdf", "application/pdf", 3 * 1024 * 1024, new string('b', 64), "Khadija Alami", s_uploadedAt),
        ];

        var panel = Render<AttachmentsPanel>(p => p.Add(c => c.PracticeId, 1).Add(c => c.Attachments, attachments).Add(c => c.CanEdit, false));

        Assert.Equal(2, panel.FindAll(".attachment-row").Count);
        var thumb = Assert.Single(panel.FindAll("img.attachment-thumb"));
        Assert.Equal(("/practices/attachments/11/view", "photo atelier.png", "lazy"), (thumb.GetAttribute("src"), thumb.GetAttribute("alt"), thumb.GetAttribute("loading")));
        Assert.Equal(["/practices/attachments/11", "/practices/attachments/12"], panel.FindAll("a.attachment-download").Select(a => a.GetAttribute("href")));
        Assert.Empty(panel.FindAll("#attachment-upload"));
        Assert.Empty(panel.FindAll(".attachment-remove"));
    }

    [Fact]
    public async Task Render_NoFiles_SaysSo()
    {
        await SignInAsync("leadership@demo.ma");

        var panel = Render<AttachmentsPanel>(p => p.Add(c => c.PracticeId, 1).Add(c => c.Attachments, []));

        Assert.Equal(L["Attachments.Empty"].Value, panel.Find("#attachments-empty").TextContent);
    }

    [Fact]
    public async Task Upload_TextFileNamedPdf_ShowsWhyItWasRefused()
    {
        var practiceId = await _fixture.Host.Get<PracticesService>().CreateAsync(
            await _fixture.Host.PrincipalAsync("officer.rsk@demo.ma"), 4, PracticeFixtures.Input("Panneau des pièces jointes"));
        await SignInAsync("officer.rsk@demo.ma");
        var changed = 0;
        var panel = Render<AttachmentsPanel>(p => p.Add(c => c.PracticeId, practiceId).Add(c => c.Attachments, []).Add(c => c.CanEdit, true)
            .Add(c => c.OnChanged, () => changed++));

        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("juste du texte", "rapport.pdf"));

        var error = panel.WaitForElement("#attachment-error");
        var expected = L["Attachments.Refused", "rapport.pdf", L["Validation.FileType", PracticeAttachmentsService.AllowedTypes]].Value;
        Assert.Contains(expected, error.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, changed);
        Assert.Empty(panel.FindAll("#attachment-progress"));
    }

    [Fact]
    public async Task Upload_Pdf_RaisesOnChanged()
    {
        var practiceId = await _fixture.Host.Get<PracticesService>().CreateAsync(
            await _fixture.Host.PrincipalAsync("officer.rsk@demo.ma"), 4, PracticeFixtures.Input("Panneau : envoi réussi"));
        await SignInAsync("officer.rsk@demo.ma");
        var changed = new TaskCompletionSource();
        var panel = Render<AttachmentsPanel>(p => p.Add(c => c.PracticeId, practiceId).Add(c => c.Attachments, []).Add(c => c.CanEdit, true)
            .Add(c => c.OnChanged, () => changed.TrySetResult()));

        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("%PDF-1.4\n%%EOF\n", "compte rendu.pdf"));

        await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(panel.FindAll("#attachment-error"));
        var detail = await _fixture.Host.Get<PracticesService>().GetAsync(await _fixture.Host.PrincipalAsync("officer.rsk@demo.ma"), practiceId);
        Assert.Equal("compte rendu.pdf", Assert.Single(detail.Attachments).FileName);
    }

    private async Task SignInAsync(string email)
    {
        var principal = await _fixture.Host.PrincipalAsync(email);
        var auth = AddAuthorization();
        auth.SetAuthorized(email);
        auth.SetClaims(principal.Claims.Where(c => c.Type == ClaimTypes.NameIdentifier).ToArray());
    }
}

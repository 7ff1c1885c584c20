using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Trainings.Documents;
using RegionalWorkspace.Resources;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Trainings;

/// <summary>The documents panel and the certificate button, with the real service of a running app behind them.</summary>
public sealed class SessionDocumentsPanelTests : WorkspaceComponentTest, IClassFixture<AppHostFixture>
{
    private static readonly DateTime s_startsAt = new(2026, 6, 3, 14, 30, 0);
    private readonly AppHostFixture _fixture;

    public SessionDocumentsPanelTests(AppHostFixture fixture)
    {
        _fixture = fixture;
        Services.AddSingleton(fixture.Host.Get<TrainingDocumentsService>());
        UseCulture("fr");
    }

    private AppHost Host => _fixture.Host;

    private IStringLocalizer<Strings> L => Services.GetRequiredService<IStringLocalizer<Strings>>();

    [Fact]
    public async Task Render_Reader_OffersTheSheetAndListsButNotCertificates()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, s_startsAt);
        await SignInAsync("leadership@demo.ma");

        var panel = Render<SessionDocumentsPanel>(p => p.Add(c => c.SessionId, sessionId));

        panel.WaitForElement("#documents-sheet");
        Assert.Equal(L["Documents.Panel.Sheet"].Value, panel.Find("#documents-sheet").TextContent.Trim());
        Assert.NotEmpty(panel.FindAll("#documents-xlsx"));
        Assert.NotEmpty(panel.FindAll("#documents-csv"));
        Assert.Empty(panel.FindAll("#documents-certificates"));
        Assert.Equal(2, panel.FindAll("#documents-language input[type=radio]").Count);
    }

    [Fact]
    public async Task Download_Xlsx_HandsTheFileToTheBrowserAndSaysSo()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, s_startsAt);
        await SignInAsync("trainer@demo.ma");
        var download = JSInterop.SetupVoid("rwDownload", _ => true);
        download.SetVoidResult();

        var panel = Render<SessionDocumentsPanel>(p => p.Add(c => c.SessionId, sessionId));
        panel.WaitForElement("#documents-certificates");
        await panel.Find("#documents-xlsx").ClickAsync(new());

        var done = panel.WaitForElement("#documents-done", TimeSpan.FromSeconds(30));
        var fileName = $"presences-session-{sessionId}-2026-06-03.xlsx";
        Assert.Equal(L["Documents.Panel.Done", fileName].Value, done.TextContent);
        var call = Assert.Single(download.Invocations);
        Assert.Equal((fileName, SpreadsheetTable.XlsxContentType), ((string)call.Arguments[0]!, (string)call.Arguments[1]!));
        Assert.Empty(panel.FindAll("#documents-error"));
        Assert.Empty(panel.FindAll("#documents-progress"));
    }

    [Fact]
    public async Task Download_CertificatesWhenNobodyAttended_ShowsWhy()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, s_startsAt);
        await SignInAsync("arm@demo.ma");
        var download = JSInterop.SetupVoid("rwDownload", _ => true);
        download.SetVoidResult();

        var panel = Render<SessionDocumentsPanel>(p => p.Add(c => c.SessionId, sessionId));
        panel.WaitForElement("#documents-certificates");
        await panel.Find("#documents-certificates").ClickAsync(new());

        var error = panel.WaitForElement("#documents-error", TimeSpan.FromSeconds(30));
        Assert.Contains(L["Validation.NobodyAttended"].Value, error.TextContent, StringComparison.Ordinal);
        Assert.Empty(download.Invocations);
        Assert.Empty(panel.FindAll("#documents-done"));
    }

    [Fact]
    public async Task Download_UnknownSession_ShowsWhy()
    {
        await SignInAsync("leadership@demo.ma");

        var panel = Render<SessionDocumentsPanel>(p => p.Add(c => c.SessionId, 999_999));
        panel.WaitForElement("#documents-csv");
        await panel.Find("#documents-csv").ClickAsync(new());

        var error = panel.WaitForElement("#documents-error", TimeSpan.FromSeconds(30));
        Assert.Equal(L["Error.SessionNotFound"].Value, error.TextContent.Trim());
    }

    [Fact]
    public async Task CertificateButton_AbsentPerson_SaysWhyInASnackbar()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, s_startsAt);
        var person = TrainingFixtures.Person("Karim Bouzid", $"{Guid.NewGuid():N}@example.ma", RegionalWorkspace.Features.Bodies.Gender.Male);
        var participantId = await TrainingFixtures.RegisterAsync(Host, sessionId, person);
        await Host.Get<AttendanceService>().MarkAsync(await Host.PrincipalAsync("trainer@demo.ma"), sessionId, participantId, AttendanceStatus.Absent);
        await SignInAsync("trainer@demo.ma");
        var download = JSInterop.SetupVoid("rwDownload", _ => true);
        download.SetVoidResult();
        var snackbar = Render<MudBlazor.MudSnackbarProvider>();

        var button = Render<CertificateButton>(p => p.Add(c => c.SessionId, sessionId).Add(c => c.ParticipantId, participantId).Add(c => c.ParticipantName, "Karim Bouzid"));
        Assert.Equal(L["Documents.Certificate.DownloadFor", "Karim Bouzid"].Value, button.Find("button.certificate-button").GetAttribute("aria-label"));
        await button.Find("button.certificate-button").ClickAsync(new());

        snackbar.WaitForAssertion(() => Assert.Contains(L["Validation.CertificateNotAttended", "Karim Bouzid"].Value, snackbar.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Empty(download.Invocations);
    }

    [Fact]
    public async Task CertificateButton_PresentPerson_DownloadsTheirCertificate()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, s_startsAt);
        var person = TrainingFixtures.Person("Laila Amrani", $"{Guid.NewGuid():N}@example.ma");
        var participantId = await TrainingFixtures.RegisterAsync(Host, sessionId, person);
        await Host.Get<AttendanceService>().MarkAsync(await Host.PrincipalAsync("trainer@demo.ma"), sessionId, participantId, AttendanceStatus.Present);
        await SignInAsync("trainer@demo.ma");
        var download = JSInterop.SetupVoid("rwDownload", _ => true);
        download.SetVoidResult();

        var button = Render<CertificateButton>(p => p.Add(c => c.SessionId, sessionId).Add(c => c.ParticipantId, participantId).Add(c => c.Culture, "ar"));
        await button.Find("button.certificate-button").ClickAsync(new());

        button.WaitForAssertion(() => Assert.Single(download.Invocations), TimeSpan.FromSeconds(30));
        Assert.Equal($"attestation-{participantId}-session-{sessionId}-2026-06-03.pdf", (string?)download.Invocations.Single().Arguments[0]);
    }

    private async Task SignInAsync(string email)
    {
        var principal = await Host.PrincipalAsync(email);
        var auth = AddAuthorization();
        auth.SetAuthorized(email);
        auth.SetClaims(principal.Claims.Where(c => c.Type == ClaimTypes.NameIdentifier).ToArray());
    }
}

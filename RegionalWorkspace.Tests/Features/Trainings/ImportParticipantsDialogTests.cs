using System.Security.Claims;
using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Features.Trainings.Evaluation;
using RegionalWorkspace.Resources;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Trainings;

/// <summary>The import dialog, with the real import service of a running app behind it.</summary>
public sealed class ImportParticipantsDialogTests : WorkspaceComponentTest, IClassFixture<AppHostFixture>
{
    private readonly AppHost _host;

    public ImportParticipantsDialogTests(AppHostFixture fixture)
    {
        _host = fixture.Host;
        Services.AddSingleton(_host.Get<ParticipantImportService>());
        UseCulture("fr");
    }

    private IStringLocalizer<Strings> L => Services.GetRequiredService<IStringLocalizer<Strings>>();

    [Fact]
    public async Task Choose_FileWithBadRows_ReportsEachRowAndKeepsImportDisabled()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(_host, DateTime.Today.AddDays(30).AddHours(9));
        var tag = Guid.NewGuid().ToString("N")[..8];
        var provider = await OpenAsync(sessionId);

        Upload(provider, "Nom;E-mail;Genre;Public", $"Bonne Ligne;bonne.{tag}@example.ma;F;élue", "Mauvaise Adresse;pas-une-adresse;M;élu", $"Genre Flou;flou.{tag}@example.ma;?;élu");

        provider.WaitForElement("#import-refused");
        var refusedRows = provider.FindAll("#import-report tbody tr");
        Assert.Equal(["3", "4"], refusedRows.Select(r => r.GetAttribute("data-line")));
        Assert.Equal(L["Import.Reason", L.Enum(ParticipantColumn.Email), L["Validation.Email"]].Value, refusedRows[0].QuerySelector("li")!.TextContent);
        Assert.Equal(L["Import.Reason", L.Enum(ParticipantColumn.Gender), L["Import.UnknownGender", "?", ParticipantCsv.GenderValues]].Value,
            refusedRows[1].QuerySelector("li")!.TextContent);
        Assert.Equal(L["Import.Refused", 2, 3].Value, provider.Find("#import-refused").TextContent.Trim());
        Assert.True(provider.Find("#import-submit").HasAttribute("disabled"));

        // Every row, the valid one too, once the filter is off.
        provider.Find("input#import-only-refused").Change(false);
        Assert.Equal(["2", "3", "4"], provider.FindAll("#import-report tbody tr").Select(r => r.GetAttribute("data-line")));
        Assert.Equal(L["Import.RowOk"].Value, provider.Find("#import-report tr.import-ok td:last-child").TextContent.Trim());
    }

    [Fact]
    public async Task Import_ValidFile_RegistersAndSaysHowMany()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(_host, DateTime.Today.AddDays(31).AddHours(9), capacity: 1);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var provider = await OpenAsync(sessionId);

        Upload(provider, "Name,Email,Gender,Audience", $"Ilham Chraibi,ilham.{tag}@example.ma,female,BodyMember", $"Said Naciri,said.{tag}@example.ma,male,CouncilStaff");
        provider.WaitForElement("#import-ready");
        Assert.Equal(L["Import.Ready", 2, 1, 1].Value, provider.Find("#import-ready").TextContent.Trim());
        provider.Find("#import-submit").Click();

        provider.WaitForElement("#import-result");
        Assert.Equal(L["Import.Done", 1, 1].Value, provider.Find("#import-result").TextContent.Trim());
        Assert.Empty(provider.FindAll("#import-submit"));
        var rows = await _host.Get<RegistrationsService>().ListAsync(await _host.PrincipalAsync("officer.rsk@demo.ma"), sessionId);
        Assert.Equal([RegistrationStatus.Registered, RegistrationStatus.Waitlisted], rows.Select(r => r.Status));
    }

    [Fact]
    public async Task Choose_MalformedFile_ShowsTheReasonAndNoReport()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(_host, DateTime.Today.AddDays(32).AddHours(9));
        var provider = await OpenAsync(sessionId);

        Upload(provider, "Nom;Genre;Public", "\"Amina Kadiri;F;élue");

        provider.WaitForElement("#import-error");
        Assert.Equal(L["Import.UnclosedQuote", 2].Value, provider.Find("#import-error").TextContent.Trim());
        Assert.Empty(provider.FindAll("#import-report"));
        Assert.True(provider.Find("#import-submit").HasAttribute("disabled"));
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(int sessionId)
    {
        var principal = await _host.PrincipalAsync("officer.rsk@demo.ma");
        var auth = AddAuthorization();
        auth.SetAuthorized("officer.rsk@demo.ma");
        auth.SetClaims(principal.Claims.Where(c => c.Type == ClaimTypes.NameIdentifier).ToArray());
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var parameters = new DialogParameters<ImportParticipantsDialog>
        {
            { d => d.SessionId, sessionId },
            { d => d.RegionId, TrainingFixtures.Rsk },
        };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<ImportParticipantsDialog>(L["Import.Title"], parameters, DialogDefaults.Form));
        provider.WaitForElement("#import-choose");
        return provider;
    }

    private static void Upload(IRenderedComponent<MudDialogProvider> provider, params string[] lines) =>
        provider.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(
            [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines))], "participants.csv", contentType: "text/csv"));
}

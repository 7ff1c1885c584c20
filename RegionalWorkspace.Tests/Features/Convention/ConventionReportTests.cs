using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Convention;
using RegionalWorkspace.Features.Convention.Report;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Pdf;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Convention;

/// <summary>The convention implementation report, generated for real and read back with PdfPig.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConventionReportTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private AppHost Host => fixture.Host;

    private ConventionReportService Reports => Host.Get<ConventionReportService>();

    private static string ThisYear => ConventionExpectations.ThisYear.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Export_Year_FiguresReadBackFromThePdf_EqualDirectQueries()
    {
        var file = await Reports.ExportPdfAsync(await Host.PrincipalAsync("leadership@demo.ma"), ThisYear, "fr");

        var expected = await ConventionExpectations.ExpectedAsync(Host, ConventionExpectations.ThisYear, DateTime.UtcNow);
        using var pdf = new PdfText(file.Content);
        var summary = pdf.Text(page: 1);
        Assert.Matches($@"^convention-{ThisYear}-\d{{4}}-\d{{2}}-\d{{2}}\.pdf$", file.FileName);
        Assert.Equal(("Rapport de mise en œuvre de la convention — Année " + ThisYear, "Abdelkader Tahiri"), (pdf.Title, pdf.Author));
        Assert.True(pdf.Contains("Page 1 / " + pdf.Pages, page: 1));
        Assert.Equal(expected.MeetingsHeld, Figure(summary, "Réunions d'instances tenues"));
        Assert.Equal(expected.PracticesPublished, Figure(summary, "Bonnes pratiques publiées"));
        Assert.Equal(expected.Adoptions, Figure(summary, "Adoptions de bonnes pratiques"));
        Assert.Equal(expected.TrainingSessions, Figure(summary, "Sessions de formation tenues"));
        Assert.Equal(expected.Attended, Figure(summary, "Présences (présents ou en retard)"));
        Assert.Equal(expected.StudyRequestsFiled, Figure(summary, "Demandes d'études déposées"));
        Assert.Equal(expected.ListeningSessions, Figure(summary, "Séances d'écoute tenues"));
        Assert.Equal(expected.Contributions, Figure(summary, "Contributions"));
        Assert.Equal(expected.StudyMeetings, Figure(summary, "Rencontres d'études tenues"));
        Assert.Equal(expected.Actions, Figure(summary, "Actions de suivi"));
        Assert.Equal(expected.Overdue, Figure(summary, "Actions en retard"));
        Assert.Equal(expected.Registered, Figure(pdf.Text(), "Inscriptions"));
        Assert.Equal(expected.Members, Figure(pdf.Text(), "Membres en mandat"));
        Assert.Equal(expected.Women, Figure(pdf.Text(), "dont femmes"));
        Assert.True(expected.TrainingSessions > 0 && expected.ListeningSessions > 0 && expected.Actions > 0, $"the demo year has activity to read back: {expected}");
    }

    [Fact]
    public async Task Export_Year_ListsEverySessionRequestAndAction()
    {
        var file = await Reports.ExportPdfAsync(await Host.PrincipalAsync("cese@demo.ma"), ThisYear, "fr");

        var figures = await Host.Get<ConventionFiguresService>().ComputeAsync(await Host.PrincipalAsync("cese@demo.ma"), ThisYear);
        using var pdf = new PdfText(file.Content);
        var text = pdf.Text();
        Assert.All(figures.Trainings.Sessions, s => Assert.Contains(PdfText.Normalize(s.ProgrammeTitle), text, StringComparison.Ordinal));
        Assert.All(figures.Studies.Requests, r => Assert.Contains(PdfText.Normalize(r.Title), text, StringComparison.Ordinal));
        Assert.All(figures.Listening.Sessions, s => Assert.Contains(PdfText.Normalize(s.Topic), text, StringComparison.Ordinal));
        Assert.All(figures.Meetings.ActionList, a => Assert.Contains(PdfText.Normalize(a.Description), text, StringComparison.Ordinal));
        // A practice written only in Arabic has no French title; Arabic text does not read back in logical order.
        Assert.All(figures.Bodies.PracticeList.Where(p => p.TitleFr != p.TitleAr), p => Assert.Contains(PdfText.Normalize(p.TitleFr), text, StringComparison.Ordinal));
        Assert.True(pdf.Contains("Les 12 régions côte à côte"));
        await using var db = await Host.CreateDbContextAsync();
        Assert.All(await db.Regions.Select(r => r.NameFr).ToListAsync(), name => Assert.Contains(PdfText.Normalize(name), text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_EmptyPeriod_IsAValidPdfSayingThereWasNoActivity()
    {
        var file = await Reports.ExportPdfAsync(await Host.PrincipalAsync("arm@demo.ma"), "1995-T2", "fr");

        using var pdf = new PdfText(file.Content);
        Assert.Equal(1, pdf.Pages);
        Assert.Equal("Rapport de mise en œuvre de la convention — 2e trimestre 1995", pdf.Title);
        Assert.True(pdf.Contains("Aucune activité dans cette période"));
        Assert.True(pdf.Contains("Période du 01/04/1995 au 30/06/1995"));
        Assert.Matches(@"^convention-1995-T2-\d{4}-\d{2}-\d{2}\.pdf$", file.FileName);
    }

    [Fact]
    public async Task Export_CustomPeriod_NamesItsDates()
    {
        var file = await Reports.ExportPdfAsync(await Host.PrincipalAsync("dgct@demo.ma"), "1996-01-15..1996-02-10", "fr");

        using var pdf = new PdfText(file.Content);
        Assert.Equal("Rapport de mise en œuvre de la convention — Du 15/01/1996 au 10/02/1996", pdf.Title);
        Assert.Matches(@"^convention-1996-01-15_1996-02-10-\d{4}-\d{2}-\d{2}\.pdf$", file.FileName);
    }

    [Fact]
    public async Task RenderHtml_Arabic_IsRightToLeftWithArabicTextAndEveryRegion()
    {
        var figures = await Host.Get<ConventionFiguresService>().ComputeAsync(await Host.PrincipalAsync("leadership@demo.ma"), ThisYear);

        var html = WebUtility.HtmlDecode(await Host.Get<PdfEngine>().RenderHtmlAsync<ConventionReportDocument>(
            ConventionReportService.Parameters(figures, "تقرير تنفيذ الاتفاقية — سنة " + ThisYear, "سنة " + ThisYear, "عبد القادر الطاهري", DateTimeOffset.UtcNow),
            "ar"));

        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>تقرير تنفيذ الاتفاقية</h1>", html, StringComparison.Ordinal);
        Assert.Contains("الالتزام 2 — التكوينات المتخصصة والورشات المشتركة", html, StringComparison.Ordinal);
        Assert.Contains("الجهات الاثنتا عشرة جنبًا إلى جنب", html, StringComparison.Ordinal);
        await using var db = await Host.CreateDbContextAsync();
        Assert.All(await db.Regions.Select(r => r.NameAr).ToListAsync(), name => Assert.Contains(name, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_Arabic_IsAValidPdfReadBackWithArabicTitleAndFigures()
    {
        var leadership = await Host.PrincipalAsync("leadership@demo.ma");
        var file = await Reports.ExportPdfAsync(leadership, ThisYear, "ar");

        var figures = await Host.Get<ConventionFiguresService>().ComputeAsync(leadership, ThisYear);
        using var pdf = new PdfText(file.Content);
        Assert.Equal("تقرير تنفيذ الاتفاقية — سنة " + ThisYear, pdf.Title);
        Assert.True(pdf.Pages >= 8, $"{pdf.Pages} pages");
        // Arabic comes back in visual order, as presentation forms that NFKC folds into letters: count them, and read the
        // Latin parts (region codes under the charts) and figures as they are.
        Assert.True(pdf.Text().Count(c => c is >= '\u0600' and <= '\u06FF') > 2000, "the text is Arabic");
        Assert.True(pdf.Contains("RSK") && pdf.Contains("DOD"));
        Assert.True(pdf.Contains(figures.Trainings.Registered.ToString(CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("officer.rsk@demo.ma")]
    [InlineData("trainer@demo.ma")]
    public async Task Export_ByAnOfficerOrATrainer_IsRefused_EvenWithABadPeriod(string email)
    {
        var principal = await Host.PrincipalAsync(email);

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(async () => await Reports.ExportPdfAsync(principal, ThisYear, "fr"));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Reports.ExportPdfAsync(principal, "not a period", "fr"));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Reports.ExportPdfAsync(principal, ConventionPeriod.ForYear(2026), "ar"));
        Assert.Equal("Error.Forbidden", ex.Message);
    }

    [Fact]
    public async Task Export_UnknownLanguage_IsAValidationError()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Reports.ExportPdfAsync(await Host.PrincipalAsync("admin@demo.ma"), "2026", "de"));

        Assert.Equal("Validation.Culture", Assert.Single(ex.Errors).MessageKey);
    }

    [Fact]
    public async Task Endpoint_Leadership_DownloadsThePdf()
    {
        using var http = await ClientAsync("leadership@demo.ma");

        using var response = await http.GetAsync("/convention/report.pdf?period=1995&lang=fr");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("convention-1995-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        using var pdf = new PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.True(pdf.Contains("Aucune activité dans cette période"));
    }

    [Theory]
    [InlineData("/convention/report.pdf?period=2026-06-30..2026-01-01&lang=fr", "La fin de la période doit suivre son début.")]
    [InlineData("/convention/report.pdf?period=2026-T5", "Le trimestre doit être T1, T2, T3 ou T4.")]
    [InlineData("/convention/report.pdf?period=2026-02-30..2026-03-01", "Cette date n'existe pas : 2026-02-30")]
    [InlineData("/convention/report.pdf?lang=fr", "Ce champ est obligatoire.")]
    [InlineData("/convention/report.pdf?period=2026&lang=de", "Langue non proposée.")]
    public async Task Endpoint_BadInput_Answers400WithTheMessage(string url, string message)
    {
        using var http = await ClientAsync("cese@demo.ma");

        using var response = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("officer.sm@demo.ma")]
    [InlineData("trainer@demo.ma")]
    public async Task Endpoint_OfficerOrTrainer_Answers403(string email)
    {
        using var http = await ClientAsync(email);

        using var response = await http.GetAsync("/convention/report.pdf?period=2026&lang=fr");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The number printed right after <paramref name="label"/> (whitespace removed, as <see cref="PdfText"/> reads it).</summary>
    private static int Figure(string text, string label)
    {
        var match = Regex.Match(text, Regex.Escape(PdfText.Normalize(label)) + @"(\d+)");
        Assert.True(match.Success, $"no figure after \"{label}\"");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private async Task<HttpClient> ClientAsync(string email)
    {
        var cookies = await HubClient.SignInAsync(Host.BaseUrl, email);
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Host.BaseUrl };
    }
}

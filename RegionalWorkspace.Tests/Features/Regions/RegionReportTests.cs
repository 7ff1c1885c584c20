using System.Net;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Pdf;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Regions;

/// <summary>The region summary, generated for real and read back with PdfPig.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RegionReportTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private static readonly DateOnly s_from = new(2025, 1, 1);
    private static readonly DateOnly s_to = new(2026, 10, 31);

    private AppHost Host => fixture.Host;

    private RegionReportService Reports => Host.Get<RegionReportService>();

    [Fact]
    public async Task Export_French_HoldsTheRegionItsMembersAndItsMeetings()
    {
        var officer = await Host.PrincipalAsync("officer.rsk@demo.ma");

        var file = await Reports.ExportPdfAsync(officer, "RSK", s_from, s_to, "fr");

        await using var db = await Host.CreateDbContextAsync();
        var members = await db.BodyMembers.Where(m => m.Body!.Region!.Code == "RSK").Select(m => m.FullName).ToListAsync();
        var report = await Reports.BuildAsync(officer, "RSK", s_from, s_to);
        using var pdf = new PdfText(file.Content);
        Assert.Matches(@"^region-RSK-\d{4}-\d{2}-\d{2}\.pdf$", file.FileName);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal(("Synthèse régionale — Rabat-Salé-Kénitra", "Khadija Alami"), (pdf.Title, pdf.Author));
        Assert.True(pdf.Pages >= 3, $"{pdf.Pages} pages");
        Assert.True(pdf.Contains("Rabat-Salé-Kénitra", page: 1));
        Assert.True(pdf.Contains("Page 1 / " + pdf.Pages, page: 1));
        Assert.All(members, name => Assert.True(pdf.Contains(name), $"{name} is missing from the PDF"));
        Assert.True(pdf.Contains($"Membres ({report.Women} femmes, {report.Men} hommes)", page: 1));
        Assert.True(report.MeetingsHeld > 0);
        Assert.True(pdf.Contains(report.MeetingsHeld + "Réunions tenues dans la période", page: 1));
    }

    [Fact]
    public async Task RenderHtml_Arabic_IsRightToLeftWithBothScripts()
    {
        var report = await Reports.BuildAsync(await Host.PrincipalAsync("leadership@demo.ma"), "SM", s_from, s_to);

        var html = WebUtility.HtmlDecode(await Host.Get<PdfEngine>().RenderHtmlAsync<RegionReportDocument>(
            new Dictionary<string, object?>
            {
                [nameof(RegionReportDocument.Report)] = report,
                [nameof(RegionReportDocument.Title)] = "ملخص جهوي — سوس-ماسة",
                [nameof(RegionReportDocument.Author)] = "Abdelkader Tahiri",
                [nameof(RegionReportDocument.GeneratedAt)] = DateTimeOffset.UtcNow,
            },
            "ar"));

        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>سوس-ماسة</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Souss-Massa", html, StringComparison.Ordinal);
        Assert.Contains("الاجتماعات المنعقدة شهريًا", html, StringComparison.Ordinal);
        Assert.Contains("counter(pages)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Arabic_IsAValidPdfWithTheArabicTitle()
    {
        var file = await Reports.ExportPdfAsync(await Host.PrincipalAsync("cese@demo.ma"), "SM", s_from, s_to, "ar");

        using var pdf = new PdfText(file.Content);
        Assert.Equal("ملخص جهوي — سوس-ماسة", pdf.Title);
        Assert.True(pdf.Contains("Souss-Massa"), "the French name appears beside the Arabic one");
    }

    [Fact]
    public async Task Export_EmptyPeriod_IsAValidDocumentSayingSo()
    {
        var file = await Reports.ExportPdfAsync(await Host.PrincipalAsync("arm@demo.ma"), "DOD", new DateOnly(1995, 1, 1), new DateOnly(1995, 12, 31), "fr");

        using var pdf = new PdfText(file.Content);
        Assert.True(pdf.Contains("Aucune réunion n'a été tenue pendant cette période.", page: 1));
        Assert.True(pdf.Contains("Dakhla-Oued Ed-Dahab", page: 1));
    }

    [Theory]
    [InlineData("2026-05-01", "2026-01-01", "To", "Validation.PeriodOrder")]
    [InlineData("2000-01-01", "2026-01-01", "To", "Validation.PeriodTooLong")]
    [InlineData(null, "2026-01-01", "From", "Validation.Required")]
    [InlineData("1900-01-01", "1900-02-01", "From", "Validation.DateRange")]
    public async Task Export_BadPeriod_IsRefusedWithTheReason(string? from, string? to, string field, string key)
    {
        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(async () => await Reports.ExportPdfAsync(
            await Host.PrincipalAsync("arm@demo.ma"), "RSK", from is null ? null : DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), "fr"));

        Assert.Contains(refusal.Errors, e => e.Field == field && e.MessageKey == key);
    }

    [Fact]
    public async Task Export_UnknownRegionOrLanguage_IsRefused()
    {
        var reader = await Host.PrincipalAsync("arm@demo.ma");

        await Assert.ThrowsAsync<NotFoundException>(() => Reports.ExportPdfAsync(reader, "XX", s_from, s_to, "fr"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => Reports.ExportPdfAsync(reader, "RSK", s_from, s_to, "de"));
    }

    [Fact]
    public async Task Endpoint_DownloadsTheFileAndAnswersBadInputWithAClearStatus()
    {
        var cookies = await HubClient.SignInAsync(Host.BaseUrl, "leadership@demo.ma");
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Host.BaseUrl };

        using var ok = await http.GetAsync("/regions/CS/summary.pdf?from=2026-01-01&to=2026-06-30&lang=fr");
        using var unknown = await http.GetAsync("/regions/XX/summary.pdf?from=2026-01-01&to=2026-06-30");
        using var reversed = await http.GetAsync("/regions/CS/summary.pdf?from=2026-06-30&to=2026-01-01");
        using var anonymous = await Host.CreateClient().GetAsync("/regions/CS/summary.pdf?from=2026-01-01&to=2026-06-30");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("application/pdf", ok.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^region-CS-\d{4}-\d{2}-\d{2}\.pdf$", ok.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using (var pdf = new PdfText(await ok.Content.ReadAsByteArrayAsync()))
        {
            Assert.True(pdf.Contains("Casablanca-Settat", page: 1));
        }

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Contains("La fin de la période doit suivre son début.", await reversed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }
}

/// <summary>Without a browser the app still runs, and exports say what is missing.</summary>
public sealed class RegionReportWithoutBrowserTests : IAsyncLifetime
{
    private AppHost _host = default!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Pdf:BrowserPath"] = "/nonexistent/chromium" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Export_NoBrowser_IsRefusedNamingWhatIsMissing()
    {
        var reports = _host.Get<RegionReportService>();

        var refusal = await Assert.ThrowsAsync<PdfUnavailableException>(async () =>
            await reports.ExportPdfAsync(await _host.PrincipalAsync("leadership@demo.ma"), "RSK", new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), "fr"));

        Assert.Equal(("Pdf.NoBrowser", "/nonexistent/chromium"), (refusal.Message, refusal.Arguments[0]));
        var cookies = await HubClient.SignInAsync(_host.BaseUrl, "leadership@demo.ma");
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = _host.BaseUrl };
        using var response = await http.GetAsync("/regions/RSK/summary.pdf?from=2026-01-01&to=2026-06-30");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("/nonexistent/chromium", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

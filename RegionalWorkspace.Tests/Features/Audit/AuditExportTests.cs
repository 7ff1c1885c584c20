using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RegionalWorkspace.Features.Audit;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Trainings.Evaluation;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Audit;

/// <summary>The export endpoints over HTTP with a real sign-in, read back as a spreadsheet would.</summary>
public sealed class AuditExportTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private const string FormulaUserId = "formula-user";

    private AppHost Host => fixture.Host;

    private async Task<HttpClient> ClientAsync(string email)
    {
        var cookies = await HubClient.SignInAsync(Host.BaseUrl, email);
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Host.BaseUrl };
    }

    /// <summary>Two changes by an account whose display name would be a formula in a spreadsheet.</summary>
    private async Task<string> RecordChangesAsync()
    {
        var code = "X" + Guid.NewGuid().ToString("N")[..8];
        using (AuditActor.Use(new AuditIdentity(FormulaUserId, "=2+3")))
        {
            await using var db = await Host.CreateDbContextAsync();
            var organisation = new Organisation { Code = code, NameFr = "Organisme, « exporté »", NameAr = "هيئة مصدَّرة" };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            organisation.NameFr = "Organisme renommé";
            await db.SaveChangesAsync();
        }

        return code;
    }

    [Fact]
    public async Task CsvExport_OfTheFilteredEntries_ReadsBackWithBomHeadersAndFormulaSafeCells()
    {
        var code = await RecordChangesAsync();
        using var http = await ClientAsync("admin@demo.ma");

        using var response = await http.GetAsync(AuditEndpoints.Url(new AuditFilter(UserId: FormulaUserId, EntityType: nameof(Organisation)), xlsx: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var (_, records) = CsvFile.Read(bytes, 1_000);
        Assert.Equal(["N°", "Date et heure", "Utilisateur", "Identifiant de l'utilisateur", "Type d'enregistrement", "Identifiant de l'enregistrement", "Opération", "Avant", "Après", "Empreinte"],
            records[0].Fields);
        var rows = records.Skip(1).Where(r => r.Fields[7].Contains(code, StringComparison.Ordinal) || r.Fields[8].Contains(code, StringComparison.Ordinal) || r.Fields[8].Contains("renommé", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        // Newest first: the update, then the insert.
        Assert.Equal(["Modification", "Création"], rows.Select(r => r.Fields[6]));
        Assert.All(rows, r => Assert.Equal("'=2+3", r.Fields[2]));
        Assert.All(rows, r => Assert.Equal(FormulaUserId, r.Fields[3]));
        Assert.Contains("\"NameFr\":\"Organisme, « exporté »\"", rows[1].Fields[8], StringComparison.Ordinal);
        Assert.Contains("\"NameFr\":\"Organisme renommé\"", rows[0].Fields[8], StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", rows[0].Fields[9]);
        Assert.True(long.Parse(rows[0].Fields[0], System.Globalization.CultureInfo.InvariantCulture) > long.Parse(rows[1].Fields[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task XlsxExport_OfTheFilteredEntries_IsAWorkbookWithOneRowPerEntry()
    {
        await RecordChangesAsync();
        using var http = await ClientAsync("admin@demo.ma");

        using var response = await http.GetAsync(AuditEndpoints.Url(new AuditFilter(UserId: FormulaUserId, Operation: AuditOperation.Update), xlsx: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(stream, false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        Assert.True(rows.Count >= 2);
        var texts = rows[1].Descendants<Cell>().Select(c => c.InnerText).ToList();
        Assert.Contains("Modification", texts);
        Assert.Contains("=2+3", texts);
        // Text cells, never formulas.
        Assert.Empty(sheet.Descendants<CellFormula>());
    }

    [Theory]
    [InlineData("?op=Bogus", "Opération inconnue")]
    [InlineData("?op=7", "Opération inconnue")]
    [InlineData("?from=2026-13-45", "Date illisible")]
    [InlineData("?from=2026-06-10&to=2026-06-01", "La date de fin doit suivre la date de début.")]
    [InlineData("?type=NoSuchType", "Type d'enregistrement inconnu.")]
    public async Task Export_WithABadFilter_Is400WithTheReason(string query, string reason)
    {
        using var http = await ClientAsync("admin@demo.ma");

        using var response = await http.GetAsync(AuditEndpoints.CsvPath + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("officer.rsk@demo.ma")]
    [InlineData("leadership@demo.ma")]
    public async Task Export_ForANonAdministrator_Is403(string email)
    {
        using var http = await ClientAsync(email);

        using var csv = await http.GetAsync(AuditEndpoints.CsvPath);
        using var xlsx = await http.GetAsync(AuditEndpoints.XlsxPath);

        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, xlsx.StatusCode);
    }

    [Fact]
    public async Task Export_Anonymous_IsNotServed()
    {
        using var http = Host.CreateClient();

        using var response = await http.GetAsync(AuditEndpoints.CsvPath);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task List_ForANonAdministrator_IsRefused()
    {
        var officer = await Host.PrincipalAsync("officer.rsk@demo.ma");

        await Assert.ThrowsAsync<RegionalWorkspace.Features.Shared.AccessDeniedException>(
            () => Host.Get<AuditService>().ListAsync(officer, new AuditFilter(), 0, 25));
        await Assert.ThrowsAsync<RegionalWorkspace.Features.Shared.AccessDeniedException>(
            () => Host.Get<AuditService>().VerifyAsync(officer));
    }
}

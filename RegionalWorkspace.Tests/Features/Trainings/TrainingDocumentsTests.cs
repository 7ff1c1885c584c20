using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Features.Trainings.Documents;
using RegionalWorkspace.Pdf;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Trainings;

/// <summary>A session's attendance sheet, certificates and attendance lists, produced for real and read back.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainingDocumentsTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private const string ProgrammeTitle = "Démocratie participative : les instances de l'article 117";
    private const string ProgrammeTitleAr = "الديمقراطية التشاركية";
    private static readonly DateTime s_startsAt = new(2026, 5, 12, 9, 0, 0);

    private AppHost Host => fixture.Host;

    private TrainingDocumentsService Documents => Host.Get<TrainingDocumentsService>();

    [Fact]
    public async Task Certificate_OnePresentPerson_French_HoldsTheirNameAndTheProgrammeTitle()
    {
        var session = await MarkedSessionAsync();

        var file = await Documents.CertificatesAsync(await Host.PrincipalAsync("trainer@demo.ma"), session.Id, "fr", session.Present);

        using var pdf = new PdfText(file.Content);
        Assert.Equal($"attestation-{session.Present}-session-{session.Id}-2026-05-12.pdf", file.FileName);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal(1, pdf.Pages);
        Assert.Equal(($"Attestation de participation — {session.Names.Present} — {ProgrammeTitle}", "Yassine Filali"), (pdf.Title, pdf.Author));
        Assert.True(pdf.Contains("Attestation de participation"));
        Assert.True(pdf.Contains("Madame " + session.Names.Present), "the honorific and the name");
        Assert.True(pdf.Contains("Membre de l'instance, Conseil régional"), "the function and organisation");
        Assert.True(pdf.Contains(ProgrammeTitle), "the programme's title");
        Assert.True(pdf.Contains("mardi 12 mai 2026, de 09:00 à 12:00"), "the date and hours in Morocco time");
        Assert.True(pdf.Contains("3 heures"));
        Assert.True(pdf.Contains("Hôtel de la Région, Rabat"));
        Assert.True(pdf.Contains("Pour l'Association des Régions du Maroc"));
        Assert.True(pdf.Contains("Pour la Direction Générale des Collectivités Territoriales"));
        Assert.False(pdf.Contains("Pour le Conseil économique"), "CESE does not organise this programme");
        Assert.False(pdf.Contains(session.Names.Late));
    }

    [Fact]
    public async Task Certificate_Arabic_IsRightToLeftWithTheArabicTitleAndAgreement()
    {
        var session = await MarkedSessionAsync();
        var trainer = await Host.PrincipalAsync("trainer@demo.ma");

        var html = WebUtility.HtmlDecode(await Documents.RenderHtmlAsync(trainer, session.Id, SessionDocument.Certificates, "ar", session.Late));
        var file = await Documents.CertificatesAsync(trainer, session.Id, "ar", session.Late);

        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html, StringComparison.Ordinal);
        Assert.Contains("شهادة المشاركة", html, StringComparison.Ordinal);
        Assert.Contains("السيد " + session.Names.Late, html, StringComparison.Ordinal);
        Assert.Contains("قد شارك في الدورة التكوينية", html, StringComparison.Ordinal);
        Assert.Contains($"«{ProgrammeTitleAr}»", html, StringComparison.Ordinal);
        Assert.Contains(ProgrammeTitle, html, StringComparison.Ordinal);
        Assert.Contains("الرباط-سلا-القنيطرة", html, StringComparison.Ordinal);
        Assert.Contains("Rabat-Salé-Kénitra", html, StringComparison.Ordinal);
        Assert.Contains("3 ساعات", html, StringComparison.Ordinal);
        Assert.Contains("عن جمعية جهات المغرب", html, StringComparison.Ordinal);
        using var pdf = new PdfText(file.Content);
        Assert.Equal(1, pdf.Pages);
        Assert.Equal($"شهادة المشاركة — {session.Names.Late} — {ProgrammeTitleAr}", pdf.Title);
        Assert.True(pdf.Contains(session.Names.Late), "the Latin-script name reads back from the Arabic PDF");
    }

    [Fact]
    public async Task Certificates_All_OnePagePerPersonPresentOrLateAndNobodyElse()
    {
        var session = await MarkedSessionAsync();

        var file = await Documents.CertificatesAsync(await Host.PrincipalAsync("arm@demo.ma"), session.Id, "fr");

        using var pdf = new PdfText(file.Content);
        Assert.Equal($"attestations-session-{session.Id}-2026-05-12.pdf", file.FileName);
        Assert.Equal(2, pdf.Pages);
        Assert.Equal(($"Attestations de participation — {ProgrammeTitle}", "Driss Mernissi"), (pdf.Title, pdf.Author));
        // Sorted by name: Amina (present) before Youssef (late).
        Assert.True(pdf.Contains(session.Names.Present, page: 1) && pdf.Contains(ProgrammeTitle, page: 1));
        Assert.True(pdf.Contains("Monsieur " + session.Names.Late, page: 2) && pdf.Contains(ProgrammeTitle, page: 2));
        Assert.All([session.Names.Absent, session.Names.Excused, session.Names.Unmarked], name => Assert.False(pdf.Contains(name), name));
    }

    [Fact]
    public async Task Certificates_MoreThanOnePart_AreJoinedIntoOneDocumentWithOnePagePerPerson()
    {
        var count = TrainingDocumentsService.CertificatesPerPart + 3;
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, s_startsAt, capacity: count);
        var attendance = Host.Get<AttendanceService>();
        var trainer = await Host.PrincipalAsync("trainer@demo.ma");
        var names = Enumerable.Range(1, count).Select(i => $"Personne {i:D2} Lot-{sessionId}").ToList();
        foreach (var name in names)
        {
            var id = await TrainingFixtures.RegisterAsync(Host, sessionId, Person(name));
            await attendance.MarkAsync(trainer, sessionId, id, names.IndexOf(name) % 2 == 0 ? AttendanceStatus.Present : AttendanceStatus.Late);
        }

        var file = await Documents.CertificatesAsync(trainer, sessionId, "ar");

        using var pdf = new PdfText(file.Content);
        Assert.Equal(count, pdf.Pages);
        Assert.Equal(($"شهادات المشاركة — {ProgrammeTitleAr}", "Yassine Filali"), (pdf.Title, pdf.Author));
        for (var i = 0; i < count; i++)
        {
            Assert.True(pdf.Contains(names[i], page: i + 1), $"page {i + 1} certifies {names[i]}");
        }
    }

    [Fact]
    public async Task Certificate_PersonNotPresent_IsRefusedNamingThem()
    {
        var session = await MarkedSessionAsync();
        var trainer = await Host.PrincipalAsync("trainer@demo.ma");
        var stranger = await TrainingFixtures.RegisterAsync(Host, await TrainingFixtures.CreateSessionAsync(Host, s_startsAt), Person("Rachid Stranger"));

        foreach (var (id, name) in new[] { (session.Absent, session.Names.Absent), (session.Excused, session.Names.Excused), (session.Unmarked, session.Names.Unmarked) })
        {
            var refusal = await Assert.ThrowsAsync<ValidationFailedException>(() => Documents.CertificatesAsync(trainer, session.Id, "fr", id));
            var error = Assert.Single(refusal.Errors);
            Assert.Equal(("participant", "Validation.CertificateNotAttended", name), (error.Field, error.MessageKey, error.Arguments[0]));
        }

        var notRegistered = await Assert.ThrowsAsync<NotFoundException>(() => Documents.CertificatesAsync(trainer, session.Id, "fr", stranger));
        Assert.Equal("Error.NotRegisteredForSession", notRegistered.Message);
    }

    [Fact]
    public async Task Certificates_NobodyAttended_IsRefusedNotAnEmptyPdf()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, s_startsAt);
        var absent = await TrainingFixtures.RegisterAsync(Host, sessionId, Person("Hamza Absent"));
        await Host.Get<AttendanceService>().MarkAsync(await Host.PrincipalAsync("trainer@demo.ma"), sessionId, absent, AttendanceStatus.Absent);

        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(async () =>
            await Documents.CertificatesAsync(await Host.PrincipalAsync("cese@demo.ma"), sessionId, "ar"));

        Assert.Equal("Validation.NobodyAttended", Assert.Single(refusal.Errors).MessageKey);
    }

    [Fact]
    public async Task Certificates_OnlyThoseWhoTakeAttendanceIssueThem()
    {
        var session = await MarkedSessionAsync();

        // Readers may export the sheet and the lists, not issue certificates.
        foreach (var email in new[] { "officer.rsk@demo.ma", "leadership@demo.ma" })
        {
            var reader = await Host.PrincipalAsync(email);
            await Assert.ThrowsAsync<AccessDeniedException>(() => Documents.CertificatesAsync(reader, session.Id, "fr", session.Present));
            Assert.False(await Documents.CanIssueCertificatesAsync(reader, session.Id), email);
        }

        // A trainer issues certificates for the sessions they give, not for others'.
        var trainings = Host.Get<TrainingsService>();
        var arm = await Host.PrincipalAsync("arm@demo.ma");
        var otherInput = await TrainingFixtures.SessionAsync(Host, s_startsAt);
        otherInput.TrainerIds = [];
        var otherSession = await trainings.CreateSessionAsync(arm, await trainings.CreateProgrammeAsync(arm, TrainingFixtures.Programme("Atelier sans formateur")), otherInput);
        var trainer = await Host.PrincipalAsync("trainer@demo.ma");
        var notYours = await Assert.ThrowsAsync<AccessDeniedException>(() => Documents.CertificatesAsync(trainer, otherSession, "fr"));
        Assert.Equal("Error.NotYourSession", notYours.Message);
        Assert.False(await Documents.CanIssueCertificatesAsync(trainer, otherSession));

        Assert.True(await Documents.CanIssueCertificatesAsync(trainer, session.Id));
        Assert.True(await Documents.CanIssueCertificatesAsync(await Host.PrincipalAsync("dgct@demo.ma"), session.Id));
        Assert.False(await Documents.CanIssueCertificatesAsync(new System.Security.Claims.ClaimsPrincipal(), session.Id));
    }

    [Fact]
    public async Task AttendanceSheet_ListsEveryRegisteredPersonWithASignatureColumn()
    {
        var session = await MarkedSessionAsync();

        var file = await Documents.AttendanceSheetAsync(await Host.PrincipalAsync("officer.rsk@demo.ma"), session.Id, "fr");

        using var pdf = new PdfText(file.Content);
        Assert.Equal($"emargement-session-{session.Id}-2026-05-12.pdf", file.FileName);
        Assert.Equal(($"Feuille d'émargement — {ProgrammeTitle}", "Khadija Alami"), (pdf.Title, pdf.Author));
        Assert.True(pdf.Contains("Feuille d'émargement", page: 1));
        Assert.True(pdf.Contains(ProgrammeTitle, page: 1));
        Assert.True(pdf.Contains("Yassine Filali", page: 1), "the trainer");
        Assert.True(pdf.Contains("mardi 12 mai 2026, de 09:00 à 12:00", page: 1));
        Assert.True(pdf.Contains("Rabat-Salé-Kénitra", page: 1));
        Assert.True(pdf.Contains("Participants inscrits (5)", page: 1));
        Assert.True(pdf.Contains("Signature", page: 1));
        Assert.True(pdf.Contains("Page 1 / " + pdf.Pages, page: 1));
        Assert.All(session.Names.All, name => Assert.True(pdf.Contains(name), $"{name} is missing"));
        Assert.True(pdf.Contains("Présent(e)") && pdf.Contains("En retard") && pdf.Contains("Excusé(e)") && pdf.Contains("Absent(e)"), "marks already taken");
        // Sorted by name, numbered.
        var text = pdf.Text();
        var positions = session.Names.All.Order(StringComparer.Ordinal).Select(n => text.IndexOf(PdfText.Normalize(n), StringComparison.Ordinal)).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("1" + PdfText.Normalize(session.Names.Present), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttendanceSheet_Arabic_IsRightToLeftWithRegionsInBothScripts()
    {
        var session = await MarkedSessionAsync();

        var html = WebUtility.HtmlDecode(await Documents.RenderHtmlAsync(await Host.PrincipalAsync("leadership@demo.ma"), session.Id, SessionDocument.AttendanceSheet, "ar"));

        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html, StringComparison.Ordinal);
        Assert.Contains("ورقة الحضور", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{ProgrammeTitleAr}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("الرباط-سلا-القنيطرة", html, StringComparison.Ordinal);
        Assert.Contains("Rabat-Salé-Kénitra", html, StringComparison.Ordinal);
        Assert.Contains("التوقيع", html, StringComparison.Ordinal);
        Assert.Contains("حاضر(ة)", html, StringComparison.Ordinal);
        Assert.Contains("counter(pages)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttendanceSheet_NobodyRegistered_IsAValidDocumentSayingSo()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, s_startsAt);

        var file = await Documents.AttendanceSheetAsync(await Host.PrincipalAsync("leadership@demo.ma"), sessionId, "fr");

        using var pdf = new PdfText(file.Content);
        Assert.Equal(1, pdf.Pages);
        Assert.True(pdf.Contains("Aucun participant n'est inscrit à cette session."));
        Assert.True(pdf.Contains("Participants inscrits (0)"));
        Assert.False(pdf.Contains("Signature"), "no empty table");
    }

    [Fact]
    public async Task AttendanceSheet_300People_RepeatsTheHeaderOnEveryPageAndKeepsRowsWhole()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, s_startsAt, capacity: 300);
        var names = Enumerable.Range(1, 300).Select(i => $"Participant {i:D3} Grande-Liste").ToList();
        var registrations = Host.Get<RegistrationsService>();
        var officer = await Host.PrincipalAsync("officer.rsk@demo.ma");
        foreach (var name in names)
        {
            await registrations.RegisterNewAsync(officer, sessionId, Person(name));
        }

        var file = await Documents.AttendanceSheetAsync(officer, sessionId, "fr");

        using var pdf = new PdfText(file.Content);
        Assert.True(pdf.Pages >= 10, $"{pdf.Pages} pages");
        for (var page = 1; page <= pdf.Pages; page++)
        {
            Assert.True(pdf.Contains("Signature", page), $"page {page} repeats the header row");
            Assert.True(pdf.Contains($"Page {page} / {pdf.Pages}", page));
        }

        // Every row sits whole on one page: its number, then the name.
        for (var i = 0; i < names.Count; i++)
        {
            var row = PdfText.Normalize($"{i + 1}{names[i]}");
            Assert.Single(Enumerable.Range(1, pdf.Pages), page => pdf.Text(page).Contains(row, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Xlsx_OpensBackWithEveryRowAndItsStatus()
    {
        var session = await MarkedSessionAsync();

        var file = await Documents.ExportAsync(await Host.PrincipalAsync("leadership@demo.ma"), session.Id, SessionDocument.AttendanceXlsx, "fr");

        Assert.Equal($"presences-session-{session.Id}-2026-05-12.xlsx", file.FileName);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.ContentType);
        using var stream = new MemoryStream(file.Content);
        using var workbook = SpreadsheetDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator().Validate(workbook));
        var rows = Rows(workbook);
        Assert.Equal(
            ["Nom et prénom", "Fonction", "Organisation", "E-mail", "Téléphone", "Genre", "Région", "Public", "Inscription", "Présence", "Remarque", "Pointé par", "Pointé le (heure du Maroc)"],
            rows[0].Select(h => h ?? ""));
        Assert.Equal(6, rows.Count);
        var byName = rows.Skip(1).ToDictionary(r => r[0]!);
        Assert.Equal("Présent(e)", byName[session.Names.Present][9]);
        Assert.Equal("En retard", byName[session.Names.Late][9]);
        Assert.Equal("Absent(e)", byName[session.Names.Absent][9]);
        Assert.Equal("Excusé(e)", byName[session.Names.Excused][9]);
        Assert.Equal("Non pointé(e)", byName[session.Names.Unmarked][9]);
        Assert.Equal("Arrivée après la pause", byName[session.Names.Late][10]);
        Assert.Equal("Yassine Filali", byName[session.Names.Present][11]);
        Assert.Equal("Rabat-Salé-Kénitra", byName[session.Names.Present][6]);
        Assert.Equal("Femme", byName[session.Names.Present][5]);
        Assert.Equal("Inscrit(e) à l'avance", byName[session.Names.Present][8]);
        Assert.Equal(session.Emails.Present, byName[session.Names.Present][3]);
        // The time of the mark is a real date, in Morocco time, within the last minutes.
        var markedAt = DateTime.FromOADate(double.Parse(byName[session.Names.Present][12]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(markedAt, Host.Get<WorkspaceTime>().Now.AddMinutes(-10), Host.Get<WorkspaceTime>().Now.AddMinutes(1));
        Assert.Null(byName[session.Names.Unmarked][12]);
    }

    [Fact]
    public async Task Xlsx_Arabic_HasArabicHeadersAndARightToLeftSheet()
    {
        var session = await MarkedSessionAsync();

        var file = await Documents.ExportAsync(await Host.PrincipalAsync("leadership@demo.ma"), session.Id, SessionDocument.AttendanceXlsx, "ar");

        using var stream = new MemoryStream(file.Content);
        using var workbook = SpreadsheetDocument.Open(stream, false);
        var rows = Rows(workbook);
        Assert.Equal("الاسم الكامل", rows[0][0]);
        Assert.Equal("الحضور", workbook.WorkbookPart!.Workbook.Descendants<Sheet>().Single().Name?.Value);
        Assert.True(workbook.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<SheetView>().Single().RightToLeft?.Value);
        Assert.Equal("حاضر(ة)", rows.Single(r => r[0] == session.Names.Present)[9]);
        Assert.Equal("الرباط-سلا-القنيطرة", rows.Single(r => r[0] == session.Names.Present)[6]);
    }

    [Fact]
    public async Task Csv_HasABomQuotesFieldsAndNeutralisesFormulas()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, s_startsAt);
        var tricky = "Benali, Ahmed \"Sidi\"";
        var person = Person(tricky);
        person.Organisation = "=HYPERLINK(\"http://evil.example\",\"clic\")";
        person.Function = "@SUM(A1)";
        person.Phone = "+212 600 000 000";
        var id = await TrainingFixtures.RegisterAsync(Host, sessionId, person);
        await Host.Get<AttendanceService>().MarkAsync(await Host.PrincipalAsync("trainer@demo.ma"), sessionId, id, AttendanceStatus.Present, "-1+1 arrivé tôt");

        var file = await Documents.ExportAsync(await Host.PrincipalAsync("officer.rsk@demo.ma"), sessionId, SessionDocument.AttendanceCsv, "fr");

        Assert.Equal($"presences-session-{sessionId}-2026-05-12.csv", file.FileName);
        Assert.Equal("text/csv; charset=utf-8", file.ContentType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), file.Content[..3]);
        var text = Encoding.UTF8.GetString(file.Content[3..]);
        Assert.Contains("\"Benali, Ahmed \"\"Sidi\"\"\"", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var rows = ParseCsv(text);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(13, r.Count));
        Assert.Equal("Nom et prénom", rows[0][0]);
        var row = rows[1];
        Assert.Equal(tricky, row[0]);
        Assert.Equal("'@SUM(A1)", row[1]);
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"clic\")", row[2]);
        Assert.Equal("'+212 600 000 000", row[4]);
        Assert.Equal("Présent(e)", row[9]);
        Assert.Equal("'-1+1 arrivé tôt", row[10]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", row[12]);
    }

    [Fact]
    public async Task Csv_Arabic_HeadersAndLabelsInArabic()
    {
        var session = await MarkedSessionAsync();

        var file = await Documents.ExportAsync(await Host.PrincipalAsync("leadership@demo.ma"), session.Id, SessionDocument.AttendanceCsv, "ar");

        var rows = ParseCsv(Encoding.UTF8.GetString(file.Content[3..]));
        Assert.Equal("الاسم الكامل", rows[0][0]);
        Assert.Equal("متأخر(ة)", rows.Single(r => r[0] == session.Names.Late)[9]);
    }

    [Theory]
    [InlineData(SessionDocument.AttendanceSheet)]
    [InlineData(SessionDocument.Certificates)]
    [InlineData(SessionDocument.AttendanceCsv)]
    public async Task Export_UnknownSessionOrLanguage_IsRefused(SessionDocument document)
    {
        var arm = await Host.PrincipalAsync("arm@demo.ma");
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, s_startsAt);

        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => Documents.ExportAsync(arm, 999_999, document, "fr"));
        var language = await Assert.ThrowsAsync<ValidationFailedException>(() => Documents.ExportAsync(arm, sessionId, document, "de"));
        var english = await Assert.ThrowsAsync<ValidationFailedException>(() => Documents.ExportAsync(arm, sessionId, document, "en"));

        Assert.Equal("Error.SessionNotFound", unknown.Message);
        Assert.Equal(("lang", "Validation.DocumentLanguage"), (language.Errors[0].Field, language.Errors[0].MessageKey));
        Assert.Equal("Validation.DocumentLanguage", english.Errors[0].MessageKey);
    }

    [Fact]
    public async Task Endpoints_DownloadTheFilesAndAnswerBadInputWithAClearStatus()
    {
        var session = await MarkedSessionAsync();
        var cookies = await HubClient.SignInAsync(Host.BaseUrl, "arm@demo.ma");
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Host.BaseUrl };
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");
        var id = session.Id;

        using var sheet = await http.GetAsync($"/trainings/sessions/{id}/attendance-sheet.pdf?lang=fr");
        using var one = await http.GetAsync($"/trainings/sessions/{id}/certificates.pdf?lang=ar&participant={session.Present}");
        using var all = await http.GetAsync($"/trainings/sessions/{id}/certificates.pdf");
        using var xlsx = await http.GetAsync($"/trainings/sessions/{id}/attendance.xlsx?lang=ar");
        using var csv = await http.GetAsync($"/trainings/sessions/{id}/attendance.csv?lang=fr");
        using var unknown = await http.GetAsync("/trainings/sessions/999999/attendance-sheet.pdf?lang=fr");
        using var badLanguage = await http.GetAsync($"/trainings/sessions/{id}/attendance.csv?lang=de");
        using var absent = await http.GetAsync($"/trainings/sessions/{id}/certificates.pdf?lang=fr&participant={session.Absent}");

        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        Assert.Equal("application/pdf", sheet.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"emargement-session-{id}-2026-05-12.pdf", FileName(sheet));
        // Personal data: never stored by a cache (the cookie middleware may add no-cache when it renews the cookie).
        Assert.True(sheet.Headers.CacheControl?.NoStore, sheet.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal($"attestation-{session.Present}-session-{id}-2026-05-12.pdf", FileName(one));
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal($"attestations-session-{id}-2026-05-12.pdf", FileName(all));
        using (var pdf = new PdfText(await all.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal(2, pdf.Pages);
            Assert.True(pdf.Contains("Attestation de participation"), "French when no language is asked for");
        }

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"presences-session-{id}-2026-05-12.xlsx", FileName(xlsx));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(("text/csv", "utf-8"), (csv.Content.Headers.ContentType?.MediaType, csv.Content.Headers.ContentType?.CharSet));
        Assert.Equal($"presences-session-{id}-2026-05-12.csv", FileName(csv));
        Assert.Contains(session.Names.Present, Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Cette session de formation n'existe pas", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badLanguage.StatusCode);
        Assert.Contains("choisissez le français (fr) ou l'arabe (ar)", await badLanguage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, absent.StatusCode);
        Assert.Contains($"Pas d'attestation pour {session.Names.Absent}", await absent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoints_RefuseWhoMayNot()
    {
        var session = await MarkedSessionAsync();
        var cookies = await HubClient.SignInAsync(Host.BaseUrl, "officer.rsk@demo.ma");
        using var officer = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Host.BaseUrl };
        using var anonymousClient = Host.CreateClient();

        using var certificates = await officer.GetAsync($"/trainings/sessions/{session.Id}/certificates.pdf?lang=fr");
        using var sheet = await officer.GetAsync($"/trainings/sessions/{session.Id}/attendance.csv?lang=fr");
        using var anonymous = await anonymousClient.GetAsync($"/trainings/sessions/{session.Id}/attendance.csv?lang=fr");
        using var anonymousPdf = await anonymousClient.GetAsync($"/trainings/sessions/{session.Id}/certificates.pdf?lang=fr");

        Assert.Equal(HttpStatusCode.Forbidden, certificates.StatusCode);
        Assert.Contains("autorisation", await certificates.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("login", anonymous.Headers.Location?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, anonymousPdf.StatusCode);
    }

    [Fact]
    public void Strings_EveryComposedKeyExists()
    {
        var localizer = Host.Get<Microsoft.Extensions.Localization.IStringLocalizer<RegionalWorkspace.Resources.Strings>>();
        var keys = new List<string>();
        keys.AddRange(Enum.GetValues<Gender>().SelectMany(g => new[] { "Honorific", "TookPart", "Closing" }.Select(k => $"Documents.Certificate.{k}.{g}")));
        keys.AddRange(Enum.GetValues<Organisers>().Where(o => o != Organisers.None).SelectMany(o => new[] { $"Documents.Organiser.{o}", $"Documents.Certificate.SignFor.{o}" }));
        keys.AddRange(new[] { "One", "Two", "Few", "Many" }.SelectMany(p => new[] { $"Documents.Hours.{p}", $"Documents.Minutes.{p}" }));
        keys.AddRange(Enum.GetValues<SessionDocument>().Select(d => $"Documents.Panel.Producing.{d}"));
        keys.AddRange(Enum.GetValues<AttendanceStatus>().Select(s => $"AttendanceStatus.{s}"));
        keys.AddRange(Enum.GetValues<ParticipantAudience>().Select(a => $"ParticipantAudience.{a}"));

        Assert.DoesNotContain(keys, k => localizer[k].ResourceNotFound);
    }

    [Theory]
    [InlineData(15, "15 minutes", "15 دقيقة")]
    [InlineData(60, "1 heure", "ساعة واحدة")]
    [InlineData(90, "1 heure 30 minutes", "ساعة واحدة و30 دقيقة")]
    [InlineData(120, "2 heures", "ساعتان")]
    [InlineData(180, "3 heures", "3 ساعات")]
    [InlineData(720, "12 heures", "12 ساعة")]
    public void Duration_ReadsNaturallyInFrenchAndArabic(int minutes, string french, string arabic)
    {
        var localizer = Host.Get<Microsoft.Extensions.Localization.IStringLocalizer<RegionalWorkspace.Resources.Strings>>();
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = RegionalWorkspace.Resources.Cultures.Get("fr");
            Assert.Equal(french, SessionDocumentText.Duration(localizer, minutes));
            System.Globalization.CultureInfo.CurrentUICulture = RegionalWorkspace.Resources.Cultures.Get("ar");
            Assert.Equal(arabic, SessionDocumentText.Duration(localizer, minutes));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    private static ParticipantInput Person(string name, Gender gender = Gender.Female)
    {
        var person = TrainingFixtures.Person(name, gender: gender);
        person.Email = $"{Guid.NewGuid():N}@example.ma";
        return person;
    }

    /// <summary>A session with five registered people: present, late (with a remark), absent, excused and not marked.</summary>
    private async Task<MarkedSession> MarkedSessionAsync()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, s_startsAt);
        var tag = sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var names = new SessionNames($"Amina Berrada {tag}", $"Youssef El Idrissi {tag}", $"Salma Chraibi {tag}", $"Omar Tazi {tag}", $"Nadia Fassi {tag}");
        var people = new[]
        {
            Person(names.Present), Person(names.Late, Gender.Male), Person(names.Absent), Person(names.Excused, Gender.Male), Person(names.Unmarked),
        };
        var ids = new List<int>();
        foreach (var person in people)
        {
            ids.Add(await TrainingFixtures.RegisterAsync(Host, sessionId, person));
        }

        var attendance = Host.Get<AttendanceService>();
        var trainer = await Host.PrincipalAsync("trainer@demo.ma");
        await attendance.MarkAsync(trainer, sessionId, ids[0], AttendanceStatus.Present);
        await attendance.MarkAsync(trainer, sessionId, ids[1], AttendanceStatus.Late, "Arrivée après la pause");
        await attendance.MarkAsync(trainer, sessionId, ids[2], AttendanceStatus.Absent);
        await attendance.MarkAsync(trainer, sessionId, ids[3], AttendanceStatus.Excused);
        return new MarkedSession(sessionId, ids[0], ids[1], ids[2], ids[3], ids[4], names, new SessionNames(people[0].Email!, people[1].Email!, people[2].Email!, people[3].Email!, people[4].Email!));
    }

    /// <summary>The sheet's values by row and column (a missing cell reads as null).</summary>
    private static List<string?[]> Rows(SpreadsheetDocument workbook)
    {
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        var width = rows.Max(r => r.Elements<Cell>().Max(c => Column(c.CellReference!.Value!)) + 1);
        return rows.Select(r =>
        {
            var values = new string?[width];
            foreach (var cell in r.Elements<Cell>())
            {
                values[Column(cell.CellReference!.Value!)] = cell.InlineString?.InnerText ?? cell.CellValue?.Text;
            }

            return values;
        }).ToList();
    }

    private static int Column(string reference) =>
        reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1)) - 1;

    private static string? FileName(HttpResponseMessage response) => response.Content.Headers.ContentDisposition?.FileName?.Trim('"');

    /// <summary>An RFC 4180 reader: commas, CRLF, quoted fields with doubled quotes and line breaks.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.Empty(row);
        Assert.Equal(0, field.Length);
        return rows;
    }

    private sealed record SessionNames(string Present, string Late, string Absent, string Excused, string Unmarked)
    {
        public string[] All => [Present, Late, Absent, Excused, Unmarked];
    }

    private sealed record MarkedSession(int Id, int Present, int Late, int Absent, int Excused, int Unmarked, SessionNames Names, SessionNames Emails);
}

/// <summary>Without a browser the PDFs say what is missing; the spreadsheets still work.</summary>
public sealed class TrainingDocumentsWithoutBrowserTests : IAsyncLifetime
{
    private AppHost _host = default!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Pdf:BrowserPath"] = "/nonexistent/chromium" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Pdf_NoBrowser_IsRefusedNamingWhatIsMissing_SpreadsheetsStillWork()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(_host, new DateTime(2026, 5, 12, 9, 0, 0));
        var documents = _host.Get<TrainingDocumentsService>();
        var reader = await _host.PrincipalAsync("leadership@demo.ma");

        var refusal = await Assert.ThrowsAsync<PdfUnavailableException>(() => documents.AttendanceSheetAsync(reader, sessionId, "fr"));
        var xlsx = await documents.ExportAsync(reader, sessionId, SessionDocument.AttendanceXlsx, "fr");

        Assert.Equal(("Pdf.NoBrowser", "/nonexistent/chromium"), (refusal.Message, refusal.Arguments[0]));
        Assert.NotEmpty(xlsx.Content);
        var cookies = await HubClient.SignInAsync(_host.BaseUrl, "leadership@demo.ma");
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = _host.BaseUrl };
        using var response = await http.GetAsync($"/trainings/sessions/{sessionId}/attendance-sheet.pdf?lang=ar");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("/nonexistent/chromium", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

using System.Text;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Features.Trainings.Evaluation;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Trainings;

/// <summary>CSV import of participants, against the real app and database: everyone or no one, with a report per row.</summary>
public sealed class ParticipantImportTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private const int SoussMassa = 9;
    private const string FrenchHeader = "Nom;Fonction;Organisation;E-mail;Téléphone;Genre;Public";

    private AppHost Host => fixture.Host;

    private ParticipantImportService Import => Host.Get<ParticipantImportService>();

    [Fact]
    public async Task Import_SemicolonsWithBomBeyondCapacity_RegistersEveryoneAndWaitlistsTheRest()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, DateTime.Today.AddDays(20).AddHours(9), capacity: 2);
        var tag = Tag();
        var csv = Bom(Lines(
            FrenchHeader,
            $"Salma Idrissi;Présidente;\"Instance de l'équité; Rabat\";salma.{tag}@example.ma;06 11 22 33 44;Femme;membre d'instance",
            $"Karim Tazi;Élu;Conseil régional;karim.{tag}@example.ma;;H;Élu",
            $"فاطمة الزهراء بناني;;\"Association \"\"Tanmia\"\"\";fatima.{tag}@example.ma;+212 612 000 111;أنثى;personnel"));
        var events = new List<WorkspaceEvent>();
        using var subscription = Host.Get<IWorkspaceBus>().Subscribe(e =>
        {
            lock (events)
            {
                events.Add(e);
            }
        });

        var report = await Import.ImportAsync(await Officer(), sessionId, TrainingFixtures.Rsk, csv);

        Assert.True(report.Imported);
        Assert.Empty(report.Problems);
        Assert.Equal((2, 1), (report.Registered, report.Waitlisted));
        var rows = await Host.Get<RegistrationsService>().ListAsync(await Officer(), sessionId);
        Assert.Equal(
            [("Salma Idrissi", RegistrationStatus.Registered), ("Karim Tazi", RegistrationStatus.Registered), ("فاطمة الزهراء بناني", RegistrationStatus.Waitlisted)],
            rows.Select(r => (r.FullName, r.Status)));
        var salma = rows[0];
        Assert.Equal(("Instance de l'équité; Rabat", $"salma.{tag}@example.ma", Gender.Female, ParticipantAudience.BodyMember, TrainingFixtures.Rsk),
            (salma.Organisation, salma.Email, salma.Gender, salma.Audience, salma.RegionId));
        Assert.Equal((Gender.Male, ParticipantAudience.CouncilMember), (rows[1].Gender, rows[1].Audience));
        Assert.Equal(("Association \"Tanmia\"", Gender.Female, ParticipantAudience.CouncilStaff), (rows[2].Organisation, rows[2].Gender, rows[2].Audience));
        lock (events)
        {
            Assert.Single(events, e => e.Scope == TrainingsService.SessionKey(sessionId));
        }
    }

    [Fact]
    public async Task Import_EnglishHeadersCommasNoBom_Registers()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, DateTime.Today.AddDays(21).AddHours(9));
        var tag = Tag();
        var csv = Encoding.UTF8.GetBytes(
            "Name,Email,Gender,Audience,Organization,Phone\r\n" +
            $"Nadia Berrada,NADIA.{tag}@Example.ma,female,CouncilStaff,\"Region, Rabat\",0537000000\r\n" +
            $"Omar Fassi,,male,Council Member,,\r\n" +
            ",,,,,\r\n");

        var preview = await Import.CheckAsync(await Arm(), sessionId, TrainingFixtures.Rsk, csv);
        var report = await Import.ImportAsync(await Arm(), sessionId, TrainingFixtures.Rsk, csv);

        Assert.True(preview.CanImport);
        Assert.Equal((2, 2, 0), (preview.Rows.Count, preview.WouldRegister, preview.Rows.Count - preview.WouldRegister));
        Assert.Equal((true, 2, 0), (report.Imported, report.Registered, report.Waitlisted));
        var rows = await Host.Get<RegistrationsService>().ListAsync(await Arm(), sessionId);
        Assert.Equal([($"nadia.{tag}@example.ma", "Region, Rabat"), ((string?)null, (string?)null)], rows.Select(r => (r.Email, r.Organisation)));
    }

    [Fact]
    public async Task Check_FileWithoutImporting_SavesNothing()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, DateTime.Today.AddDays(22).AddHours(9));

        var report = await Import.CheckAsync(await Officer(), sessionId, TrainingFixtures.Rsk, Bom(Lines(FrenchHeader, $"Hind Alami;;;hind.{Tag()}@example.ma;;F;élue")));

        Assert.True(report.CanImport);
        Assert.False(report.Imported);
        Assert.Empty(await Host.Get<RegistrationsService>().ListAsync(await Officer(), sessionId));
    }

    [Fact]
    public async Task Import_SomeBadRows_ImportsNobodyAndReportsEachBadRow()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, DateTime.Today.AddDays(23).AddHours(9));
        var tag = Tag();
        await TrainingFixtures.RegisterAsync(Host, sessionId, TrainingFixtures.Person("Déjà Inscrite", $"deja.{tag}@example.ma"));
        var csv = Bom(Lines(
            FrenchHeader,
            $"Valide Un;;;un.{tag}@example.ma;;F;personnel",
            $"Mauvais Courriel;;;pas-une-adresse;;M;personnel",
            $";;;sans.nom.{tag}@example.ma;;F;personnel",
            $"Genre Inconnu;;;genre.{tag}@example.ma;;X;personnel",
            $"Valide Un Bis;;;UN.{tag}@example.ma;;F;personnel",
            $"Déjà Inscrite;;;deja.{tag}@example.ma;;F;membre d'instance",
            $"Public Inconnu;;;public.{tag}@example.ma;;F;stagiaire"));

        var report = await Import.ImportAsync(await Officer(), sessionId, TrainingFixtures.Rsk, csv);

        Assert.False(report.Imported);
        Assert.False(report.CanImport);
        Assert.Equal(
            [
                (3, "Mauvais Courriel", (ParticipantColumn?)ParticipantColumn.Email, "Validation.Email"),
                (4, null, ParticipantColumn.FullName, "Validation.Required"),
                (5, "Genre Inconnu", ParticipantColumn.Gender, "Import.UnknownGender"),
                (6, "Valide Un Bis", ParticipantColumn.Email, "Import.DuplicateInFile"),
                (7, "Déjà Inscrite", ParticipantColumn.Email, "Import.AlreadyRegistered"),
                (8, "Public Inconnu", ParticipantColumn.Audience, "Import.UnknownAudience"),
            ],
            report.Problems.Select(p => (p.Line, p.FullName, p.Column, p.Error.MessageKey)));
        Assert.Equal(2, Assert.Single(report.Problems, p => p.Line == 6).Error.Arguments.Single());
        Assert.Equal("X", Assert.Single(report.Problems, p => p.Line == 5).Error.Arguments[0]);
        Assert.Equal((1, 6), (report.ValidRows, report.RefusedRows));
        var rows = await Host.Get<RegistrationsService>().ListAsync(await Officer(), sessionId);
        Assert.Equal(["Déjà Inscrite"], rows.Select(r => r.FullName));
        await using var db = await Host.CreateDbContextAsync();
        Assert.False(await db.Participants.AnyAsync(p => p.Email == $"un.{tag}@example.ma"));
    }

    public static TheoryData<string, byte[], string> MalformedFiles() => new()
    {
        { "empty", [], "Validation.FileEmpty" },
        { "blank lines only", Encoding.UTF8.GetBytes("\r\n \r\n"), "Validation.FileEmpty" },
        { "header only", Bom(Lines(FrenchHeader)), "Import.NoRows" },
        { "no header", Bom(Lines("Amina Kadiri;F;élue", "Rachid Bennani;M;élu")), "Import.NoHeader" },
        { "missing required column", Bom(Lines("Nom;E-mail;Genre", "Amina Kadiri;a@example.ma;F")), "Import.MissingColumns" },
        { "unknown column", Bom(Lines("Nom;Genre;Public;Ville", "Amina Kadiri;F;élue;Rabat")), "Import.UnknownColumns" },
        { "column twice", Bom(Lines("Nom;Genre;Public;Email;Courriel", "Amina Kadiri;F;élue;a@x.ma;a@x.ma")), "Import.ColumnTwice" },
        { "unclosed quote", Bom(Lines("Nom;Genre;Public", "Amina Kadiri;F;élue", "\"Rachid Bennani;M;élu", "Samir;M;élu")), "Import.UnclosedQuote" },
        { "quote inside a value", Bom(Lines("Nom;Genre;Public", "Amina \"Kadiri\";F;élue")), "Import.QuoteInField" },
        { "text after a closing quote", Bom(Lines("Nom;Genre;Public", "\"Amina\" Kadiri;F;élue")), "Import.TextAfterQuote" },
        { "wrong column count", Bom(Lines("Nom;Genre;Public", "Amina Kadiri;F;élue", "Rachid Bennani;M")), "Import.ColumnCount" },
        { "binary", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52], "Import.NotText" },
        { "Windows-1252", [.. Encoding.Latin1.GetBytes("Nom;Genre;Public\r\nAmina Kadiri;F;élue\r\n")], "Import.NotUtf8" },
        { "too many rows", Bom(Lines([FrenchHeader, .. Enumerable.Range(1, ParticipantImportService.MaxRows + 1).Select(i => $"Personne {i};;;;;F;élue")])), "Import.TooManyRows" },
        { "too large", Bom(FrenchHeader + "\r\n" + new string('a', (int)ParticipantImportService.MaxBytes)), "Validation.FileTooLarge" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task Import_MalformedFile_RefusedWithAClearReasonAndNothingChanged(string name, byte[] content, string expectedKey)
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, DateTime.Today.AddDays(24).AddHours(9));
        var officer = await Officer();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Import.ImportAsync(officer, sessionId, TrainingFixtures.Rsk, content));

        var error = Assert.Single(refused.Errors);
        Assert.True(error is { Field: CsvFile.Field } && error.MessageKey == expectedKey, $"{name}: {error.Field} {error.MessageKey}");
        Assert.Empty(await Host.Get<RegistrationsService>().ListAsync(await Officer(), sessionId));
    }

    [Fact]
    public async Task Import_MalformedLine_NamesTheLine()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, DateTime.Today.AddDays(24).AddHours(10));
        var csv = Bom(Lines("Nom;Genre;Public", "Amina Kadiri;F;élue", "", "\"Rachid\nBennani\";M;élu", "Samir Ouali;M"));
        var officer = await Officer();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Import.ImportAsync(officer, sessionId, TrainingFixtures.Rsk, csv));

        // Line 4 holds a line break inside quotes, so Samir's record starts on line 6 of the file.
        Assert.Equal(new object[] { 6, 2, 3 }, Assert.Single(refused.Errors).Arguments);
    }

    [Fact]
    public async Task Import_OfficerOfAnotherRegion_Refused()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, DateTime.Today.AddDays(25).AddHours(9));
        var soussMassaOfficer = await Host.PrincipalAsync("officer.sm@demo.ma");
        var csv = Bom(Lines(FrenchHeader, $"Amina Kadiri;;;amina.{Tag()}@example.ma;;F;élue"));

        var otherRegion = await Assert.ThrowsAsync<AccessDeniedException>(() => Import.ImportAsync(soussMassaOfficer, sessionId, TrainingFixtures.Rsk, csv));
        var notForTheirRegion = await Assert.ThrowsAsync<ValidationFailedException>(() => Import.ImportAsync(soussMassaOfficer, sessionId, SoussMassa, csv));
        var leadership = await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await Import.CheckAsync(await Host.PrincipalAsync("leadership@demo.ma"), sessionId, TrainingFixtures.Rsk, csv));

        Assert.Equal("Error.OtherRegion", otherRegion.Message);
        Assert.Equal("Validation.SessionNotForRegion", Assert.Single(notForTheirRegion.Errors).MessageKey);
        Assert.Equal("Error.Forbidden", leadership.Message);
        Assert.Empty(await Host.Get<RegistrationsService>().ListAsync(await Officer(), sessionId));
    }

    [Fact]
    public async Task Import_ArabicHeaders_Registers()
    {
        var sessionId = await TrainingFixtures.CreateSessionAsync(Host, DateTime.Today.AddDays(26).AddHours(9));
        var csv = Bom(Lines("الاسم الكامل;الجنس;الفئة;البريد الإلكتروني", $"يوسف العلوي;ذكر;موظف;youssef.{Tag()}@example.ma"));

        var report = await Import.ImportAsync(await Officer(), sessionId, TrainingFixtures.Rsk, csv);

        Assert.True(report.Imported);
        var row = Assert.Single(await Host.Get<RegistrationsService>().ListAsync(await Officer(), sessionId));
        Assert.Equal(("يوسف العلوي", Gender.Male, ParticipantAudience.CouncilStaff), (row.FullName, row.Gender, row.Audience));
    }

    [Theory]
    [InlineData("F", Gender.Female)]
    [InlineData("femme", Gender.Female)]
    [InlineData(" Féminin ", Gender.Female)]
    [InlineData("Female", Gender.Female)]
    [InlineData("أنثى", Gender.Female)]
    [InlineData("M", Gender.Male)]
    [InlineData("HOMME", Gender.Male)]
    [InlineData("male", Gender.Male)]
    [InlineData("ذكر", Gender.Male)]
    [InlineData("X", null)]
    [InlineData("Mme", null)]
    public void GenderOf_TheUsualSpellings(string value, Gender? expected) => Assert.Equal(expected, ParticipantCsv.GenderOf(value));

    [Theory]
    [InlineData("élu", ParticipantAudience.CouncilMember)]
    [InlineData("Elue", ParticipantAudience.CouncilMember)]
    [InlineData("CouncilMember", ParticipantAudience.CouncilMember)]
    [InlineData("personnel", ParticipantAudience.CouncilStaff)]
    [InlineData("Council staff", ParticipantAudience.CouncilStaff)]
    [InlineData("membre d'instance", ParticipantAudience.BodyMember)]
    [InlineData("Membre d’instance", ParticipantAudience.BodyMember)]
    [InlineData("BodyMember", ParticipantAudience.BodyMember)]
    [InlineData("عضو هيئة", ParticipantAudience.BodyMember)]
    [InlineData("invité", null)]
    public void AudienceOf_TheUsualSpellings(string value, ParticipantAudience? expected) => Assert.Equal(expected, ParticipantCsv.AudienceOf(value));

    [Fact]
    public async Task Template_InEachLanguage_IsAFileTheImportAccepts()
    {
        foreach (var culture in new[] { "fr", "ar", "en" })
        {
            var sessionId = await TrainingFixtures.CreateSessionAsync(Host, DateTime.Today.AddDays(27).AddHours(9));
            using var client = await SignedInClientAsync("arm@demo.ma");
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);

            var template = await client.GetByteArrayAsync(EvaluationSetup.TemplatePath);
            var report = await Import.CheckAsync(await Arm(), sessionId, TrainingFixtures.Rsk, template);

            Assert.True(template.AsSpan().StartsWith(Encoding.UTF8.Preamble), culture);
            Assert.True(report.Problems.Count == 0 && report.Rows.Count == 2, $"{culture}: {string.Join(", ", report.Problems.Select(p => p.Error.MessageKey))}");
            Assert.Equal(ParticipantCsv.TemplateHeader(culture)[0], Encoding.UTF8.GetString(template.AsSpan(3)).Split(';')[0]);
        }
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private static string Lines(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    private static byte[] Bom(string text) => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)];

    private Task<System.Security.Claims.ClaimsPrincipal> Officer() => Host.PrincipalAsync("officer.rsk@demo.ma");

    private Task<System.Security.Claims.ClaimsPrincipal> Arm() => Host.PrincipalAsync("arm@demo.ma");

    private async Task<HttpClient> SignedInClientAsync(string email)
    {
        var client = Host.CreateClient();
        var login = await client.PostAsync("/api/session", JsonContent(new { email, password = "Demo-2026!" }));
        login.EnsureSuccessStatusCode();
        return client;
    }

    private static StringContent JsonContent(object value) => new(System.Text.Json.JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}

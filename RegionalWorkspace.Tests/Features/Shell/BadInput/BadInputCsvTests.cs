using System.Text;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Trainings.Evaluation;
using RegionalWorkspace.Tests.Features.Trainings;

namespace RegionalWorkspace.Tests.Features.Shell.BadInput;

/// <summary>
/// The CSV import of registrations, sent malformed files: each is refused as a whole (a message on the file, with the
/// line where it can say) or row by row (the report names each refused row); either way nobody is registered.
/// Formula-looking cells ("=cmd|…") are kept as the text they are (a name may start with "-" or "+", a phone number
/// does); what protects a spreadsheet opening the workspace's own exports is that every export neutralises them
/// (<see cref="SpreadsheetTable"/>), which the last test checks on the attendance CSV.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class BadInputCsvTests(BadInputFixture fixture)
{
    public static readonly string[] Covers = ["ParticipantImportService.CheckAsync", "ParticipantImportService.ImportAsync"];

    private const string Header = "Nom;Fonction;Organisation;E-mail;Téléphone;Genre;Public";

    private static string Row(string name = "Leila Amrani", string? email = null) =>
        $"{name};Membre;Conseil régional;{email ?? $"leila.{Guid.NewGuid().ToString("N")[..8]}@example.ma"};0612345678;F;élu";

    public static TheoryData<string> Files => new(s_files.Keys);

    private static readonly Dictionary<string, Func<byte[]>> s_files = new()
    {
        ["an empty file"] = () => [],
        ["a header and no rows"] = () => Utf8(Header),
        ["a wrong header"] = () => Utf8("Prénom;Âge;Ville\nLeila;34;Rabat"),
        ["a ragged row"] = () => Utf8($"{Header}\n{Row()}\nKarim Benjelloun;Membre"),
        ["an unterminated quote"] = () => Utf8($"{Header}\n\"Leila Amrani;Membre;Conseil;l.a@example.ma;0612345678;F;élu"),
        ["a quote inside a bare field"] = () => Utf8($"{Header}\nLeila \"la\" Amrani;Membre;Conseil;l.b@example.ma;0612345678;F;élu"),
        ["Latin-1 bytes, not UTF-8"] = () => Encoding.Latin1.GetBytes($"{Header}\n{Row("Hélène Ça")}"),
        ["UTF-16 with its byte-order mark"] = () => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes($"{Header}\n{Row()}")],
        ["NUL bytes"] = () => Utf8($"{Header}\n{Row("Leila\0Amrani")}"),
        ["10,000 rows"] = () => Utf8(Header + "\n" + string.Join("\n", Enumerable.Range(0, 10_000).Select(i => Row($"Personne {i}", $"p{i}@example.ma")))),
        ["more than 1 MB"] = () => Utf8(Header + "\n" + Row(new string('x', (int)ParticipantImportService.MaxBytes))),
        ["a script in a cell"] = () => Utf8($"{Header}\n{Row("<script>alert(1)</script>")}"),
        ["a value outside the options"] = () => Utf8($"{Header}\nLeila Amrani;Membre;Conseil;l.c@example.ma;0612345678;X;ministre"),
        ["the same person twice"] = () => Utf8($"{Header}\n{Row(email: "twice@example.ma")}\n{Row(email: "twice@example.ma")}"),
        ["an oversized name"] = () => Utf8($"{Header}\n{Row(new string('n', 151))}"),
    };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Import_MalformedFile_RefusedWithAMessageAndNobodyRegistered(string file)
    {
        var officer = await fixture.PrincipalAsync("officer.rsk@demo.ma");
        var sessionId = await TrainingFixtures.CreateSessionAsync(fixture.Host, fixture.Get<WorkspaceTime>().Now.AddDays(20));
        var content = s_files[file]();
        var before = await fixture.CaptureAsync();

        foreach (var import in new[] { true, false })
        {
            var service = fixture.Get<ParticipantImportService>();
            try
            {
                var report = import
                    ? await service.ImportAsync(officer, sessionId, TrainingFixtures.Rsk, content)
                    : await service.CheckAsync(officer, sessionId, TrainingFixtures.Rsk, content);
                Assert.False(report.Imported || report.CanImport, $"{file}: accepted");
                Assert.NotEmpty(report.Problems);
                Assert.All(report.Problems, p => Assert.True(fixture.IsKnownKey(p.Error.MessageKey), p.Error.MessageKey));
            }
            catch (ValidationFailedException refused)
            {
                var error = Assert.Single(refused.Errors);
                Assert.Equal((CsvFile.Field, true), (error.Field, fixture.IsKnownKey(error.MessageKey)));
            }
        }

        Assert.Equal("", (await fixture.CaptureAsync()).DiffFrom(before));
    }

    [Fact]
    public async Task Import_FormulaCell_KeptAsTextAndNeutralisedInTheExport()
    {
        var officer = await fixture.PrincipalAsync("officer.rsk@demo.ma");
        var sessionId = await TrainingFixtures.CreateSessionAsync(fixture.Host, fixture.Get<WorkspaceTime>().Now.AddDays(20));
        var formula = "=cmd|' /C calc'!A0";

        var report = await fixture.Get<ParticipantImportService>().ImportAsync(officer, sessionId, TrainingFixtures.Rsk, Utf8($"{Header}\n{Row(formula)}"));
        var table = await fixture.Get<RegionalWorkspace.Features.Trainings.Documents.TrainingDocumentsService>()
            .ExportAsync(await fixture.PrincipalAsync("arm@demo.ma"), sessionId, RegionalWorkspace.Features.Trainings.Documents.SessionDocument.AttendanceCsv, "fr");
        var csv = Encoding.UTF8.GetString(table.Content);

        Assert.True(report.Imported);
        Assert.Contains("'" + formula, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(";" + formula, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("," + formula, csv, StringComparison.Ordinal);
    }
}

using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Practices;

/// <summary>
/// One app whose attachments folder sits two levels below its data directory, so that a name climbing out of the folder
/// (<c>../../x.pdf</c>) would land in the directory the tests watch.
/// </summary>
public sealed class AttachmentsHostFixture : IAsyncLifetime
{
    public AppHost Host { get; private set; } = default!;

    public string DataDirectory { get; private set; } = "";

    public string Folder { get; private set; } = "";

    public async Task InitializeAsync()
    {
        DataDirectory = Directory.CreateTempSubdirectory("rw-attachments-").FullName;
        Folder = Path.Combine(DataDirectory, "files", "attachments");
        Host = await AppHost.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Attachments:Path"] = Folder }, DataDirectory);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class PracticeAttachmentsTests(AttachmentsHostFixture fixture) : IClassFixture<AttachmentsHostFixture>
{
    private const string RskOfficer = "officer.rsk@demo.ma";
    private const string SmOfficer = "officer.sm@demo.ma";
    private const int Rsk = 4;

    private AppHost Host => fixture.Host;

    private PracticeAttachmentsService Attachments => Host.Get<PracticeAttachmentsService>();

    public static TheoryData<string, string, string> AllowedFiles => new()
    {
        { "pdf", "Compte rendu.pdf", "application/pdf" },
        { "png", "photo atelier.png", "image/png" },
        { "jpeg", "affiche.JPEG", "image/jpeg" },
        { "docx", "note.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "xlsx", "budget.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    };

    [Theory]
    [MemberData(nameof(AllowedFiles))]
    public async Task Upload_AllowedType_IsStoredWithItsHashAndDownloadsByteForByte(string kind, string fileName, string contentType)
    {
        var practiceId = await DraftAsync();
        var bytes = Sample(kind);

        var row = await UploadAsync(RskOfficer, practiceId, fileName, bytes);

        Assert.Equal((fileName, contentType, (long)bytes.Length), (row.FileName, row.ContentType, row.Size));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), row.Sha256);
        var stored = await StoredAsync(row.Id);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(fixture.Folder, stored.StoredName)));

        using var http = await ClientAsync(RskOfficer);
        using var response = await http.GetAsync(new Uri($"/practices/attachments/{row.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(fileName, disposition.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Upload_TextFileRenamedPdf_IsRefusedAndLeavesNothing()
    {
        var practiceId = await DraftAsync();
        var before = Snapshot();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            UploadAsync(RskOfficer, practiceId, "rapport.pdf", Encoding.UTF8.GetBytes("Ceci est un simple texte, pas un PDF.\n")));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("File", "Validation.FileType"), (error.Field, error.MessageKey));
        Assert.Equal("PDF, DOCX, XLSX, PNG, JPEG", Assert.Single(error.Arguments));
        Assert.Equal(before, Snapshot());
        Assert.Equal(0, await CountAsync(practiceId));
    }

    [Fact]
    public async Task Upload_25Megabytes_IsRefusedWithoutReadingItAll()
    {
        var practiceId = await DraftAsync();
        var before = Snapshot();
        var officer = await Host.PrincipalAsync(RskOfficer);
        await using var content = new GeneratedStream(Sample("pdf"), 25L * 1024 * 1024);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Attachments.UploadAsync(officer, practiceId, "gros.pdf", content));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("File", "Validation.FileTooLarge"), (error.Field, error.MessageKey));
        Assert.Equal(20L, Convert.ToInt64(Assert.Single(error.Arguments), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(PracticeAttachmentsService.MaxBytes + 1, content.BytesRead);
        Assert.Equal(before, Snapshot());
        Assert.Equal(0, await CountAsync(practiceId));
    }

    [Fact]
    public async Task Upload_ExactlyTheLimit_IsAccepted()
    {
        var practiceId = await DraftAsync();
        await using var content = new GeneratedStream(Sample("pdf"), PracticeAttachmentsService.MaxBytes);

        var row = await Attachments.UploadAsync(await Host.PrincipalAsync(RskOfficer), practiceId, "limite.pdf", content);

        Assert.Equal(PracticeAttachmentsService.MaxBytes, row.Size);
        await Attachments.DeleteAsync(await Host.PrincipalAsync(RskOfficer), row.Id);
    }

    [Theory]
    [InlineData("../../x.pdf")]
    [InlineData("..\\..\\x.pdf")]
    [InlineData("/etc/x.pdf")]
    [InlineData("C:\\Windows\\x.pdf")]
    public async Task Upload_NameWithAPath_IsStoredUnderARandomNameInsideTheFolder(string fileName)
    {
        var practiceId = await DraftAsync();
        var before = Snapshot();

        var row = await UploadAsync(RskOfficer, practiceId, fileName, Sample("pdf"));

        Assert.Equal("x.pdf", row.FileName);
        var stored = await StoredAsync(row.Id);
        Assert.Matches("^[0-9a-f]{32}\\.pdf$", stored.StoredName);
        var added = Snapshot().Except(before).ToList();
        Assert.Equal([Path.Combine(fixture.Folder, stored.StoredName)], added);
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(fixture.Folder, "..", "..", "x.pdf"))));
    }

    [Fact]
    public async Task Upload_PngNamedPdf_IsRefusedForItsExtension()
    {
        var practiceId = await DraftAsync();
        var before = Snapshot();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => UploadAsync(RskOfficer, practiceId, "scan.pdf", Sample("png")));

        Assert.Equal(("File", "Validation.FileExtension"), (refused.Errors[0].Field, refused.Errors[0].MessageKey));
        Assert.Equal(["PDF", "PNG"], refused.Errors[0].Arguments);
        Assert.Equal(before, Snapshot());
        Assert.Equal(0, await CountAsync(practiceId));
    }

    [Fact]
    public async Task Upload_ZipThatIsNoOfficeDocument_IsRefused()
    {
        var practiceId = await DraftAsync();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            UploadAsync(RskOfficer, practiceId, "archive.docx", Zip(("readme.txt", "rien"))));

        Assert.Equal("Validation.FileType", Assert.Single(refused.Errors).MessageKey);
    }

    [Fact]
    public async Task Upload_EmptyFile_IsRefused()
    {
        var practiceId = await DraftAsync();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => UploadAsync(RskOfficer, practiceId, "vide.pdf", []));

        Assert.Equal("Validation.FileEmpty", Assert.Single(refused.Errors).MessageKey);
        Assert.Equal(0, await CountAsync(practiceId));
    }

    [Theory]
    [InlineData("rapport", "rapport.pdf")]
    [InlineData("..", "fichier.pdf")]
    [InlineData("", "fichier.pdf")]
    [InlineData("dossier/", "fichier.pdf")]
    public async Task Upload_NameWithoutAnExtension_GetsTheContentsOne(string fileName, string expected)
    {
        var practiceId = await DraftAsync();

        var row = await UploadAsync(RskOfficer, practiceId, fileName, Sample("pdf"));

        Assert.Equal(expected, row.FileName);
    }

    [Theory]
    [InlineData("../../x.pdf", "x.pdf")]
    [InlineData("..\\..\\x.pdf", "x.pdf")]
    [InlineData("  ..rapport final.pdf. ", "rapport final.pdf")]
    [InlineData("a\u0000b\u0007c\td.pdf", "abcd.pdf")]
    [InlineData("facture\u202Efdp.exe", "facturefdp.exe")]
    [InlineData("plan <v2>: \"final\" | ok?*.pdf", "plan v2 final  ok.pdf")]
    [InlineData("تقرير الجهة.pdf", "تقرير الجهة.pdf")]
    [InlineData("e\u0301te\u0301.pdf", "\u00e9t\u00e9.pdf")]
    [InlineData("x\uD800y.pdf", "xy.pdf")]
    [InlineData("../..", "")]
    [InlineData(null, "")]
    public void SanitizeFileName_KeepsOnlyASafeLastSegment(string? fileName, string expected) =>
        Assert.Equal(expected, PracticeAttachmentsService.SanitizeFileName(fileName));

    [Fact]
    public void SanitizeFileName_LongName_IsCutTo120CharactersKeepingTheExtension()
    {
        var name = PracticeAttachmentsService.SanitizeFileName(new string('a', 200) + ".pdf");

        Assert.Equal(new string('a', 116) + ".pdf", name);
    }

    [Fact]
    public void SanitizeFileName_LongName_IsNeverCutInsideACharacter()
    {
        // "a" then 100 emoji (two UTF-16 units each): the 116th unit is the first half of an emoji.
        var name = PracticeAttachmentsService.SanitizeFileName("a" + string.Concat(Enumerable.Repeat("😀", 100)) + ".pdf");

        Assert.Equal(119, name.Length);
        Assert.EndsWith("😀.pdf", name, StringComparison.Ordinal);
        Assert.DoesNotContain(Rune.ReplacementChar, name.EnumerateRunes());
    }

    [Theory]
    [InlineData(null, "/srv/app/data/attachments")]
    [InlineData("", "/srv/app/data/attachments")]
    [InlineData("files", "/srv/app/files")]
    [InlineData("/var/lib/workspace/attachments", "/var/lib/workspace/attachments")]
    [InlineData("wwwroot-files", "/srv/app/wwwroot-files")]
    public void FolderPath_IsUnderTheContentRootUnlessAbsolute(string? configured, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Attachments:Path"] = configured }).Build();

        Assert.Equal(expected, PracticeAttachmentsService.FolderPath(configuration, new FakeEnvironment("/srv/app")));
    }

    [Theory]
    [InlineData("wwwroot")]
    [InlineData("wwwroot/uploads")]
    [InlineData("/srv/app/wwwroot/../wwwroot/x")]
    public void FolderPath_InsideTheWebRoot_IsRefused(string configured)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Attachments:Path"] = configured }).Build();

        Assert.Throws<InvalidOperationException>(() => PracticeAttachmentsService.FolderPath(configuration, new FakeEnvironment("/srv/app")));
    }

    [Fact]
    public async Task Upload_ByAnOfficerOfAnotherRegion_IsDenied()
    {
        var published = await DraftAsync(publish: true);
        var draft = await DraftAsync();
        var before = Snapshot();

        await Assert.ThrowsAsync<AccessDeniedException>(() => UploadAsync(SmOfficer, published, "intrus.pdf", Sample("pdf")));
        // A draft of another region does not even exist for them.
        await Assert.ThrowsAsync<NotFoundException>(() => UploadAsync(SmOfficer, draft, "intrus.pdf", Sample("pdf")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => UploadAsync("leadership@demo.ma", published, "intrus.pdf", Sample("pdf")));

        Assert.Equal(before, Snapshot());
        Assert.Equal(0, await CountAsync(published) + await CountAsync(draft));
    }

    [Fact]
    public async Task Download_DraftOfAnotherRegion_IsNotFoundUntilPublished()
    {
        var practiceId = await DraftAsync();
        var row = await UploadAsync(RskOfficer, practiceId, "brouillon.pdf", Sample("pdf"));
        var url = new Uri($"/practices/attachments/{row.Id}", UriKind.Relative);
        using var sm = await ClientAsync(SmOfficer);
        using var rsk = await ClientAsync(RskOfficer);
        using var coordinator = await ClientAsync("arm@demo.ma");

        using (var response = await sm.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("brouillon", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await Assert.ThrowsAsync<NotFoundException>(async () => await Attachments.OpenAsync(await Host.PrincipalAsync(SmOfficer), row.Id));
        Assert.Equal(HttpStatusCode.OK, (await rsk.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(url)).StatusCode);

        await Host.Get<PracticesService>().SetStatusAsync(await Host.PrincipalAsync(RskOfficer), practiceId, PracticeStatus.Published, 1);

        using var published = await sm.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(Sample("pdf"), await published.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Download_UnknownAttachment_IsNotFound()
    {
        using var http = await ClientAsync("admin@demo.ma");

        using var response = await http.GetAsync(new Uri("/practices/attachments/987654", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Download_Anonymous_RedirectsToSignIn()
    {
        var practiceId = await DraftAsync(publish: true);
        var row = await UploadAsync(RskOfficer, practiceId, "public.pdf", Sample("pdf"));
        using var anonymous = Host.CreateClient();

        foreach (var path in new[] { $"/practices/attachments/{row.Id}", $"/practices/attachments/{row.Id}/view" })
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task View_ShowsImagesInlineAndNothingElse()
    {
        var practiceId = await DraftAsync();
        var image = await UploadAsync(RskOfficer, practiceId, "photo.png", Sample("png"));
        var document = await UploadAsync(RskOfficer, practiceId, "document.pdf", Sample("pdf"));
        using var http = await ClientAsync(RskOfficer);

        using var shown = await http.GetAsync(new Uri($"/practices/attachments/{image.Id}/view", UriKind.Relative));
        using var notShown = await http.GetAsync(new Uri($"/practices/attachments/{document.Id}/view", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("inline", shown.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("image/png", shown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(shown.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(Sample("png"), await shown.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, notShown.StatusCode);
    }

    [Fact]
    public async Task Delete_RemovesTheRowAndTheFile()
    {
        var practiceId = await DraftAsync();
        var before = Snapshot();
        var row = await UploadAsync(RskOfficer, practiceId, "a retirer.pdf", Sample("pdf"));
        var stored = await StoredAsync(row.Id);

        await Assert.ThrowsAsync<NotFoundException>(async () => await Attachments.DeleteAsync(await Host.PrincipalAsync(SmOfficer), row.Id));
        await Attachments.DeleteAsync(await Host.PrincipalAsync(RskOfficer), row.Id);

        Assert.Equal(0, await CountAsync(practiceId));
        Assert.False(File.Exists(Path.Combine(fixture.Folder, stored.StoredName)));
        Assert.Equal(before, Snapshot());
        await Assert.ThrowsAsync<NotFoundException>(async () => await Attachments.OpenAsync(await Host.PrincipalAsync(RskOfficer), row.Id));
    }

    [Fact]
    public async Task Delete_ByAnOfficerOfAnotherRegion_OnAPublishedPractice_IsDenied()
    {
        var practiceId = await DraftAsync(publish: true);
        var row = await UploadAsync(RskOfficer, practiceId, "garde.pdf", Sample("pdf"));

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Attachments.DeleteAsync(await Host.PrincipalAsync(SmOfficer), row.Id));

        Assert.Equal(1, await CountAsync(practiceId));
    }

    [Fact]
    public async Task Upload_OnADraft_IsAnnouncedToTheRegionAndCoordinatorsOnly()
    {
        var practiceId = await DraftAsync();

        var row = await UploadAsync(RskOfficer, practiceId, "annonce.pdf", Sample("pdf"));

        await using var db = await Host.CreateDbContextAsync();
        var entry = await db.Activity.AsNoTracking().SingleAsync(a => a.EntityType == "Attachment" && a.EntityId == practiceId && a.Title == row.FileName);
        Assert.Equal((Capability.Practices, ChangeKind.Created, Rsk, Audience.RegionAndCoordinators), (entry.Capability, entry.Kind, entry.RegionId, entry.Audience));
        Assert.Equal($"/practices/{practiceId}", entry.Link);
    }

    private async Task<int> DraftAsync(bool publish = false)
    {
        var officer = await Host.PrincipalAsync(RskOfficer);
        var practices = Host.Get<PracticesService>();
        var id = await practices.CreateAsync(officer, Rsk, PracticeFixtures.Input("Pièces jointes " + Guid.NewGuid().ToString("N")[..8]));
        if (publish)
        {
            await practices.SetStatusAsync(officer, id, PracticeStatus.Published, 1);
        }

        return id;
    }

    private async Task<AttachmentRow> UploadAsync(string email, int practiceId, string fileName, byte[] bytes)
    {
        using var content = new MemoryStream(bytes);
        return await Attachments.UploadAsync(await Host.PrincipalAsync(email), practiceId, fileName, content);
    }

    private async Task<HttpClient> ClientAsync(string email)
    {
        var cookies = await HubClient.SignInAsync(Host.BaseUrl, email);
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Host.BaseUrl };
    }

    private async Task<PracticeAttachment> StoredAsync(int id)
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.PracticeAttachments.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    private async Task<int> CountAsync(int practiceId)
    {
        await using var db = await Host.CreateDbContextAsync();
        return await db.PracticeAttachments.CountAsync(a => a.PracticeId == practiceId);
    }

    /// <summary>Every file under the host's data directory but the database's own.</summary>
    private IReadOnlyList<string> Snapshot() =>
        Directory.EnumerateFiles(fixture.DataDirectory, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith("workspace.db", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static byte[] Sample(string kind) => kind switch
    {
        "pdf" => Encoding.ASCII.GetBytes(
            "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
        // A real 1×1 transparent PNG.
        "png" => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
        "jpeg" => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8.ToArray(), 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9],
        "docx" => Zip(
            ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>")),
        "xlsx" => Zip(
            ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write(content);
            }
        }

        return buffer.ToArray();
    }

    private sealed class FakeEnvironment(string contentRoot) : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = Path.Combine(contentRoot, "wwwroot");

        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();

        public string ApplicationName { get; set; } = "RegionalWorkspace";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();

        public string ContentRootPath { get; set; } = contentRoot;

        public string EnvironmentName { get; set; } = "Testing";
    }

    /// <summary>A stream of <paramref name="length"/> bytes (a header, then zeros) that never holds them all; counts what was read.</summary>
    private sealed class GeneratedStream(byte[] header, long length) : Stream
    {
        private long _position;

        public long BytesRead => _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - _position);
            for (var i = 0; i < count; i++)
            {
                var at = _position + i;
                buffer[i] = at < header.Length ? header[at] : (byte)0;
            }

            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

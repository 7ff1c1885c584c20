using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.ListeningSessions;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Tests.Features.ListeningSessions;
using RegionalWorkspace.Tests.Features.Practices;
using RegionalWorkspace.Tests.Features.Studies;
using RegionalWorkspace.Tests.Features.StudyMeetings;

namespace RegionalWorkspace.Tests.Features.Shell.BadInput;

/// <summary>
/// Every upload (practice attachments, study request files, publication documents, listening contributions) sent bad
/// files: empty, one byte over the limit, a Windows program renamed .pdf, an HTML page, a shell script, a name hiding its
/// extension behind a bidi override. Each is refused on the file field with a message, and neither a row nor a file is
/// left behind. A path-traversal name keeps only its last segment: the file lands in the attachments folder, named "x.pdf".
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class BadInputFileTests(BadInputFixture fixture)
{
    public static readonly string[] Covers =
    [
        "PracticeAttachmentsService.UploadAsync", "StudyRequestsService.UploadAsync", "PublicationsService.UploadDocumentAsync",
    ];

    public static TheoryData<string> Uploads => new("practice", "study", "publication", "contribution");

    private static readonly byte[] s_pdf = StudyMeetingFixtures.PdfBytes();

    /// <summary>Bad files: what, name, content (a factory: the large one is built when needed).</summary>
    private static readonly (string What, string Name, Func<Stream> Content)[] s_badFiles =
    [
        ("an empty file", "vide.pdf", () => new MemoryStream()),
        ("one byte over the limit", "gros.pdf", () => new PaddedStream(s_pdf, FileStore.MaxBytes + 1)),
        ("a Windows program renamed .pdf", "rapport.pdf", () => new MemoryStream([.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, .. new byte[200]])),
        ("an HTML page", "page.pdf", () => new MemoryStream(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"))),
        ("a shell script", "installer.sh", () => new MemoryStream(Encoding.UTF8.GetBytes("#!/bin/sh\nrm -rf /\n"))),
        ("a PDF named .exe behind a bidi override", "facture\u202Efdp.exe", () => new MemoryStream(s_pdf)),
        ("a PDF named .html", "page.html", () => new MemoryStream(s_pdf)),
    ];

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task Upload_BadFiles_RefusedOnTheFileFieldAndNothingKept(string upload)
    {
        var (principal, id) = await PrepareAsync(upload);
        var before = await fixture.CaptureAsync();
        var problems = new List<string>();
        foreach (var (what, name, content) in s_badFiles)
        {
            await using var stream = content();
            Exception? thrown = null;
            try
            {
                await UploadAsync(upload, principal, id, name, stream);
            }
            catch (Exception ex)
            {
                thrown = ex;
            }

            if (thrown is not ValidationFailedException failed || !failed.Errors.Any(e => e.Field.StartsWith("File", StringComparison.Ordinal) && fixture.IsKnownKey(e.MessageKey)))
            {
                problems.Add($"{what}: {(thrown is null ? "accepted" : $"{thrown.GetType().Name} {thrown.Message} {(thrown as ValidationFailedException)?.Errors.FirstOrDefault()}")}");
            }
        }

        var left = (await fixture.CaptureAsync()).DiffFrom(before);
        Assert.True(problems.Count == 0 && left.Length == 0, $"{upload}:\n{string.Join("\n", problems)}\n{left}");

        // The same upload with a real PDF is accepted: the refusals were the files' doing.
        await UploadAsync(upload, principal, id, "note.pdf", new MemoryStream(s_pdf));
    }

    [Fact]
    public async Task Upload_PathTraversalName_KeepsTheLastSegmentInsideTheFolder()
    {
        var (principal, id) = await PrepareAsync("practice");
        var outside = Path.GetFullPath(Path.Combine(fixture.AttachmentsFolder, "..", "..", "evil.pdf"));

        var row = await fixture.Get<PracticeAttachmentsService>().UploadAsync(principal, id, "../../evil.pdf", new MemoryStream(s_pdf));
        var other = await fixture.Get<PracticeAttachmentsService>().UploadAsync(principal, id, "..\\..\\C:\\Windows\\evil2.pdf", new MemoryStream(s_pdf));

        Assert.Equal(("evil.pdf", "evil2.pdf"), (row.FileName, other.FileName));
        Assert.False(File.Exists(outside));
        await using var db = await fixture.Host.CreateDbContextAsync();
        var stored = await db.PracticeAttachments.Where(a => a.Id == row.Id || a.Id == other.Id).Select(a => a.StoredName).ToListAsync();
        Assert.All(stored, s => Assert.True(File.Exists(Path.Combine(fixture.AttachmentsFolder, s)) && !s.Contains("..", StringComparison.Ordinal), s));
    }

    private async Task<(ClaimsPrincipal Principal, int Id)> PrepareAsync(string upload)
    {
        switch (upload)
        {
            case "practice":
                var officer = await fixture.PrincipalAsync("officer.rsk@demo.ma");
                return (officer, await fixture.Get<PracticesService>().CreateAsync(officer, 4, PracticeFixtures.Input("Pièces jointes " + Guid.NewGuid().ToString("N")[..6])));
            case "study":
                return (await fixture.PrincipalAsync(StudyFixtures.Arm), await StudyFixtures.FileAsync(fixture.Host));
            case "publication":
                return (await fixture.PrincipalAsync(StudyMeetingFixtures.Cese), await StudyMeetingFixtures.CreatePublicationAsync(fixture.Host, approved: false));
            default:
                return (await fixture.PrincipalAsync(ListeningFixtures.RskOfficer), await ListeningFixtures.OrganiseRunningNowAsync(fixture.Host));
        }
    }

    private Task UploadAsync(string upload, ClaimsPrincipal principal, int id, string name, Stream content) => upload switch
    {
        "practice" => fixture.Get<PracticeAttachmentsService>().UploadAsync(principal, id, name, content),
        "study" => fixture.Get<StudyRequestsService>().UploadAsync(principal, id, name, content),
        "publication" => fixture.Get<PublicationsService>().UploadDocumentAsync(principal, id, name, content),
        _ => fixture.Get<ContributionsService>().ContributeAsync(principal, id, new ContributionInput { Text = "Avec une pièce jointe." }, [new ContributionUpload(name, () => content)]),
    };

    /// <summary>A stream of <paramref name="length"/> bytes starting with <paramref name="head"/>, zeros after, made as it is read.</summary>
    private sealed class PaddedStream(byte[] head, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                var at = _position + i;
                buffer[offset + i] = at < head.Length ? head[at] : (byte)0;
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

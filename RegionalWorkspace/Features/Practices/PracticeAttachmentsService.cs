using System.Globalization;
using System.IO.Compression;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.Practices;

/// <summary>
/// The files of a practice (PDF, DOCX, XLSX, PNG, JPEG; <see cref="MaxBytes"/> each). The type is read from the content,
/// the shown name is sanitised, and the file is kept under a random name in <c>Attachments:Path</c> (default
/// <c>data/attachments</c> under the content root: never under wwwroot), with its SHA-256 in the database. Editors of the
/// practice add and remove files; whoever may read the practice may download them.
/// </summary>
public sealed class PracticeAttachmentsService
{
    public const long MaxBytes = 20L * 1024 * 1024;

    /// <summary>Enough for a practice's documents and photos; a bound on what one practice can put on the disk.</summary>
    public const int MaxPerPractice = 20;

    public const int MaxFileNameLength = 120;

    /// <summary>The allowed types as the refusal names them.</summary>
    public const string AllowedTypes = "PDF, DOCX, XLSX, PNG, JPEG";

    /// <summary>What the file picker offers (a hint; the content decides).</summary>
    public const string AcceptedExtensions = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg";

    private const string FileField = "File";
    private const int CopyBufferSize = 81_920;

    private static readonly FileKind[] s_kinds =
    [
        new("application/pdf", ".pdf", [".pdf"]),
        new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", [".docx"]),
        new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", [".xlsx"]),
        new("image/png", ".png", [".png"]),
        new("image/jpeg", ".jpg", [".jpg", ".jpeg"]),
    ];

    private static readonly byte[] s_pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] s_png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] s_jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] s_zip = [0x50, 0x4B, 0x03, 0x04];

    // Characters Windows, macOS or Linux refuse in a name, and those that would let a name pose as another.
    private static readonly char[] s_invalid = ['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

    private readonly IDbContextFactory<AppDbContext> _dbFactory;
    private readonly AccessControl _access;
    private readonly PracticesService _practices;
    private readonly WorkspaceChanges _changes;
    private readonly TimeProvider _clock;
    private readonly ILogger<PracticeAttachmentsService> _logger;

    public PracticeAttachmentsService(
        IDbContextFactory<AppDbContext> dbFactory,
        AccessControl access,
        PracticesService practices,
        WorkspaceChanges changes,
        TimeProvider clock,
        IConfiguration configuration,
        IWebHostEnvironment environment,
        ILogger<PracticeAttachmentsService> logger)
    {
        _dbFactory = dbFactory;
        _access = access;
        _practices = practices;
        _changes = changes;
        _clock = clock;
        _logger = logger;
        Folder = FolderPath(configuration, environment);
    }

    /// <summary>The attachments folder (absolute).</summary>
    public string Folder { get; }

    /// <summary><c>Attachments:Path</c> (relative to the content root), else <c>data/attachments</c>; refused inside the web root.</summary>
    public static string FolderPath(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var configured = configuration["Attachments:Path"];
        var folder = Path.GetFullPath(
            string.IsNullOrWhiteSpace(configured) ? Path.Combine("data", "attachments") : configured,
            environment.ContentRootPath);
        var webRoot = string.IsNullOrEmpty(environment.WebRootPath) ? Path.Combine(environment.ContentRootPath, "wwwroot") : environment.WebRootPath;
        var relative = Path.GetRelativePath(Path.GetFullPath(webRoot), folder);
        var outside = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative);
        if (!outside)
        {
            throw new InvalidOperationException($"Attachments:Path ({folder}) is inside the web root; uploaded files must not be served as static files.");
        }

        return folder;
    }

    /// <summary>
    /// Adds <paramref name="content"/> to the practice under the sanitised <paramref name="fileName"/>. At most
    /// <see cref="MaxBytes"/> + 1 bytes are read. A refusal leaves nothing behind, on disk or in the database.
    /// </summary>
    public async Task<AttachmentRow> UploadAsync(ClaimsPrincipal principal, int practiceId, string fileName, Stream content, CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var practice = await PracticesService.LoadAsync(db, practiceId, tracking: false, ct);
        var actor = await _practices.DemandEditAsync(principal, practice, ct);
        if (practice.Attachments.Count >= MaxPerPractice)
        {
            throw Refused("Validation.TooMany", MaxPerPractice);
        }

        Directory.CreateDirectory(Folder);
        var temporary = Path.Combine(Folder, $"upload-{Guid.NewGuid():N}.tmp");
        string? unsaved = null;
        try
        {
            var (size, sha256) = await CopyAsync(content, temporary, ct);
            if (size > MaxBytes)
            {
                throw Refused("Validation.FileTooLarge", MaxBytes / (1024 * 1024));
            }

            if (size == 0)
            {
                throw Refused("Validation.FileEmpty");
            }

            var kind = await DetectAsync(temporary, ct) ?? throw Refused("Validation.FileType", AllowedTypes);
            var name = NameFor(SanitizeFileName(fileName), kind);
            var stored = $"{Guid.NewGuid():N}{kind.StoredExtension}";
            File.Move(temporary, PathOf(stored));
            unsaved = stored;

            var attachment = new PracticeAttachment
            {
                PracticeId = practice.Id,
                FileName = name,
                StoredName = stored,
                ContentType = kind.ContentType,
                Size = size,
                Sha256 = sha256,
                UploadedBy = actor.DisplayName,
                UploadedAtUtc = _clock.GetUtcNow().UtcDateTime,
            };
            db.PracticeAttachments.Add(attachment);
            await db.SaveChangesAsync(ct);
            unsaved = null;

            await _changes.PublishAsync(actor, Change(practice, attachment.FileName, ChangeKind.Created));
            return ToRow(attachment);
        }
        finally
        {
            // The temporary file is gone once moved; a moved file is kept only once its row is saved.
            DeleteQuietly(temporary);
            if (unsaved is not null)
            {
                DeleteQuietly(PathOf(unsaved));
            }
        }
    }

    /// <summary>Removes the attachment and its file (editors of the practice).</summary>
    public async Task DeleteAsync(ClaimsPrincipal principal, int attachmentId, CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var attachment = await db.PracticeAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId, ct)
            ?? throw new NotFoundException("Error.AttachmentNotFound");
        var practice = await PracticesService.LoadAsync(db, attachment.PracticeId, tracking: false, ct);
        var reader = await _access.DemandAsync(principal, UseCase.ReadPractices, ct: ct);
        if (!PracticeAccess.CanSee(reader, practice.RegionId, practice.Status))
        {
            throw new NotFoundException("Error.AttachmentNotFound");
        }

        var actor = await _practices.DemandEditAsync(principal, practice, ct);
        db.PracticeAttachments.Remove(attachment);
        await db.SaveChangesAsync(ct);
        DeleteQuietly(PathOf(attachment.StoredName));
        await _changes.PublishAsync(actor, Change(practice, attachment.FileName, ChangeKind.Deleted));
    }

    /// <summary>
    /// The attachment and its content, for whoever may read the practice. An attachment of a practice the caller may not
    /// see is reported as not found, as if it did not exist. The caller disposes the stream.
    /// </summary>
    public async Task<(AttachmentRow Row, Stream Content)> OpenAsync(ClaimsPrincipal principal, int attachmentId, CancellationToken ct = default)
    {
        var actor = await _access.DemandAsync(principal, UseCase.ReadPractices, ct: ct);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var found = await db.PracticeAttachments.AsNoTracking().Where(a => a.Id == attachmentId)
            .Join(db.Practices, a => a.PracticeId, p => p.Id, (a, p) => new { Attachment = a, p.RegionId, p.Status })
            .FirstOrDefaultAsync(ct);
        if (found is null || !PracticeAccess.CanSee(actor, found.RegionId, found.Status))
        {
            throw new NotFoundException("Error.AttachmentNotFound");
        }

        try
        {
            var stream = new FileStream(PathOf(found.Attachment.StoredName), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, CopyBufferSize, useAsync: true);
            return (ToRow(found.Attachment), stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            _logger.LogError("The file of attachment {AttachmentId} ({StoredName}) is missing from {Folder}.", attachmentId, found.Attachment.StoredName, Folder);
            throw new NotFoundException("Error.AttachmentNotFound");
        }
    }

    /// <summary>
    /// The name to show and offer on download: the last segment of <paramref name="fileName"/> (either separator), without
    /// control, bidirectional-override or reserved characters, dots and spaces trimmed, at most
    /// <see cref="MaxFileNameLength"/> characters (the extension kept). Empty when nothing usable is left.
    /// </summary>
    public static string SanitizeFileName(string? fileName)
    {
        var name = fileName ?? "";
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var kept = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            // A lone surrogate comes out as the replacement character: dropped with the rest.
            var refused = Rune.IsControl(rune) || rune == Rune.ReplacementChar || IsBidiControl(rune.Value)
                || (rune.IsBmp && Array.IndexOf(s_invalid, (char)rune.Value) >= 0);
            if (!refused)
            {
                kept.Append(rune.ToString());
            }
        }

        var trimmed = kept.ToString().Normalize(NormalizationForm.FormC).AsSpan().Trim(" .\u00A0\u3000").ToString();
        return Shorten(trimmed, MaxFileNameLength);
    }

    internal static AttachmentRow ToRow(PracticeAttachment a) =>
        new(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAtUtc);

    /// <summary>The name with the type's extension: added when the name has none, refused when it names another type.</summary>
    private static string NameFor(string sanitized, FileKind kind)
    {
        if (sanitized.Length == 0)
        {
            return "fichier" + kind.StoredExtension;
        }

        var extension = Path.GetExtension(sanitized).ToLowerInvariant();
        if (extension.Length == 0)
        {
            return Shorten(sanitized + kind.StoredExtension, MaxFileNameLength);
        }

        return kind.Extensions.Contains(extension)
            ? sanitized
            : throw Refused("Validation.FileExtension", extension.TrimStart('.').ToUpperInvariant(), kind.Extensions[0].TrimStart('.').ToUpperInvariant());
    }

    private static async Task<(long Size, string Sha256)> CopyAsync(Stream content, string path, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true);
        var buffer = new byte[CopyBufferSize];
        long size = 0;
        while (size <= MaxBytes)
        {
            var wanted = (int)Math.Min(buffer.Length, MaxBytes + 1 - size);
            var read = await content.ReadAsync(buffer.AsMemory(0, wanted), ct);
            if (read == 0)
            {
                break;
            }

            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
            size += read;
        }

        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The type the content is, from its signature (and, for a ZIP, its entries), or null.</summary>
    private static async Task<FileKind?> DetectAsync(string path, CancellationToken ct)
    {
        var head = new byte[8];
        int length;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true))
        {
            length = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        }

        var start = head.AsSpan(0, length);
        if (start.StartsWith(s_pdf))
        {
            return s_kinds[0];
        }

        if (start.StartsWith(s_png))
        {
            return s_kinds[3];
        }

        if (start.StartsWith(s_jpeg))
        {
            return s_kinds[4];
        }

        return start.StartsWith(s_zip) ? OfficeKind(path) : null;
    }

    /// <summary>DOCX or XLSX by the part every such document has; any other ZIP (or a broken one) is no allowed type.</summary>
    private static FileKind? OfficeKind(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            return names.Contains("word/document.xml") ? s_kinds[1]
                : names.Contains("xl/workbook.xml") ? s_kinds[2]
                : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private string PathOf(string storedName)
    {
        // Stored names are ours (a Guid and an extension); never let one leave the folder all the same.
        if (storedName.Length == 0 || Path.GetFileName(storedName) != storedName || storedName.StartsWith('.'))
        {
            throw new InvalidOperationException($"Unexpected stored name '{storedName}'.");
        }

        return Path.Combine(Folder, storedName);
    }

    private void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(ex, "Could not delete {Path}.", path);
        }
    }

    private static Change Change(Practice practice, string fileName, ChangeKind kind) =>
        new(Capability.Practices, "Attachment", practice.Id, practice.RegionId, kind, practice.Version, fileName,
            $"/practices/{practice.Id}", PracticesService.PracticeKey(practice.Id),
            practice.Status == PracticeStatus.Draft ? Audience.RegionAndCoordinators : Audience.SignedIn);

    private static ValidationFailedException Refused(string key, params object[] arguments) =>
        new([new FieldError(FileField, key, arguments)]);

    private static bool IsBidiControl(int c) =>
        c is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);

    /// <summary>At most <paramref name="max"/> characters, cutting the stem rather than the extension, and never a surrogate pair in half.</summary>
    private static string Shorten(string name, int max)
    {
        if (name.Length <= max)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (extension.Length >= max / 2)
        {
            extension = "";
        }

        var cut = max - extension.Length;
        if (char.IsHighSurrogate(name[cut - 1]))
        {
            cut--;
        }

        return name[..cut].TrimEnd(' ', '.') + extension;
    }

    private sealed record FileKind(string ContentType, string StoredExtension, string[] Extensions);
}

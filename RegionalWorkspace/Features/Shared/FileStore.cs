using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace RegionalWorkspace.Features.Shared;

/// <summary>A file kept by <see cref="FileStore"/>: the name to show, the name on disk, its type, size and SHA-256.</summary>
public sealed record StoredFile(string FileName, string StoredName, string ContentType, long Size, string Sha256);

/// <summary>
/// The workspace's uploaded files (practice attachments, study request files, contributions, publications): PDF, DOCX,
/// XLSX, PNG, JPEG up to <see cref="MaxBytes"/>. The type is read from the content, the shown name is sanitised, and the
/// file is kept under a random name in <c>Attachments:Path</c> (default <c>data/attachments</c> under the content root:
/// never under wwwroot). Features keep the <see cref="StoredFile"/> in their own table and decide who may read it.
/// </summary>
public sealed class FileStore(IConfiguration configuration, IWebHostEnvironment environment, ILogger<FileStore> logger)
{
    public const long MaxBytes = 20L * 1024 * 1024;

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

    /// <summary>The attachments folder (absolute).</summary>
    public string Folder { get; } = FolderPath(configuration, environment);

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
    /// Keeps <paramref name="content"/> (at most <see cref="MaxBytes"/> + 1 bytes are read) under the sanitised
    /// <paramref name="fileName"/>, or refuses it (too large, empty, not an allowed type, an extension naming another type)
    /// leaving nothing on disk. The caller saves the result in its table, and calls <see cref="DeleteQuietly"/> if that fails.
    /// </summary>
    public async Task<StoredFile> SaveAsync(string fileName, Stream content, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Folder);
        var temporary = Path.Combine(Folder, $"upload-{Guid.NewGuid():N}.tmp");
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
            return new StoredFile(name, stored, kind.ContentType, size, sha256);
        }
        finally
        {
            DeleteFile(temporary);
        }
    }

    /// <summary>The content of a stored file; <see cref="FileNotFoundException"/> if it is missing. The caller disposes it.</summary>
    public Stream OpenRead(string storedName)
    {
        try
        {
            return new FileStream(PathOf(storedName), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, CopyBufferSize, useAsync: true);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new FileNotFoundException(ex.Message, storedName, ex);
        }
    }

    /// <summary>Removes a stored file; a failure is logged, not thrown.</summary>
    public void DeleteQuietly(string storedName) => DeleteFile(PathOf(storedName));

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

    private void DeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not delete {Path}.", path);
        }
    }

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

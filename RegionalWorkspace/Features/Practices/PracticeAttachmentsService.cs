using System.Security.Claims;
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
public sealed class PracticeAttachmentsService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessControl access,
    PracticesService practices,
    WorkspaceChanges changes,
    TimeProvider clock,
    FileStore files,
    ILogger<PracticeAttachmentsService> logger)
{
    public const long MaxBytes = FileStore.MaxBytes;

    /// <summary>Enough for a practice's documents and photos; a bound on what one practice can put on the disk.</summary>
    public const int MaxPerPractice = 20;

    public const int MaxFileNameLength = FileStore.MaxFileNameLength;

    /// <summary>The allowed types as the refusal names them.</summary>
    public const string AllowedTypes = FileStore.AllowedTypes;

    /// <summary>What the file picker offers (a hint; the content decides).</summary>
    public const string AcceptedExtensions = FileStore.AcceptedExtensions;

    private const string FileField = "File";

    /// <summary>The attachments folder (absolute).</summary>
    public string Folder => files.Folder;

    /// <summary>See <see cref="FileStore.FolderPath"/>.</summary>
    public static string FolderPath(IConfiguration configuration, IWebHostEnvironment environment) => FileStore.FolderPath(configuration, environment);

    /// <summary>
    /// Adds <paramref name="content"/> to the practice under the sanitised <paramref name="fileName"/>. At most
    /// <see cref="MaxBytes"/> + 1 bytes are read. A refusal leaves nothing behind, on disk or in the database.
    /// </summary>
    public async Task<AttachmentRow> UploadAsync(ClaimsPrincipal principal, int practiceId, string fileName, Stream content, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var practice = await PracticesService.LoadAsync(db, practiceId, tracking: false, ct);
        var actor = await practices.DemandEditAsync(principal, practice, ct);
        if (practice.Attachments.Count >= MaxPerPractice)
        {
            throw Refused("Validation.TooMany", MaxPerPractice);
        }

        var stored = await files.SaveAsync(fileName, content, ct);
        try
        {
            var attachment = new PracticeAttachment
            {
                PracticeId = practice.Id,
                FileName = stored.FileName,
                StoredName = stored.StoredName,
                ContentType = stored.ContentType,
                Size = stored.Size,
                Sha256 = stored.Sha256,
                UploadedBy = actor.DisplayName,
                UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            db.PracticeAttachments.Add(attachment);
            await db.SaveChangesAsync(ct);
            await changes.PublishAsync(actor, Change(practice, attachment.FileName, ChangeKind.Created));
            return ToRow(attachment);
        }
        catch
        {
            // A file is kept only once its row is saved.
            files.DeleteQuietly(stored.StoredName);
            throw;
        }
    }

    /// <summary>Removes the attachment and its file (editors of the practice).</summary>
    public async Task DeleteAsync(ClaimsPrincipal principal, int attachmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attachment = await db.PracticeAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId, ct)
            ?? throw new NotFoundException("Error.AttachmentNotFound");
        var practice = await PracticesService.LoadAsync(db, attachment.PracticeId, tracking: false, ct);
        var reader = await access.DemandAsync(principal, UseCase.ReadPractices, ct: ct);
        if (!PracticeAccess.CanSee(reader, practice.RegionId, practice.Status))
        {
            throw new NotFoundException("Error.AttachmentNotFound");
        }

        var actor = await practices.DemandEditAsync(principal, practice, ct);
        db.PracticeAttachments.Remove(attachment);
        await db.SaveChangesAsync(ct);
        files.DeleteQuietly(attachment.StoredName);
        await changes.PublishAsync(actor, Change(practice, attachment.FileName, ChangeKind.Deleted));
    }

    /// <summary>
    /// The attachment and its content, for whoever may read the practice. An attachment of a practice the caller may not
    /// see is reported as not found, as if it did not exist. The caller disposes the stream.
    /// </summary>
    public async Task<(AttachmentRow Row, Stream Content)> OpenAsync(ClaimsPrincipal principal, int attachmentId, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ReadPractices, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.PracticeAttachments.AsNoTracking().Where(a => a.Id == attachmentId)
            .Join(db.Practices, a => a.PracticeId, p => p.Id, (a, p) => new { Attachment = a, p.RegionId, p.Status })
            .FirstOrDefaultAsync(ct);
        if (found is null || !PracticeAccess.CanSee(actor, found.RegionId, found.Status))
        {
            throw new NotFoundException("Error.AttachmentNotFound");
        }

        try
        {
            return (ToRow(found.Attachment), files.OpenRead(found.Attachment.StoredName));
        }
        catch (FileNotFoundException)
        {
            logger.LogError("The file of attachment {AttachmentId} ({StoredName}) is missing from {Folder}.", attachmentId, found.Attachment.StoredName, Folder);
            throw new NotFoundException("Error.AttachmentNotFound");
        }
    }

    /// <summary>See <see cref="FileStore.SanitizeFileName"/>.</summary>
    public static string SanitizeFileName(string? fileName) => FileStore.SanitizeFileName(fileName);

    internal static AttachmentRow ToRow(PracticeAttachment a) =>
        new(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAtUtc);

    private static Change Change(Practice practice, string fileName, ChangeKind kind) =>
        new(Capability.Practices, "Attachment", practice.Id, practice.RegionId, kind, practice.Version, fileName,
            $"/practices/{practice.Id}", PracticesService.PracticeKey(practice.Id),
            practice.Status == PracticeStatus.Draft ? Audience.RegionAndCoordinators : Audience.SignedIn);

    private static ValidationFailedException Refused(string key, params object[] arguments) =>
        new([new FieldError(FileField, key, arguments)]);
}

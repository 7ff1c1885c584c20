using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.ListeningSessions;

/// <summary>
/// Contributions to a listening session (C5): an officer of an invited region writes on behalf of the regional council
/// or of one of the invited bodies of that region, with files, from the moment the session is organised until its
/// closing time. Whoever may see the session reads them all; an officer of a region not invited is told the session does
/// not exist, for reading, contributing and downloading alike. Posted contributions are not edited; their author may
/// withdraw one before the closing time. Every new contribution is announced live to the session's audience.
/// </summary>
public sealed class ContributionsService(
    IDbContextFactory<AppDbContext> dbFactory,
    ListeningSessionsService sessions,
    WorkspaceChanges changes,
    WorkspaceTime time,
    TimeProvider clock,
    FileStore files,
    ILogger<ContributionsService> logger)
{
    /// <summary>Files one contribution may carry.</summary>
    public const int MaxFiles = 10;

    public const string FilesField = "Files";

    /// <summary>The field of the <paramref name="index"/>th file (its refusal names the file in the form).</summary>
    public static string FileField(int index) => $"{FilesField}[{index}]";

    /// <summary>
    /// Posts a contribution with its files. Nothing is kept (no row, no file) if anything is refused: the session closed,
    /// the text, the body spoken for, or any one file (its error is on <see cref="FileField"/>).
    /// </summary>
    public async Task<int> ContributeAsync(
        ClaimsPrincipal principal, int sessionId, ContributionInput input, IReadOnlyList<ContributionUpload> uploads, CancellationToken ct = default)
    {
        var actor = await sessions.ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.ListeningSessions.AsNoTracking().Include(s => s.InvitedRegions).Include(s => s.InvitedBodies).ThenInclude(b => b.Body)
            .FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        var regionIds = session?.InvitedRegions.Select(r => r.RegionId).ToList() ?? [];
        if (session is null || !CeseAccess.CanSee(actor, regionIds))
        {
            throw new NotFoundException(ListeningSessionsService.NotFoundKey);
        }

        if (actor.RegionId is not int regionId || !regionIds.Contains(regionId) || !actor.Can(UseCase.ContributeToListening, regionId))
        {
            throw new AccessDeniedException("Error.ContributeInvitedOnly");
        }

        EnsureOpen(session);
        var errors = input.Validate();
        if (input.BodyId is int bodyId && !session.InvitedBodies.Any(b => b.BodyId == bodyId && b.Body!.RegionId == regionId))
        {
            errors.Add(new(nameof(ContributionInput.BodyId), "Validation.ContributionBody"));
        }

        if (uploads.Count > MaxFiles)
        {
            errors.Add(new(FilesField, "Validation.TooMany", MaxFiles));
        }

        InputRules.ThrowIfAny(errors);

        var stored = new List<StoredFile>();
        try
        {
            for (var i = 0; i < uploads.Count; i++)
            {
                try
                {
                    await using var content = uploads[i].OpenRead();
                    stored.Add(await files.SaveAsync(uploads[i].FileName, content, ct));
                }
                catch (ValidationFailedException ex)
                {
                    throw new ValidationFailedException(ex.Errors.Select(e => e with { Field = FileField(i) }).ToList());
                }
            }

            // Sending the files took time: the closing time may have passed meanwhile.
            EnsureOpen(session);
            var now = clock.GetUtcNow().UtcDateTime;
            var contribution = new Contribution
            {
                ListeningSessionId = sessionId,
                RegionId = regionId,
                BodyId = input.BodyId,
                AuthorId = actor.UserId,
                AuthorName = actor.DisplayName,
                Text = input.Text.Trim(),
                CreatedAtUtc = now,
            };
            contribution.Attachments.AddRange(stored.Select(f => new ContributionAttachment
            {
                FileName = f.FileName,
                StoredName = f.StoredName,
                ContentType = f.ContentType,
                Size = f.Size,
                Sha256 = f.Sha256,
                UploadedAtUtc = now,
            }));
            db.Contributions.Add(contribution);
            await db.SaveChangesAsync(ct);
            await changes.PublishAsync(actor, Change(session, contribution, ChangeKind.Created));
            return contribution.Id;
        }
        catch
        {
            // A file is kept only once its contribution is saved.
            foreach (var file in stored)
            {
                files.DeleteQuietly(file.StoredName);
            }

            throw;
        }
    }

    /// <summary>
    /// The session's contributions, newest first, with their files; <paramref name="onlyIds"/> narrows them (the ones a
    /// burst of live events named).
    /// </summary>
    public async Task<IReadOnlyList<ContributionRow>> ListAsync(ClaimsPrincipal principal, int sessionId, IReadOnlyCollection<int>? onlyIds = null, CancellationToken ct = default)
    {
        var actor = await sessions.ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await DemandVisibleAsync(db, actor, sessionId, ct);
        var query = db.Contributions.AsNoTracking().Where(c => c.ListeningSessionId == sessionId);
        if (onlyIds is not null)
        {
            var ids = onlyIds.ToList();
            query = query.Where(c => ids.Contains(c.Id));
        }

        var rows = await query.OrderByDescending(c => c.CreatedAtUtc).ThenByDescending(c => c.Id)
            .Select(c => new
            {
                c.Id, c.RegionId, c.BodyId,
                BodyNameFr = db.Bodies.Where(b => b.Id == c.BodyId).Select(b => b.NameFr).FirstOrDefault(),
                BodyNameAr = db.Bodies.Where(b => b.Id == c.BodyId).Select(b => b.NameAr).FirstOrDefault(),
                c.AuthorId, c.AuthorName, c.Text, c.CreatedAtUtc,
            })
            .ToListAsync(ct);
        var contributionIds = rows.Select(r => r.Id).ToList();
        var attachments = (await db.ContributionAttachments.AsNoTracking().Where(a => contributionIds.Contains(a.ContributionId)).OrderBy(a => a.Id)
            .Select(a => new { a.ContributionId, Row = new ContributionFileRow(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedAtUtc) })
            .ToListAsync(ct)).ToLookup(a => a.ContributionId, a => a.Row);
        return rows.Select(r => new ContributionRow(r.Id, r.RegionId, r.BodyId, r.BodyNameFr, r.BodyNameAr, r.AuthorId, r.AuthorName, r.Text, r.CreatedAtUtc,
            attachments[r.Id].ToList())).ToList();
    }

    /// <summary>Withdraws one's own contribution, and its files, before the closing time.</summary>
    public async Task DeleteAsync(ClaimsPrincipal principal, int contributionId, CancellationToken ct = default)
    {
        var actor = await sessions.ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contribution = await db.Contributions.Include(c => c.Attachments).FirstOrDefaultAsync(c => c.Id == contributionId, ct)
            ?? throw new NotFoundException("Error.ContributionNotFound");
        var session = await db.ListeningSessions.AsNoTracking().Include(s => s.InvitedRegions).FirstAsync(s => s.Id == contribution.ListeningSessionId, ct);
        if (!CeseAccess.CanSee(actor, session.InvitedRegions.Select(r => r.RegionId)))
        {
            throw new NotFoundException("Error.ContributionNotFound");
        }

        if (contribution.AuthorId != actor.UserId)
        {
            throw new AccessDeniedException("Error.NotYourContribution");
        }

        EnsureOpen(session);
        var stored = contribution.Attachments.Select(a => a.StoredName).ToList();
        db.Contributions.Remove(contribution);
        await db.SaveChangesAsync(ct);
        foreach (var name in stored)
        {
            files.DeleteQuietly(name);
        }

        await changes.PublishAsync(actor, Change(session, contribution, ChangeKind.Deleted));
    }

    /// <summary>A contribution's file and its content, for whoever may see the session; otherwise not found. The caller disposes the stream.</summary>
    public async Task<(ContributionFileRow Row, Stream Content)> OpenFileAsync(ClaimsPrincipal principal, int attachmentId, CancellationToken ct = default)
    {
        var actor = await sessions.ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.ContributionAttachments.AsNoTracking().Where(a => a.Id == attachmentId)
            .Join(db.Contributions, a => a.ContributionId, c => c.Id, (a, c) => new { Attachment = a, c.ListeningSessionId })
            .FirstOrDefaultAsync(ct);
        var regionIds = found is null
            ? []
            : await db.ListeningSessionRegions.AsNoTracking().Where(r => r.ListeningSessionId == found.ListeningSessionId).Select(r => r.RegionId).ToListAsync(ct);
        if (found is null || !CeseAccess.CanSee(actor, regionIds))
        {
            throw new NotFoundException("Error.AttachmentNotFound");
        }

        var a = found.Attachment;
        try
        {
            return (new ContributionFileRow(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedAtUtc), files.OpenRead(a.StoredName));
        }
        catch (FileNotFoundException)
        {
            logger.LogError("The file of contribution attachment {AttachmentId} ({StoredName}) is missing from {Folder}.", attachmentId, a.StoredName, files.Folder);
            throw new NotFoundException("Error.AttachmentNotFound");
        }
    }

    private void EnsureOpen(ListeningSession session)
    {
        if (session.IsCancelled)
        {
            throw new ValidationFailedException([new FieldError("", "Validation.ListeningCancelled")]);
        }

        if (!ListeningRules.ContributionsOpen(session.IsCancelled, session.ContributionsCloseAtUtc, clock.GetUtcNow().UtcDateTime))
        {
            throw new ValidationFailedException([new FieldError("", "Validation.ContributionsClosed", time.ToLocal(session.ContributionsCloseAtUtc))]);
        }
    }

    private static async Task DemandVisibleAsync(AppDbContext db, Actor actor, int sessionId, CancellationToken ct)
    {
        var regionIds = await db.ListeningSessionRegions.AsNoTracking().Where(r => r.ListeningSessionId == sessionId).Select(r => r.RegionId).ToListAsync(ct);
        if (regionIds.Count == 0 || !CeseAccess.CanSee(actor, regionIds))
        {
            throw new NotFoundException(ListeningSessionsService.NotFoundKey);
        }
    }

    private static Change Change(ListeningSession session, Contribution contribution, ChangeKind kind) =>
        new(Capability.ListeningSessions, "Contribution", contribution.Id, contribution.RegionId, kind, session.Version, session.Topic,
            ListeningSessionsService.Link(session.Id), ListeningSessionsService.SessionKey(session.Id),
            Audience.ConcernedRegions, session.InvitedRegions.Select(r => r.RegionId).Order().ToList());
}

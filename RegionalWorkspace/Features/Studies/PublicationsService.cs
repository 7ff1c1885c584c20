using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.Studies;

/// <summary>
/// CESE's publications (opinions, reports, studies) and their General Assembly approval.
/// <para>
/// Who sees what: a publication the General Assembly has approved is public, so every signed-in role reads it (regional
/// officers included, whatever region it concerns). Until it is approved it is CESE's work in progress: only CESE staff
/// see it; for anyone else it does not exist (not found), and its live events reach CESE staff only
/// (<see cref="Audience.CeseStaff"/>). Only CESE staff create and edit publications, record or withdraw the approval and
/// upload the document. The approval cannot be withdrawn once a study meeting presents the publication (C6).
/// </para>
/// </summary>
public sealed class PublicationsService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessControl access,
    WorkspaceChanges changes,
    WorkspaceTime time,
    FileStore files,
    ILogger<PublicationsService> logger)
{
    /// <summary>What the document may be, as the refusal names it.</summary>
    public const string DocumentTypes = "PDF, DOCX";

    /// <summary>What the file picker offers (a hint; the content decides).</summary>
    public const string DocumentExtensions = ".pdf,.docx";

    private const string PdfType = "application/pdf";
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string DocumentField = "File";

    public static string PublicationKey(int id) => $"publication:{id}";

    public async Task<Page<PublicationRow>> ListAsync(ClaimsPrincipal principal, PublicationQuery query, CancellationToken ct = default)
    {
        var actor = await ReaderAsync(principal, ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var publications = Visible(db, actor);
        if (query.Kind is { } kind)
        {
            publications = publications.Where(p => p.Kind == kind);
        }

        if (query.Commission is { } commission)
        {
            publications = publications.Where(p => p.Commission == commission);
        }

        if (query.Approved is { } approved)
        {
            publications = approved
                ? publications.Where(p => p.AssemblySessionNumber != null && p.AssemblyApprovedOn != null)
                : publications.Where(p => p.AssemblySessionNumber == null || p.AssemblyApprovedOn == null);
        }

        if (InputRules.SearchTerm(query.Text) is { } text)
        {
            // As typed, and lower-cased on both sides (PostgreSQL's LIKE is case-sensitive; SQLite's lower() knows ASCII only).
            var typed = $"%{EscapeLike(text)}%";
            var lower = $"%{EscapeLike(text.ToLowerInvariant())}%";
            publications = publications.Where(p => EF.Functions.Like(p.TitleFr, typed, "\\") || EF.Functions.Like(p.TitleFr.ToLower(), lower, "\\")
                || EF.Functions.Like(p.TitleAr, typed, "\\")
                || (p.Summary != null && (EF.Functions.Like(p.Summary, typed, "\\") || EF.Functions.Like(p.Summary.ToLower(), lower, "\\")))
                || (p.SummaryAr != null && EF.Functions.Like(p.SummaryAr, typed, "\\")));
        }

        var total = await publications.CountAsync(ct);
        var items = await publications
            .OrderByDescending(p => p.AssemblyApprovedOn).ThenByDescending(p => p.Id)
            .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
            .Select(p => new PublicationRow(p.Id, p.TitleFr, p.TitleAr, p.Kind, p.Commission, p.AssemblySessionNumber, p.AssemblyApprovedOn, p.DocumentStoredName != null, p.Version))
            .ToListAsync(ct);
        return new Page<PublicationRow>(items, total);
    }

    public async Task<PublicationDetail> GetAsync(ClaimsPrincipal principal, int id, CancellationToken ct = default)
    {
        var actor = await ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await Visible(db, actor).FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Error.PublicationNotFound");
        AnsweredRequest? request = null;
        if (p.StudyRequestId is int requestId)
        {
            var found = await db.StudyRequests.AsNoTracking().Where(r => r.Id == requestId)
                .Select(r => new { r.Id, r.Title, r.Status, Regions = r.Regions.Select(x => x.RegionId).ToList() }).FirstOrDefaultAsync(ct);
            request = found is not null && CeseAccess.CanSee(actor, found.Regions) ? new AnsweredRequest(found.Id, found.Title, found.Status) : null;
        }

        var meetings = (await db.StudyMeetings.AsNoTracking().Where(m => m.PublicationId == id).OrderBy(m => m.StartsAtUtc)
                .Select(m => new { m.Id, m.StartsAtUtc, m.IsCancelled, Regions = m.InvitedRegions.Select(r => r.RegionId).ToList() }).ToListAsync(ct))
            .Where(m => CeseAccess.CanSee(actor, m.Regions))
            .Select(m => new PresentingMeeting(m.Id, m.StartsAtUtc, m.IsCancelled, m.Regions.Order().ToList()))
            .ToList();
        return new PublicationDetail(ToRow(p), p.StudyRequestId, request, p.Summary, p.SummaryAr, p.DocumentFileName, p.DocumentContentType, p.DocumentSize,
            p.UpdatedBy, p.UpdatedAtUtc, meetings);
    }

    /// <summary>The study requests a publication may answer: adopted by the General Assembly, or published (CESE staff).</summary>
    public async Task<IReadOnlyList<StudyRequestChoice>> RequestChoicesAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ManagePublications, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StudyRequests.AsNoTracking()
            .Where(r => r.Status == StudyRequestStatus.Adopted || r.Status == StudyRequestStatus.Published)
            .OrderByDescending(r => r.SubmittedAtUtc)
            .Select(r => new StudyRequestChoice(r.Id, r.Title, r.Status))
            .ToListAsync(ct);
    }

    public async Task<int> CreateAsync(ClaimsPrincipal principal, PublicationInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ManagePublications, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, ct);
        db.Actor = actor.DisplayName;
        var publication = new Publication { TitleFr = "", TitleAr = "" };
        Apply(publication, input);
        db.Publications.Add(publication);
        await db.SaveChangesAsync(ct);
        await PublishAsync(actor, publication, ChangeKind.Created, wasApproved: false);
        return publication.Id;
    }

    public async Task UpdateAsync(ClaimsPrincipal principal, int id, PublicationInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ManagePublications, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, ct);
        db.Actor = actor.DisplayName;
        var publication = await db.Publications.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Error.PublicationNotFound");
        Concurrency.Expect(db, publication, input.Version, () => ToInput(publication));
        Apply(publication, input);
        await Concurrency.SaveAsync(db, publication, () => ToInput(publication), ct);
        await PublishAsync(actor, publication, ChangeKind.Updated, publication.IsApproved);
    }

    /// <summary>Records (or corrects) the General Assembly's approval: a session number above zero, a date not in the future.</summary>
    public async Task ApproveAsync(ClaimsPrincipal principal, int id, ApprovalInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ManagePublications, ct: ct);
        InputRules.ThrowIfAny(input.Validate(DateOnly.FromDateTime(time.Now)));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = actor.DisplayName;
        var publication = await db.Publications.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Error.PublicationNotFound");
        var wasApproved = publication.IsApproved;
        Concurrency.Expect(db, publication, input.Version, () => ToApproval(publication));
        publication.AssemblySessionNumber = input.SessionNumber!.Value;
        publication.AssemblyApprovedOn = DateOnly.FromDateTime(input.ApprovedOn!.Value);
        await Concurrency.SaveAsync(db, publication, () => ToApproval(publication), ct);
        await PublishAsync(actor, publication, ChangeKind.Updated, wasApproved);
    }

    /// <summary>Withdraws the approval (recorded by mistake); refused once a study meeting presents the publication.</summary>
    public async Task WithdrawApprovalAsync(ClaimsPrincipal principal, int id, int version, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ManagePublications, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = actor.DisplayName;
        var publication = await db.Publications.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Error.PublicationNotFound");
        Concurrency.Expect(db, publication, version, () => ToApproval(publication));
        if (!publication.IsApproved)
        {
            return;
        }

        var presented = await db.StudyMeetings.CountAsync(m => m.PublicationId == id && !m.IsCancelled, ct);
        if (presented > 0)
        {
            throw new ValidationFailedException([new FieldError("", "Validation.ApprovalPresented", presented)]);
        }

        publication.AssemblySessionNumber = null;
        publication.AssemblyApprovedOn = null;
        await Concurrency.SaveAsync(db, publication, () => ToApproval(publication), ct);
        await PublishAsync(actor, publication, ChangeKind.Updated, wasApproved: true);
    }

    /// <summary>
    /// Uploads the document, or replaces the one there: a PDF or a DOCX (the content decides, not the name). A refusal
    /// leaves the publication and the disk as they were; a replaced file is removed once the new one is saved.
    /// </summary>
    public async Task UploadDocumentAsync(ClaimsPrincipal principal, int id, string fileName, Stream content, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ManagePublications, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = actor.DisplayName;
        var publication = await db.Publications.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Error.PublicationNotFound");
        StoredFile stored;
        try
        {
            stored = await files.SaveAsync(fileName, content, ct);
        }
        catch (ValidationFailedException ex) when (ex.Errors.Any(e => e.MessageKey == "Validation.FileType"))
        {
            throw DocumentRefused();
        }

        try
        {
            if (stored.ContentType is not (PdfType or DocxType))
            {
                throw DocumentRefused();
            }

            var previous = publication.DocumentStoredName;
            publication.DocumentFileName = stored.FileName;
            publication.DocumentStoredName = stored.StoredName;
            publication.DocumentContentType = stored.ContentType;
            publication.DocumentSize = stored.Size;
            publication.DocumentSha256 = stored.Sha256;
            await db.SaveChangesAsync(ct);
            if (previous is not null)
            {
                files.DeleteQuietly(previous);
            }
        }
        catch
        {
            // A file is kept only once the publication points to it.
            files.DeleteQuietly(stored.StoredName);
            throw;
        }

        await PublishAsync(actor, publication, ChangeKind.Updated, publication.IsApproved);
    }

    /// <summary>Removes the document (CESE staff).</summary>
    public async Task RemoveDocumentAsync(ClaimsPrincipal principal, int id, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ManagePublications, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = actor.DisplayName;
        var publication = await db.Publications.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Error.PublicationNotFound");
        if (publication.DocumentStoredName is not { } stored)
        {
            return;
        }

        publication.DocumentFileName = null;
        publication.DocumentStoredName = null;
        publication.DocumentContentType = null;
        publication.DocumentSize = null;
        publication.DocumentSha256 = null;
        await db.SaveChangesAsync(ct);
        files.DeleteQuietly(stored);
        await PublishAsync(actor, publication, ChangeKind.Updated, publication.IsApproved);
    }

    /// <summary>The document and its content, for whoever may see the publication; the caller disposes the stream.</summary>
    public async Task<(PublicationDocument Document, Stream Content)> OpenDocumentAsync(ClaimsPrincipal principal, int id, CancellationToken ct = default)
    {
        var actor = await ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var document = await Visible(db, actor).Where(p => p.Id == id && p.DocumentStoredName != null)
            .Select(p => new PublicationDocument(p.DocumentFileName!, p.DocumentStoredName!, p.DocumentContentType!, p.DocumentSha256!, p.UpdatedAtUtc))
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Error.DocumentNotFound");
        try
        {
            return (document, files.OpenRead(document.StoredName));
        }
        catch (FileNotFoundException)
        {
            logger.LogError("The document of publication {PublicationId} ({StoredName}) is missing from {Folder}.", id, document.StoredName, files.Folder);
            throw new NotFoundException("Error.DocumentNotFound");
        }
    }

    /// <summary>The reader: every role reads CESE engagement (an officer, what concerns their own region).</summary>
    private async Task<Actor> ReaderAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        var actor = await access.FindActorAsync(principal, ct) ?? throw new AccessDeniedException("Error.SignedOut");
        return actor.Can(UseCase.ReadCeseEngagement, actor.Role == WorkspaceRole.RegionalOfficer ? actor.RegionId : null)
            ? actor
            : throw new AccessDeniedException();
    }

    /// <summary>The publications <paramref name="actor"/> may see: approved ones, and for CESE staff all.</summary>
    internal static IQueryable<Publication> Visible(AppDbContext db, Actor actor)
    {
        var publications = db.Publications.AsNoTracking();
        return actor.Role == WorkspaceRole.CeseStaff
            ? publications
            : publications.Where(p => p.AssemblySessionNumber != null && p.AssemblyApprovedOn != null);
    }

    internal static PublicationInput ToInput(Publication p) => new()
    {
        TitleFr = p.TitleFr,
        TitleAr = p.TitleAr,
        Kind = p.Kind,
        Commission = p.Commission,
        StudyRequestId = p.StudyRequestId,
        Summary = p.Summary,
        SummaryAr = p.SummaryAr,
        Version = p.Version,
    };

    internal static ApprovalInput ToApproval(Publication p) => new()
    {
        SessionNumber = p.AssemblySessionNumber,
        ApprovedOn = p.AssemblyApprovedOn?.ToDateTime(TimeOnly.MinValue),
        Version = p.Version,
    };

    private static PublicationRow ToRow(Publication p) =>
        new(p.Id, p.TitleFr, p.TitleAr, p.Kind, p.Commission, p.AssemblySessionNumber, p.AssemblyApprovedOn, p.DocumentStoredName is not null, p.Version);

    private static async Task ValidateAsync(AppDbContext db, PublicationInput input, CancellationToken ct)
    {
        var errors = input.Validate();
        if (input.StudyRequestId is int requestId)
        {
            var status = await db.StudyRequests.Where(r => r.Id == requestId).Select(r => (StudyRequestStatus?)r.Status).FirstOrDefaultAsync(ct);
            if (status is null)
            {
                errors.Add(new(nameof(PublicationInput.StudyRequestId), "Validation.Choose"));
            }
            else if (status is not (StudyRequestStatus.Adopted or StudyRequestStatus.Published))
            {
                errors.Add(new(nameof(PublicationInput.StudyRequestId), "Validation.RequestNotAdopted"));
            }
        }

        InputRules.ThrowIfAny(errors);
    }

    private static void Apply(Publication p, PublicationInput input)
    {
        p.TitleFr = input.TitleFr.Trim();
        p.TitleAr = input.TitleAr.Trim();
        p.Kind = input.Kind!.Value;
        p.Commission = input.Commission!.Value;
        p.StudyRequestId = input.StudyRequestId;
        p.Summary = InputRules.Clean(input.Summary);
        p.SummaryAr = InputRules.Clean(input.SummaryAr);
    }

    private static ValidationFailedException DocumentRefused() =>
        new([new FieldError(DocumentField, "Validation.PublicationDocumentType", DocumentTypes)]);

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>A change reaches everyone once the publication is (or was) public; before that, CESE staff only.</summary>
    private Task PublishAsync(Actor actor, Publication p, ChangeKind kind, bool wasApproved) =>
        changes.PublishAsync(actor, new Change(
            Capability.Studies, "Publication", p.Id, null, kind, p.Version, p.TitleFr, $"/publications/{p.Id}", PublicationKey(p.Id),
            wasApproved || p.IsApproved ? Audience.SignedIn : Audience.CeseStaff));
}

/// <summary>A publication's document as the download endpoint serves it.</summary>
public sealed record PublicationDocument(string FileName, string StoredName, string ContentType, string Sha256, DateTime UpdatedAtUtc);

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Notifications;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.Studies;

/// <summary>
/// Study requests (C4): ARM and DGCT coordinators file them; CESE staff move them through <see cref="StudyWorkflow"/>,
/// plan their milestones and record the General Assembly's adoption. Every move is checked against the workflow table,
/// is conflict-safe (it names the version it was based on) and is written to the request's history in the same save.
/// After each commit the change goes live to whoever may see the request, and the requester and the officers of the
/// regions concerned are notified (CESE staff too when a request is filed), never the person who made the change.
/// </summary>
public sealed class StudyRequestsService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessControl access,
    WorkspaceChanges changes,
    NotificationsService notifications,
    WorkspaceTime time,
    TimeProvider clock,
    FileStore files,
    ILogger<StudyRequestsService> logger)
{
    /// <summary>A bound on what one request can put on the disk.</summary>
    public const int MaxAttachments = 20;

    public const string EntityType = "StudyRequest";
    public const string MilestoneEntityType = "StudyMilestone";
    public const string AttachmentEntityType = "Attachment";

    public static string StudyKey(int id) => $"study:{id}";

    public static string Link(int id) => $"/studies/{id}";

    public static string DownloadUrl(int attachmentId) => $"/studies/attachments/{attachmentId}";

    /// <summary>Requests the reader may see (officers: those concerning their region), newest first.</summary>
    public async Task<Page<StudyRequestRow>> ListAsync(ClaimsPrincipal principal, StudyRequestQuery query, CancellationToken ct = default)
    {
        var actor = await ReaderAsync(principal, ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        var page = Math.Max(0, query.Page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var requests = db.StudyRequests.AsNoTracking();
        if (actor.Role == WorkspaceRole.RegionalOfficer)
        {
            var own = actor.RegionId ?? -1;
            requests = requests.Where(r => r.Regions.Any(x => x.RegionId == own));
        }

        if (query.Status is { } status)
        {
            requests = requests.Where(r => r.Status == status);
        }

        if (query.Scope is { } scope)
        {
            requests = requests.Where(r => r.Scope == scope);
        }

        if (query.Requester is { } requester)
        {
            requests = requests.Where(r => r.Requester == requester);
        }

        if (query.RegionId is { } regionId)
        {
            requests = requests.Where(r => r.Regions.Any(x => x.RegionId == regionId));
        }

        var total = await requests.CountAsync(ct);
        var rows = await requests.OrderByDescending(r => r.SubmittedAtUtc).ThenByDescending(r => r.Id)
            .Skip(page * pageSize).Take(pageSize)
            .Select(r => new
            {
                r.Id, r.Title, r.Scope, r.Requester, r.Status, r.SubmittedAtUtc, r.Version,
                Name = db.Users.Where(u => u.Id == r.RequestedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var regions = (await db.StudyRequestRegions.AsNoTracking().Where(x => ids.Contains(x.StudyRequestId))
            .Select(x => new { x.StudyRequestId, x.RegionId }).ToListAsync(ct)).ToLookup(x => x.StudyRequestId, x => x.RegionId);
        return new Page<StudyRequestRow>(
            rows.Select(r => new StudyRequestRow(r.Id, r.Title, r.Scope, r.Requester, r.Name ?? "", r.Status, r.SubmittedAtUtc, regions[r.Id].Order().ToList(), r.Version)).ToList(),
            total);
    }

    /// <summary>The request with its regions, milestones, history, files and publications; one the reader may not see is not found.</summary>
    public async Task<StudyRequestDetail> GetAsync(ClaimsPrincipal principal, int id, CancellationToken ct = default)
    {
        var actor = await ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var regionIds = await db.StudyRequestRegions.AsNoTracking().Where(x => x.StudyRequestId == id).Select(x => x.RegionId).OrderBy(x => x).ToListAsync(ct);
        var r = await db.StudyRequests.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id, x.Title, x.Question, x.Rationale, x.Scope, x.Requester, x.RequestedByUserId, x.DesiredTimeline, x.DesiredBy, x.Status,
                x.Commission, x.Rapporteur, x.DeclineReason, x.AssemblySessionNumber, x.AssemblyDate, x.SubmittedAtUtc, x.Version, x.UpdatedBy,
                Name = db.Users.Where(u => u.Id == x.RequestedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (r is null || !CeseAccess.CanSee(actor, regionIds))
        {
            throw new NotFoundException("Error.StudyRequestNotFound");
        }

        var milestones = await db.StudyMilestones.AsNoTracking().Where(m => m.StudyRequestId == id).OrderBy(m => m.DueOn).ThenBy(m => m.Id)
            .Select(m => new StudyMilestoneRow(m.Id, m.Title, m.DueOn, m.DoneOn)).ToListAsync(ct);
        var history = await db.StudyRequestEvents.AsNoTracking().Where(e => e.StudyRequestId == id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id)
            .Select(e => new StudyHistoryRow(e.Id, e.AtUtc, e.ActorName, e.FromStatus, e.ToStatus, e.Note)).ToListAsync(ct);
        var attachments = await db.StudyRequestAttachments.AsNoTracking().Where(a => a.StudyRequestId == id).OrderBy(a => a.Id)
            .Select(a => new StudyAttachmentRow(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAtUtc)).ToListAsync(ct);
        var publications = await db.Publications.AsNoTracking().Where(p => p.StudyRequestId == id).OrderBy(p => p.Id)
            .Select(p => new StudyPublicationRow(p.Id, p.TitleFr, p.TitleAr)).ToListAsync(ct);
        return new StudyRequestDetail(
            r.Id, r.Title, r.Question, r.Rationale, r.Scope, r.Requester, r.RequestedByUserId, r.Name ?? "", r.DesiredTimeline, r.DesiredBy, r.Status,
            r.Commission, r.Rapporteur, r.DeclineReason, r.AssemblySessionNumber, r.AssemblyDate, r.SubmittedAtUtc, regionIds,
            milestones, history, attachments, publications, r.Version, r.UpdatedBy);
    }

    /// <summary>Files a request (ARM and DGCT coordinators); who requests it follows from the coordinator's role.</summary>
    public async Task<int> FileAsync(ClaimsPrincipal principal, StudyRequestInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.FileStudyRequests, ct: ct);
        var requester = actor.Role switch
        {
            WorkspaceRole.ArmCoordinator => StudyRequester.Arm,
            WorkspaceRole.DgctCoordinator => StudyRequester.Dgct,
            _ => throw new AccessDeniedException(),
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, ct);
        db.Actor = actor.DisplayName;
        var now = clock.GetUtcNow().UtcDateTime;
        var request = new StudyRequest
        {
            Title = "",
            Question = "",
            Rationale = "",
            Requester = requester,
            RequestedByUserId = actor.UserId,
            Status = StudyRequestStatus.Submitted,
            SubmittedAtUtc = now,
        };
        Apply(request, input);
        request.History.Add(new StudyRequestEvent { AtUtc = now, ActorId = actor.UserId, ActorName = actor.DisplayName, FromStatus = null, ToStatus = StudyRequestStatus.Submitted });
        db.StudyRequests.Add(request);
        await db.SaveChangesAsync(ct);
        await AfterCommitAsync(actor, request, EntityType, ChangeKind.Created, "Notification.StudyFiled", toCeseStaff: true, ct: ct);
        return request.Id;
    }

    /// <summary>Changes a request while it is submitted (its requester only).</summary>
    public async Task UpdateAsync(ClaimsPrincipal principal, int id, StudyRequestInput input, CancellationToken ct = default)
    {
        var actor = await ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await LoadVisibleAsync(db, actor, id, ct);
        if (!actor.Can(UseCase.FileStudyRequests) || request.RequestedByUserId != actor.UserId)
        {
            throw new AccessDeniedException("Error.NotYourStudyRequest");
        }

        db.Actor = actor.DisplayName;
        Concurrency.Expect(db, request, input.Version, () => ToInput(request));
        if (request.Status != StudyRequestStatus.Submitted)
        {
            throw new ValidationFailedException([new FieldError("", "Validation.StudyNotEditable")]);
        }

        await ValidateAsync(db, input, ct);
        var before = request.Regions.Select(x => x.RegionId).ToList();
        Apply(request, input);
        await Concurrency.SaveAsync(db, request, () => ToInput(request), ct);
        await AfterCommitAsync(actor, request, EntityType, ChangeKind.Updated, "Notification.StudyEdited", extraRegions: before, ct: ct);
    }

    /// <summary>Submitted → under review (CESE staff).</summary>
    public Task StartReviewAsync(ClaimsPrincipal principal, int id, int version, CancellationToken ct = default) =>
        TransitionAsync(principal, id, StudyRequestStatus.UnderReview, version, (_, _) => Task.FromResult<string?>(null), ct);

    /// <summary>Under review → accepted as a self-referral, assigned to a commission and a rapporteur (CESE staff).</summary>
    public Task AcceptAsync(ClaimsPrincipal principal, int id, AcceptInput input, CancellationToken ct = default) =>
        TransitionAsync(principal, id, StudyRequestStatus.Accepted, input.Version, (_, request) =>
        {
            InputRules.ThrowIfAny(input.Validate());
            request.Commission = input.Commission;
            request.Rapporteur = input.Rapporteur!.Trim();
            return Task.FromResult(InputRules.Clean(input.Note));
        }, ct);

    /// <summary>Under review → declined, with the reason (CESE staff).</summary>
    public Task DeclineAsync(ClaimsPrincipal principal, int id, DeclineInput input, CancellationToken ct = default) =>
        TransitionAsync(principal, id, StudyRequestStatus.Declined, input.Version, (_, request) =>
        {
            InputRules.ThrowIfAny(input.Validate());
            request.DeclineReason = input.Reason!.Trim();
            return Task.FromResult<string?>(request.DeclineReason);
        }, ct);

    /// <summary>Accepted → in progress, adding <see cref="StartInput.Milestones"/>; at least one milestone in all (CESE staff).</summary>
    public Task StartAsync(ClaimsPrincipal principal, int id, StartInput input, CancellationToken ct = default) =>
        TransitionAsync(principal, id, StudyRequestStatus.InProgress, input.Version, async (db, request) =>
        {
            var errors = input.Validate();
            var planned = await db.StudyMilestones.CountAsync(m => m.StudyRequestId == request.Id, ct);
            if (planned + input.Milestones.Count == 0)
            {
                errors.Add(new(nameof(StartInput.Milestones), "Validation.MilestoneRequired"));
            }

            InputRules.ThrowIfAny(errors);
            db.StudyMilestones.AddRange(input.Milestones.Select(m => new StudyMilestone { StudyRequestId = request.Id, Title = m.Title.Trim(), DueOn = m.DueOn!.Value }));
            return null;
        }, ct);

    /// <summary>In progress → adopted by the General Assembly: its session number and date, not in the future (CESE staff).</summary>
    public Task AdoptAsync(ClaimsPrincipal principal, int id, AdoptInput input, CancellationToken ct = default) =>
        TransitionAsync(principal, id, StudyRequestStatus.Adopted, input.Version, (_, request) =>
        {
            InputRules.ThrowIfAny(input.Validate(Today));
            request.AssemblySessionNumber = input.SessionNumber;
            request.AssemblyDate = input.Date;
            return Task.FromResult<string?>(null);
        }, ct);

    /// <summary>Adopted → published, optionally naming the publication that answers it (which then points to it) (CESE staff).</summary>
    public Task PublishAsync(ClaimsPrincipal principal, int id, PublishInput input, CancellationToken ct = default) =>
        TransitionAsync(principal, id, StudyRequestStatus.Published, input.Version, async (db, request) =>
        {
            if (input.PublicationId is not { } publicationId)
            {
                return null;
            }

            var publication = await db.Publications.FirstOrDefaultAsync(p => p.Id == publicationId, ct)
                ?? throw new ValidationFailedException([new FieldError(nameof(PublishInput.PublicationId), "Validation.Choose")]);
            if (publication.StudyRequestId is { } other && other != request.Id)
            {
                throw new ValidationFailedException([new FieldError(nameof(PublishInput.PublicationId), "Validation.PublicationOfAnotherRequest")]);
            }

            publication.StudyRequestId = request.Id;
            return null;
        }, ct);

    /// <summary>The publications that may be named when publishing: those answering no request, or this one.</summary>
    public async Task<IReadOnlyList<StudyPublicationRow>> PublicationChoicesAsync(ClaimsPrincipal principal, int id, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.DecideStudyRequests, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Publications.AsNoTracking().Where(p => p.StudyRequestId == null || p.StudyRequestId == id).OrderBy(p => p.TitleFr)
            .Select(p => new StudyPublicationRow(p.Id, p.TitleFr, p.TitleAr)).ToListAsync(ct);
    }

    /// <summary>Plans a milestone while the study is accepted or in progress (CESE staff).</summary>
    public Task AddMilestoneAsync(ClaimsPrincipal principal, int id, MilestoneInput input, int version, CancellationToken ct = default) =>
        MilestonesAsync(principal, id, version, ChangeKind.Created, (db, request) =>
        {
            InputRules.ThrowIfAny(input.Validate());
            db.StudyMilestones.Add(new StudyMilestone { StudyRequestId = request.Id, Title = input.Title.Trim(), DueOn = input.DueOn!.Value });
            return Task.CompletedTask;
        }, ct);

    public Task UpdateMilestoneAsync(ClaimsPrincipal principal, int id, int milestoneId, MilestoneInput input, int version, CancellationToken ct = default) =>
        MilestonesAsync(principal, id, version, ChangeKind.Updated, async (db, request) =>
        {
            var milestone = await MilestoneAsync(db, request.Id, milestoneId, ct);
            InputRules.ThrowIfAny(input.Validate());
            milestone.Title = input.Title.Trim();
            milestone.DueOn = input.DueOn!.Value;
        }, ct);

    /// <summary>Marks a milestone done today (Morocco), or not done.</summary>
    public Task SetMilestoneDoneAsync(ClaimsPrincipal principal, int id, int milestoneId, bool done, int version, CancellationToken ct = default) =>
        MilestonesAsync(principal, id, version, ChangeKind.Updated, async (db, request) =>
        {
            var milestone = await MilestoneAsync(db, request.Id, milestoneId, ct);
            milestone.DoneOn = done ? milestone.DoneOn ?? Today : null;
        }, ct);

    /// <summary>Adds a file: the requester while the request is submitted, CESE staff at any time. A refusal leaves nothing behind.</summary>
    public async Task<StudyAttachmentRow> UploadAsync(ClaimsPrincipal principal, int id, string fileName, Stream content, CancellationToken ct = default)
    {
        var actor = await ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await LoadVisibleAsync(db, actor, id, ct);
        if (!StudyWorkflow.CanAttach(actor, request.RequestedByUserId, request.Status))
        {
            throw new AccessDeniedException("Error.StudyFilesClosed");
        }

        if (await db.StudyRequestAttachments.CountAsync(a => a.StudyRequestId == id, ct) >= MaxAttachments)
        {
            throw new ValidationFailedException([new FieldError("File", "Validation.TooMany", MaxAttachments)]);
        }

        var stored = await files.SaveAsync(fileName, content, ct);
        try
        {
            var attachment = new StudyRequestAttachment
            {
                StudyRequestId = id,
                FileName = stored.FileName,
                StoredName = stored.StoredName,
                ContentType = stored.ContentType,
                Size = stored.Size,
                Sha256 = stored.Sha256,
                UploadedBy = actor.DisplayName,
                UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            db.StudyRequestAttachments.Add(attachment);
            await db.SaveChangesAsync(ct);
            await AfterCommitAsync(actor, request, AttachmentEntityType, ChangeKind.Created, "Notification.StudyAttachment", ct: ct);
            return ToRow(attachment);
        }
        catch
        {
            // A file is kept only once its row is saved.
            files.DeleteQuietly(stored.StoredName);
            throw;
        }
    }

    /// <summary>Removes a file (the same people who may add one).</summary>
    public async Task DeleteAttachmentAsync(ClaimsPrincipal principal, int attachmentId, CancellationToken ct = default)
    {
        var actor = await ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attachment = await db.StudyRequestAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId, ct)
            ?? throw new NotFoundException("Error.AttachmentNotFound");
        StudyRequest request;
        try
        {
            request = await LoadVisibleAsync(db, actor, attachment.StudyRequestId, ct);
        }
        catch (NotFoundException)
        {
            throw new NotFoundException("Error.AttachmentNotFound");
        }

        if (!StudyWorkflow.CanAttach(actor, request.RequestedByUserId, request.Status))
        {
            throw new AccessDeniedException("Error.StudyFilesClosed");
        }

        db.StudyRequestAttachments.Remove(attachment);
        await db.SaveChangesAsync(ct);
        files.DeleteQuietly(attachment.StoredName);
        await AfterCommitAsync(actor, request, AttachmentEntityType, ChangeKind.Deleted, null, ct: ct);
    }

    /// <summary>A file and its content, for whoever may read its request (others: not found). The caller disposes the stream.</summary>
    public async Task<(StudyAttachmentRow Row, Stream Content)> OpenAttachmentAsync(ClaimsPrincipal principal, int attachmentId, CancellationToken ct = default)
    {
        var actor = await ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attachment = await db.StudyRequestAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId, ct);
        var regionIds = attachment is null ? [] : await db.StudyRequestRegions.Where(x => x.StudyRequestId == attachment.StudyRequestId).Select(x => x.RegionId).ToListAsync(ct);
        if (attachment is null || !CeseAccess.CanSee(actor, regionIds))
        {
            throw new NotFoundException("Error.AttachmentNotFound");
        }

        try
        {
            return (ToRow(attachment), files.OpenRead(attachment.StoredName));
        }
        catch (FileNotFoundException)
        {
            logger.LogError("The file of study attachment {AttachmentId} ({StoredName}) is missing.", attachmentId, attachment.StoredName);
            throw new NotFoundException("Error.AttachmentNotFound");
        }
    }

    private DateOnly Today => DateOnly.FromDateTime(time.Now);

    /// <summary>
    /// The one way a request changes status: visible to the actor (else not found), the move's role (else refused), the
    /// version the actor saw (else a conflict), the move allowed from the current status (else refused, naming both),
    /// then <paramref name="apply"/> (checks its own fields and sets them; returns the history note). Status, fields and
    /// the history line are saved together.
    /// </summary>
    private async Task TransitionAsync(
        ClaimsPrincipal principal, int id, StudyRequestStatus to, int version, Func<AppDbContext, StudyRequest, Task<string?>> apply, CancellationToken ct)
    {
        var actor = await ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await LoadVisibleAsync(db, actor, id, ct);
        if (!StudyWorkflow.Transitions.Any(t => t.To == to && t.By == actor.Role))
        {
            throw new AccessDeniedException();
        }

        db.Actor = actor.DisplayName;
        Concurrency.Expect(db, request, version, () => ToInput(request));
        var from = request.Status;
        if (!StudyWorkflow.Allows(from, to, actor.Role))
        {
            throw new StudyTransitionRefusedException(from, to);
        }

        var note = await apply(db, request);
        request.Status = to;
        db.StudyRequestEvents.Add(new StudyRequestEvent
        {
            StudyRequestId = request.Id,
            AtUtc = clock.GetUtcNow().UtcDateTime,
            ActorId = actor.UserId,
            ActorName = actor.DisplayName,
            FromStatus = from,
            ToStatus = to,
            Note = note,
        });
        await Concurrency.SaveAsync(db, request, () => ToInput(request), ct);
        await AfterCommitAsync(actor, request, EntityType, ChangeKind.Updated, $"Notification.Study{to}", ct: ct);
    }

    /// <summary>Milestone changes: CESE staff, while the study is accepted or in progress, based on the version they saw.</summary>
    private async Task MilestonesAsync(ClaimsPrincipal principal, int id, int version, ChangeKind kind, Func<AppDbContext, StudyRequest, Task> change, CancellationToken ct)
    {
        var actor = await ReaderAsync(principal, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await LoadVisibleAsync(db, actor, id, ct);
        if (!actor.Can(UseCase.DecideStudyRequests))
        {
            throw new AccessDeniedException();
        }

        db.Actor = actor.DisplayName;
        Concurrency.Expect(db, request, version, () => ToInput(request));
        if (!StudyWorkflow.MilestonesOpen(request.Status))
        {
            throw new ValidationFailedException([new FieldError("", "Validation.MilestonesClosed")]);
        }

        await change(db, request);
        await Concurrency.SaveAsync(db, request, () => ToInput(request), ct);
        await AfterCommitAsync(actor, request, MilestoneEntityType, kind, "Notification.StudyMilestones", ct: ct);
    }

    private static async Task<StudyMilestone> MilestoneAsync(AppDbContext db, int requestId, int milestoneId, CancellationToken ct) =>
        await db.StudyMilestones.FirstOrDefaultAsync(m => m.Id == milestoneId && m.StudyRequestId == requestId, ct)
            ?? throw new NotFoundException("Error.MilestoneNotFound");

    private async Task<Actor> ReaderAsync(ClaimsPrincipal principal, CancellationToken ct) =>
        await access.FindActorAsync(principal, ct) ?? throw new AccessDeniedException("Error.SignedOut");

    /// <summary>The request (tracked, with its regions), if the actor may see it; otherwise not found, as if it did not exist.</summary>
    private static async Task<StudyRequest> LoadVisibleAsync(AppDbContext db, Actor actor, int id, CancellationToken ct)
    {
        var request = await db.StudyRequests.Include(r => r.Regions).FirstOrDefaultAsync(r => r.Id == id, ct);
        return request is not null && CeseAccess.CanSee(actor, request.Regions.Select(x => x.RegionId))
            ? request
            : throw new NotFoundException("Error.StudyRequestNotFound");
    }

    private async Task ValidateAsync(AppDbContext db, StudyRequestInput input, CancellationToken ct)
    {
        var errors = input.Validate(Today);
        var regionIds = input.RegionIds.Distinct().ToList();
        if (regionIds.Count > 0 && await db.Regions.CountAsync(r => regionIds.Contains(r.Id), ct) != regionIds.Count)
        {
            errors.Add(new(nameof(StudyRequestInput.RegionIds), "Validation.Choose"));
        }

        InputRules.ThrowIfAny(errors);
    }

    private static void Apply(StudyRequest request, StudyRequestInput input)
    {
        request.Title = input.Title.Trim();
        request.Question = input.Question.Trim();
        request.Rationale = input.Rationale.Trim();
        request.Scope = input.Scope!.Value;
        request.DesiredTimeline = InputRules.Clean(input.DesiredTimeline);
        request.DesiredBy = input.DesiredBy;
        var regions = input.RegionIds.Distinct().ToList();
        request.Regions.RemoveAll(r => !regions.Contains(r.RegionId));
        request.Regions.AddRange(regions.Where(id => request.Regions.All(r => r.RegionId != id)).Select(id => new StudyRequestRegion { RegionId = id }));
    }

    internal static StudyRequestInput ToInput(StudyRequest r) => new()
    {
        Title = r.Title,
        Question = r.Question,
        Rationale = r.Rationale,
        Scope = r.Scope,
        RegionIds = r.Regions.Select(x => x.RegionId).Order().ToList(),
        DesiredTimeline = r.DesiredTimeline,
        DesiredBy = r.DesiredBy,
        Version = r.Version,
    };

    private static StudyAttachmentRow ToRow(StudyRequestAttachment a) => new(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAtUtc);

    /// <summary>
    /// The live event (to everyone who may see the request, on every server) and the notifications: the requester and
    /// the officers of the regions concerned (and CESE staff for a new request), but not the actor.
    /// </summary>
    private async Task AfterCommitAsync(
        Actor actor, StudyRequest request, string entityType, ChangeKind kind, string? messageKey,
        bool toCeseStaff = false, IReadOnlyList<int>? extraRegions = null, CancellationToken ct = default)
    {
        var regionIds = request.Regions.Select(x => x.RegionId).Concat(extraRegions ?? []).Distinct().Order().ToList();
        await changes.PublishAsync(actor, new Change(
            Capability.Studies, entityType, request.Id, null, kind, request.Version, request.Title, Link(request.Id), StudyKey(request.Id),
            Audience.ConcernedRegions, regionIds));
        if (messageKey is null)
        {
            return;
        }

        try
        {
            var recipients = await RecipientsAsync(request.RequestedByUserId, request.Regions.Select(x => x.RegionId).ToList(), toCeseStaff, ct);
            await notifications.NotifyAsync(recipients.Where(id => id != actor.UserId), messageKey, [request.Title, actor.DisplayName], Link(request.Id), ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            logger.LogError(ex, "Could not notify about study request {Id}.", request.Id);
        }
    }

    private async Task<List<string>> RecipientsAsync(string requesterId, IReadOnlyList<int> regionIds, bool toCeseStaff, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var officer = WorkspaceRole.RegionalOfficer.ToString();
        var cese = WorkspaceRole.CeseStaff.ToString();
        var recipients = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(role => role.Id == ur.RoleId
                && ((role.Name == officer && u.RegionId != null && regionIds.Contains(u.RegionId.Value)) || (toCeseStaff && role.Name == cese)))))
            .Select(u => u.Id)
            .ToListAsync(ct);
        recipients.Add(requesterId);
        return recipients;
    }
}

using System.Security.Claims;
using System.Text.Json;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.Practices;

/// <summary>
/// The good-practice library: write and edit a region's practices together (versioned, conflict-safe), publish and
/// archive them, find them, comment on them and adopt them. Drafts stay within their region and the coordinators.
/// </summary>
public sealed class PracticesService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessControl access,
    IPracticeSearch search,
    WorkspaceChanges changes,
    TimeProvider clock)
{
    public static string PracticeKey(int id) => $"practice:{id}";

    public async Task<Page<PracticeRow>> SearchAsync(ClaimsPrincipal principal, PracticeQuery query, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ReadPractices, ct: ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var practices = db.Practices.AsNoTracking().Visible(actor);
        if (query.RegionId is { } regionId)
        {
            practices = practices.Where(p => p.RegionId == regionId);
        }

        if (query.Theme is { } theme && theme != PracticeThemes.None)
        {
            practices = practices.Where(p => (p.Themes & theme) == theme);
        }

        if (query.Commitment is { } commitment)
        {
            practices = practices.Where(p => p.Commitment == commitment);
        }

        practices = query.Status is { } status
            ? practices.Where(p => p.Status == status)
            : practices.Where(p => p.Status != PracticeStatus.Archived);

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = query.Tag.Trim().ToLowerInvariant();
            practices = practices.Where(p => p.Tags.Any(t => t.Tag == tag));
        }

        var words = SearchText.Words(query.Text);
        if (words.Count > 0)
        {
            var matching = search.Ids(db, words);
            practices = practices.Where(p => matching.Contains(p.Id));
        }

        // Relevance is computed only when it orders the page; counting and the other orders need the ids alone.
        var total = await practices.CountAsync(ct);
        var scored = words.Count > 0 && query.Sort == PracticeSort.Relevance
            ? from p in practices join m in search.Match(db, words) on p.Id equals m.PracticeId select new { Practice = p, m.Score }
            : practices.Select(p => new { Practice = p, Score = 0.0 });

        var ordered = query.Sort switch
        {
            PracticeSort.Newest => scored.OrderByDescending(x => x.Practice.UpdatedAtUtc).ThenByDescending(x => x.Practice.Id),
            PracticeSort.Title => scored.OrderBy(x => x.Practice.Texts.OrderBy(t => t.Language).Select(t => t.Title).FirstOrDefault()).ThenBy(x => x.Practice.Id),
            PracticeSort.MostAdopted => scored.OrderByDescending(x => x.Practice.Adoptions.Count).ThenByDescending(x => x.Practice.Id),
            _ => words.Count > 0
                ? scored.OrderByDescending(x => x.Score).ThenByDescending(x => x.Practice.Id)
                : scored.OrderByDescending(x => x.Practice.UpdatedAtUtc).ThenByDescending(x => x.Practice.Id),
        };
        // The page's ids first (ordered by relevance where there is a text), then their rows.
        var ids = await ordered.Skip(Math.Max(query.Page, 0) * pageSize).Take(pageSize).Select(x => x.Practice.Id).ToListAsync(ct);
        var rows = await db.Practices.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new PracticeRow(
                p.Id, p.RegionId, p.Region!.Code, p.Region.NameFr, p.Region.NameAr, p.Commitment, p.Status, p.Themes,
                p.Texts.OrderBy(t => t.Language).Select(t => new PracticeTextRow(t.Language, t.Title, t.Summary, "")).ToList(),
                p.Tags.OrderBy(t => t.Tag).Select(t => t.Tag).ToList(),
                p.Adoptions.Count,
                p.UpdatedAtUtc))
            .ToDictionaryAsync(r => r.Id, ct);
        var items = ids.Select(id => rows[id]).ToList();
        return new Page<PracticeRow>(items, total);
    }

    public async Task<PracticeDetail> GetAsync(ClaimsPrincipal principal, int id, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ReadPractices, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var practice = await LoadAsync(db, id, tracking: false, ct);
        if (!PracticeAccess.CanSee(actor, practice.RegionId, practice.Status))
        {
            // A draft of another region does not exist, as far as this reader is concerned.
            throw new NotFoundException("Error.PracticeNotFound");
        }

        var region = await db.Regions.AsNoTracking().Where(r => r.Id == practice.RegionId).Select(r => new { r.Code, r.NameFr, r.NameAr }).SingleAsync(ct);
        var body = practice.BodyId is null ? null
            : await db.Bodies.AsNoTracking().Where(b => b.Id == practice.BodyId).Select(b => new { b.NameFr, b.NameAr }).FirstOrDefaultAsync(ct);
        var regionNames = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => (r.NameFr, r.NameAr), ct);
        return new PracticeDetail(
            practice.Id, practice.RegionId, region.Code, region.NameFr, region.NameAr, practice.Status, practice.BodyId, body?.NameFr, body?.NameAr,
            ToInput(practice), practice.Version, practice.UpdatedBy, practice.UpdatedAtUtc, practice.PublishedAtUtc,
            practice.Attachments.OrderBy(a => a.Id).Select(a => new AttachmentRow(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAtUtc)).ToList(),
            practice.Comments.OrderBy(c => c.Id).Select(c => new CommentRow(c.Id, c.AuthorName, c.AuthorRegionId, c.Text, c.AtUtc)).ToList(),
            practice.Adoptions.OrderBy(a => a.AtUtc).Select(a => new AdoptionRow(a.RegionId, regionNames[a.RegionId].NameFr, regionNames[a.RegionId].NameAr, a.AdoptedBy, a.Note, a.AtUtc)).ToList());
    }

    /// <summary>A new draft in <paramref name="regionId"/>; its first version is kept.</summary>
    public async Task<int> CreateAsync(ClaimsPrincipal principal, int regionId, PracticeInput input, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.EditPractices, regionId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ValidateAsync(db, regionId, input, ct);
        db.Actor = actor.DisplayName;
        var now = clock.GetUtcNow().UtcDateTime;
        var practice = new Practice { RegionId = regionId, Status = PracticeStatus.Draft, CreatedAtUtc = now };
        Apply(practice, input);
        practice.Versions.Add(NewVersion(1, actor, now, input));
        db.Practices.Add(practice);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await IndexAsync(db, practice, ct);
        await transaction.CommitAsync(ct);
        await changes.PublishAsync(actor, Change(practice, ChangeKind.Created));
        return practice.Id;
    }

    public async Task UpdateAsync(ClaimsPrincipal principal, int id, PracticeInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var practice = await LoadAsync(db, id, tracking: true, ct);
        var actor = await DemandEditAsync(principal, practice, ct);
        await ValidateAsync(db, practice.RegionId, input, ct);
        await SaveNewVersionAsync(db, practice, actor, input.Version, input, ct);
    }

    /// <summary>Draft → published → archived; an archived practice can be published again.</summary>
    public async Task SetStatusAsync(ClaimsPrincipal principal, int id, PracticeStatus status, int version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var practice = await LoadAsync(db, id, tracking: true, ct);
        var actor = await DemandEditAsync(principal, practice, ct);
        var allowed = (practice.Status, status) is (PracticeStatus.Draft, PracticeStatus.Published)
            or (PracticeStatus.Published, PracticeStatus.Archived)
            or (PracticeStatus.Archived, PracticeStatus.Published);
        if (!allowed)
        {
            throw new ValidationFailedException([new FieldError("Status", "Validation.StatusTransition")]);
        }

        db.Actor = actor.DisplayName;
        Concurrency.Expect(db, practice, version, () => ToInput(practice));
        practice.Status = status;
        practice.PublishedAtUtc ??= status == PracticeStatus.Published ? clock.GetUtcNow().UtcDateTime : null;
        await Concurrency.SaveAsync(db, practice, () => ToInput(practice), ct);
        await changes.PublishAsync(actor, Change(practice, ChangeKind.Updated));
    }

    public async Task<IReadOnlyList<VersionRow>> ListVersionsAsync(ClaimsPrincipal principal, int id, CancellationToken ct = default)
    {
        await GetAsync(principal, id, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PracticeVersions.AsNoTracking().Where(v => v.PracticeId == id).OrderByDescending(v => v.Number)
            .Select(v => new VersionRow(v.Number, v.SavedAtUtc, v.SavedBy)).ToListAsync(ct);
    }

    /// <summary>A line diff between two saved versions, as the practice reads (labelled fields, then each text).</summary>
    public async Task<IReadOnlyList<DiffLine>> DiffAsync(ClaimsPrincipal principal, int id, int fromNumber, int toNumber, Func<PracticeInput, string> render, CancellationToken ct = default)
    {
        await GetAsync(principal, id, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var versions = await db.PracticeVersions.AsNoTracking().Where(v => v.PracticeId == id && (v.Number == fromNumber || v.Number == toNumber))
            .ToDictionaryAsync(v => v.Number, v => v.Content, ct);
        if (!versions.TryGetValue(fromNumber, out var from) || !versions.TryGetValue(toNumber, out var to))
        {
            throw new NotFoundException("Error.VersionNotFound");
        }

        var diff = InlineDiffBuilder.Diff(render(Read(from)), render(Read(to)), ignoreWhiteSpace: false);
        return diff.Lines.Select(l => new DiffLine(
            l.Type switch { ChangeType.Inserted => DiffKind.Added, ChangeType.Deleted => DiffKind.Removed, _ => DiffKind.Same },
            l.Text)).ToList();
    }

    /// <summary>Brings back version <paramref name="number"/> as a new version (history is never rewritten).</summary>
    public async Task RestoreVersionAsync(ClaimsPrincipal principal, int id, int number, int currentVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var practice = await LoadAsync(db, id, tracking: true, ct);
        var actor = await DemandEditAsync(principal, practice, ct);
        var saved = await db.PracticeVersions.AsNoTracking().Where(v => v.PracticeId == id && v.Number == number).Select(v => v.Content).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Error.VersionNotFound");
        var content = Read(saved);
        await ValidateAsync(db, practice.RegionId, content, ct);
        await SaveNewVersionAsync(db, practice, actor, currentVersion, content, ct);
    }

    public async Task AddCommentAsync(ClaimsPrincipal principal, int id, string? text, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.CommentPractices, ct: ct);
        var errors = new List<FieldError>();
        InputRules.Text(errors, "Comment", text, required: true, max: 4_000, multiline: true);
        InputRules.ThrowIfAny(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var practice = await db.Practices.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Id, p.RegionId, p.Status, p.Version, Title = p.Texts.OrderBy(t => t.Language).Select(t => t.Title).First() })
            .FirstOrDefaultAsync(ct);
        if (practice is null || !PracticeAccess.CanSee(actor, practice.RegionId, practice.Status))
        {
            throw new NotFoundException("Error.PracticeNotFound");
        }

        db.PracticeComments.Add(new PracticeComment
        {
            PracticeId = id,
            AuthorId = actor.UserId,
            AuthorName = actor.DisplayName,
            AuthorRegionId = actor.RegionId,
            Text = text!.Trim(),
            AtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        await changes.PublishAsync(actor, new Change(Capability.Practices, "Comment", id, practice.RegionId, ChangeKind.Created, practice.Version,
            practice.Title, $"/practices/{id}", PracticeKey(id), AudienceOf(practice.Status)));
    }

    /// <summary>"We adopted this", for the officer's own region, on a published practice of another region.</summary>
    public async Task AdoptAsync(ClaimsPrincipal principal, int id, string? note, CancellationToken ct = default)
    {
        var actor = await access.FindActorAsync(principal, ct) ?? throw new AccessDeniedException("Error.SignedOut");
        actor = await access.DemandAsync(principal, UseCase.AdoptPractices, actor.RegionId, ct);
        var errors = new List<FieldError>();
        InputRules.Text(errors, "Note", note, required: false, max: 1_000, multiline: true);
        InputRules.ThrowIfAny(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var practice = await db.Practices.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.RegionId, p.Status, p.Version, Title = p.Texts.OrderBy(t => t.Language).Select(t => t.Title).First() }).FirstOrDefaultAsync(ct);
        if (practice is null || !PracticeAccess.CanSee(actor, practice.RegionId, practice.Status))
        {
            throw new NotFoundException("Error.PracticeNotFound");
        }

        if (practice.Status != PracticeStatus.Published)
        {
            throw new ValidationFailedException([new FieldError("", "Validation.AdoptPublishedOnly")]);
        }

        if (practice.RegionId == actor.RegionId)
        {
            throw new ValidationFailedException([new FieldError("", "Validation.AdoptOwnRegion")]);
        }

        if (await db.PracticeAdoptions.AnyAsync(a => a.PracticeId == id && a.RegionId == actor.RegionId, ct))
        {
            throw new ValidationFailedException([new FieldError("", "Validation.AlreadyAdopted")]);
        }

        db.PracticeAdoptions.Add(new PracticeAdoption
        {
            PracticeId = id,
            RegionId = actor.RegionId!.Value,
            AdoptedBy = actor.DisplayName,
            Note = InputRules.Clean(note),
            AtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        await changes.PublishAsync(actor, new Change(Capability.Practices, "Adoption", id, practice.RegionId, ChangeKind.Created, practice.Version,
            practice.Title, $"/practices/{id}", PracticeKey(id)));
    }

    /// <summary>Which region took how many practices from which: the region-to-region adoption table.</summary>
    public async Task<IReadOnlyList<AdoptionFlow>> AdoptionFlowsAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadPractices, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PracticeAdoptions.AsNoTracking()
            .GroupBy(a => new { From = db.Practices.Where(p => p.Id == a.PracticeId).Select(p => p.RegionId).First(), To = a.RegionId })
            .Select(g => new AdoptionFlow(g.Key.From, g.Key.To, g.Count()))
            .ToListAsync(ct);
    }

    /// <summary>Tags in use among the practices the reader may see, most used first (for the filter).</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ReadPractices, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = db.Practices.Visible(actor).Select(p => p.Id);
        return await db.PracticeTags.AsNoTracking().Where(t => visible.Contains(t.PracticeId))
            .GroupBy(t => t.Tag).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).Take(100).ToListAsync(ct);
    }

    internal async Task<Actor> DemandEditAsync(ClaimsPrincipal principal, Practice practice, CancellationToken ct)
    {
        var actor = await access.DemandAsync(principal, UseCase.ReadPractices, ct: ct);
        if (!PracticeAccess.CanSee(actor, practice.RegionId, practice.Status))
        {
            throw new NotFoundException("Error.PracticeNotFound");
        }

        return await access.DemandAsync(principal, UseCase.EditPractices, practice.RegionId, ct);
    }

    internal static async Task<Practice> LoadAsync(AppDbContext db, int id, bool tracking, CancellationToken ct)
    {
        var query = db.Practices.Include(p => p.Texts).Include(p => p.Tags).Include(p => p.Attachments).Include(p => p.Comments).Include(p => p.Adoptions).AsSplitQuery();
        return await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new NotFoundException("Error.PracticeNotFound");
    }

    internal static Change Change(Practice p, ChangeKind kind) =>
        new(Capability.Practices, "Practice", p.Id, p.RegionId, kind, p.Version,
            p.Texts.OrderBy(t => t.Language).Select(t => t.Title).FirstOrDefault() ?? "", $"/practices/{p.Id}", PracticeKey(p.Id), AudienceOf(p.Status));

    private static Audience AudienceOf(PracticeStatus status) => status == PracticeStatus.Draft ? Audience.RegionAndCoordinators : Audience.SignedIn;

    private async Task SaveNewVersionAsync(AppDbContext db, Practice practice, Actor actor, int expectedVersion, PracticeInput input, CancellationToken ct)
    {
        db.Actor = actor.DisplayName;
        Concurrency.Expect(db, practice, expectedVersion, () => ToInput(practice));
        Apply(practice, input);
        var number = await db.PracticeVersions.Where(v => v.PracticeId == practice.Id).MaxAsync(v => (int?)v.Number, ct) ?? 0;
        db.PracticeVersions.Add(NewVersion(number + 1, actor, clock.GetUtcNow().UtcDateTime, input, practice.Id));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await Concurrency.SaveAsync(db, practice, () => ToInput(practice), ct);
        await IndexAsync(db, practice, ct);
        await transaction.CommitAsync(ct);
        await changes.PublishAsync(actor, Change(practice, ChangeKind.Updated));
    }

    private static async Task ValidateAsync(AppDbContext db, int regionId, PracticeInput input, CancellationToken ct)
    {
        var errors = input.Validate();
        if (input.BodyId is { } bodyId && !await db.Bodies.AnyAsync(b => b.Id == bodyId && b.RegionId == regionId, ct))
        {
            errors.Add(new(nameof(PracticeInput.BodyId), "Validation.BodyOfRegion"));
        }

        InputRules.ThrowIfAny(errors);
    }

    private static void Apply(Practice practice, PracticeInput input)
    {
        practice.Commitment = input.Commitment!.Value;
        practice.Themes = input.Themes;
        practice.SubThemes = input.SubThemes;
        practice.BodyId = input.BodyId;
        practice.Results = InputRules.Clean(input.Results);
        practice.Indicators = InputRules.Clean(input.Indicators);
        practice.ContactName = InputRules.Clean(input.ContactName);
        practice.ContactEmail = InputRules.Clean(input.ContactEmail);
        practice.Texts.Clear();
        practice.Texts.AddRange(input.Texts.Select(t => new PracticeText { Language = t.Language, Title = t.Title.Trim(), Summary = t.Summary.Trim(), Body = t.Body.Trim() }));
        var tags = input.TagList();
        practice.Tags.RemoveAll(t => !tags.Contains(t.Tag));
        practice.Tags.AddRange(tags.Where(t => practice.Tags.All(existing => existing.Tag != t)).Select(t => new PracticeTag { Tag = t }));
    }

    /// <summary>The search index row: every language's title, summary and body, and the tags.</summary>
    private static async Task IndexAsync(AppDbContext db, Practice practice, CancellationToken ct)
    {
        var fresh = SearchDocument(practice);
        var document = await db.PracticeSearchDocuments.FirstOrDefaultAsync(d => d.PracticeId == practice.Id, ct);
        if (document is null)
        {
            db.PracticeSearchDocuments.Add(fresh);
        }
        else
        {
            document.Content = fresh.Content;
            document.Head = fresh.Head;
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>What the search index holds for a practice: everything to match on, and its head (titles, summaries, tags) to rank by.</summary>
    internal static PracticeSearchDocument SearchDocument(Practice practice) => new()
    {
        PracticeId = practice.Id,
        Content = SearchText.Document(practice.Texts.SelectMany(t => new[] { t.Title, t.Summary, t.Body }).Concat(practice.Tags.Select(t => t.Tag))),
        Head = SearchText.Document(practice.Texts.SelectMany(t => new[] { t.Title, t.Summary }).Concat(practice.Tags.Select(t => t.Tag))),
    };

    internal static PracticeInput ToInput(Practice p) => new()
    {
        Commitment = p.Commitment,
        Themes = p.Themes,
        SubThemes = p.SubThemes,
        BodyId = p.BodyId,
        Texts = p.Texts.OrderBy(t => t.Language).Select(t => new PracticeTextInput { Language = t.Language, Title = t.Title, Summary = t.Summary, Body = t.Body }).ToList(),
        Tags = string.Join(", ", p.Tags.OrderBy(t => t.Tag).Select(t => t.Tag)),
        Results = p.Results,
        Indicators = p.Indicators,
        ContactName = p.ContactName,
        ContactEmail = p.ContactEmail,
        Version = p.Version,
    };

    private static PracticeVersion NewVersion(int number, Actor actor, DateTime now, PracticeInput input, int practiceId = 0)
    {
        var content = input.Copy();
        content.Version = 0;
        return new PracticeVersion { PracticeId = practiceId, Number = number, SavedAtUtc = now, SavedBy = actor.DisplayName, Content = JsonSerializer.Serialize(content) };
    }

    private static PracticeInput Read(string content) => JsonSerializer.Deserialize<PracticeInput>(content) ?? new PracticeInput();
}

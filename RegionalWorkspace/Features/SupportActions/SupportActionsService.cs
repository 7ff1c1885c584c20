using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.SupportActions;

/// <summary>
/// Support actions (C3): ARM, DGCT and CESE record what they do to help a region use participatory approaches on its
/// economic, social and environmental questions; a region's officers record their own region's. Everyone reads them.
/// Every change names the version it was based on, is validated whole before anything is saved, and goes live after
/// the commit to every open page (and into the activity feed).
/// </summary>
public sealed class SupportActionsService(IDbContextFactory<AppDbContext> dbFactory, AccessControl access, WorkspaceChanges changes, WorkspaceTime time, TimeProvider clock)
{
    public const string EntityType = "SupportAction";
    public const string NotFoundKey = "Error.SupportActionNotFound";

    public static string Link(int id) => $"/support-actions/{id}";

    public static string Scope(int id) => $"support:{id}";

    /// <summary>The actions matching the filters, the latest start first.</summary>
    public async Task<Page<SupportActionRow>> ListAsync(ClaimsPrincipal principal, SupportActionQuery query, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actions = db.SupportActions.AsNoTracking();
        if (query.RegionId is int regionId)
        {
            actions = actions.Where(a => a.RegionId == regionId);
        }

        if (query.Theme is { } theme)
        {
            actions = actions.Where(a => a.Theme == theme);
        }

        if (query.Status is { } status)
        {
            actions = actions.Where(a => a.Status == status);
        }

        if (query.Party is { } party && party != Organisers.None)
        {
            actions = actions.Where(a => (a.SupportedBy & party) != 0);
        }

        if (query.PracticeId is int practiceId)
        {
            actions = actions.Where(a => a.Practices.Any(p => p.PracticeId == practiceId));
        }

        if (InputRules.SearchTerm(query.Text) is { } text)
        {
            var lower = text.ToLower();
            actions = actions.Where(a => a.TitleFr.ToLower().Contains(lower) || (a.TitleAr != null && a.TitleAr.Contains(text))
                || a.Description.ToLower().Contains(lower));
        }

        var size = Math.Clamp(query.PageSize, 1, 100);
        var total = await actions.CountAsync(ct);
        var rows = await actions.OrderByDescending(a => a.StartsOn).ThenByDescending(a => a.Id)
            .Skip(Math.Max(0, query.Page) * size).Take(size)
            .Select(a => new SupportActionRow(
                a.Id, a.RegionId, a.Theme, a.Kind, a.TitleFr, a.TitleAr, a.SupportedBy, a.Status, a.StartsOn, a.EndsOn,
                a.Practices.Count, a.Bodies.Count, a.Version))
            .ToListAsync(ct);
        return new Page<SupportActionRow>(rows, total);
    }

    /// <summary>One action with its linked practices (those the reader may see) and bodies.</summary>
    public async Task<SupportActionDetail> GetAsync(ClaimsPrincipal principal, int id, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.SupportActions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException(NotFoundKey);
        var practices = await LinkedPracticesAsync(db, actor, db.SupportActionPractices.Where(x => x.SupportActionId == id).Select(x => x.PracticeId), ct);
        var bodies = await db.SupportActionBodies.AsNoTracking().Where(x => x.SupportActionId == id)
            .OrderBy(x => x.Body!.NameFr)
            .Select(x => new LinkedBody(x.BodyId, x.Body!.NameFr, x.Body.NameAr, x.Body.Kind))
            .ToListAsync(ct);
        return new SupportActionDetail(
            a.Id, a.RegionId, a.Theme, a.Kind, a.TitleFr, a.TitleAr, a.Description, a.SupportedBy, a.Status, a.StartsOn, a.EndsOn, a.Outcome,
            practices, bodies, a.CreatedBy, a.CreatedAtUtc, a.UpdatedBy, a.UpdatedAtUtc, a.Version);
    }

    public async Task<int> CreateAsync(ClaimsPrincipal principal, SupportActionInput input, CancellationToken ct = default)
    {
        var actor = await ManagerAsync(principal, input.RegionId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, null, ct);
        db.Actor = actor.DisplayName;
        var action = new SupportAction
        {
            TitleFr = "",
            Description = "",
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedById = actor.UserId,
            CreatedBy = actor.DisplayName,
        };
        Apply(action, input);
        db.SupportActions.Add(action);
        await db.SaveChangesAsync(ct);
        await PublishAsync(actor, action, ChangeKind.Created);
        return action.Id;
    }

    /// <summary>Saves the dialog's changes; an officer can neither change another region's action nor move one to another region.</summary>
    public async Task UpdateAsync(ClaimsPrincipal principal, int id, SupportActionInput input, CancellationToken ct = default)
    {
        var actor = await ManagerAsync(principal, input.RegionId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var action = await LoadAsync(db, id, ct);
        Demand(actor, action.RegionId);
        Concurrency.Expect(db, action, input.Version, () => ToInput(action));
        await ValidateAsync(db, input, action, ct);
        db.Actor = actor.DisplayName;
        Apply(action, input);
        await Concurrency.SaveAsync(db, action, () => ToInput(action), ct);
        await PublishAsync(actor, action, ChangeKind.Updated);
    }

    /// <summary>Moves an action on (planned, in progress, completed with its outcome, cancelled) or back.</summary>
    public async Task SetStatusAsync(ClaimsPrincipal principal, int id, SupportStatusInput input, CancellationToken ct = default)
    {
        var actor = await ManagerAsync(principal, null, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var action = await LoadAsync(db, id, ct);
        Demand(actor, action.RegionId);
        Concurrency.Expect(db, action, input.Version, () => ToInput(action));
        var errors = new List<FieldError>();
        InputRules.Defined(errors, nameof(SupportStatusInput.Status), (SupportStatus?)input.Status);
        var outcome = input.Outcome ?? action.Outcome;
        SupportActionRules.CheckOutcome(errors, input.Status, outcome);
        SupportActionRules.CheckStarted(errors, input.Status, action.StartsOn, Today);
        InputRules.ThrowIfAny(errors);
        db.Actor = actor.DisplayName;
        action.Status = input.Status;
        action.Outcome = InputRules.Clean(outcome);
        await Concurrency.SaveAsync(db, action, () => ToInput(action), ct);
        await PublishAsync(actor, action, ChangeKind.Updated);
    }

    /// <summary>Deletes an action recorded by mistake: only while it is planned (what happened stays on record).</summary>
    public async Task DeleteAsync(ClaimsPrincipal principal, int id, int version, CancellationToken ct = default)
    {
        var actor = await ManagerAsync(principal, null, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var action = await LoadAsync(db, id, ct);
        Demand(actor, action.RegionId);
        Concurrency.Expect(db, action, version, () => ToInput(action));
        if (action.Status != SupportStatus.Planned)
        {
            throw new ValidationFailedException([new FieldError("", "Validation.SupportDeletePlannedOnly")]);
        }

        db.SupportActions.Remove(action);
        await Concurrency.SaveAsync(db, action, () => ToInput(action), ct);
        await PublishAsync(actor, action, ChangeKind.Deleted);
    }

    /// <summary>Published practices whose title contains <paramref name="text"/> (all of them, up to 20, when it is blank).</summary>
    public async Task<IReadOnlyList<PracticeChoice>> SearchPracticesAsync(ClaimsPrincipal principal, string? text, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadPractices, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var practices = db.Practices.AsNoTracking().Where(p => p.Status == PracticeStatus.Published);
        if (InputRules.SearchTerm(text) is { } term)
        {
            var lower = term.ToLower();
            practices = practices.Where(p => p.Texts.Any(t => t.Title.ToLower().Contains(lower) || t.Title.Contains(term)));
        }

        var ids = await practices.OrderByDescending(p => p.PublishedAtUtc).ThenByDescending(p => p.Id).Select(p => p.Id).Take(20).ToListAsync(ct);
        var texts = (await db.PracticeTexts.AsNoTracking().Where(t => ids.Contains(t.PracticeId))
            .Select(t => new { t.PracticeId, t.Language, t.Title }).ToListAsync(ct)).ToLookup(t => t.PracticeId);
        var regions = await db.Practices.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.RegionId, ct);
        return ids.Select(id => new PracticeChoice(id, PracticeTexts.Pick(texts[id].ToList(), t => t.Language)?.Title ?? $"#{id}", regions[id])).ToList();
    }

    /// <summary>The practices with these ids, as links (a draft the reader may not see is left out).</summary>
    public async Task<IReadOnlyList<PracticeChoice>> PracticesAsync(ClaimsPrincipal principal, IReadOnlyCollection<int> ids, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ReadPractices, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var linked = await LinkedPracticesAsync(db, actor, db.Practices.Where(p => ids.Contains(p.Id)).Select(p => p.Id), ct);
        return linked.Select(p => new PracticeChoice(p.Id, p.Title, p.RegionId)).ToList();
    }

    /// <summary>The participatory bodies of a region, the ones an action there can involve.</summary>
    public async Task<IReadOnlyList<LinkedBody>> BodyChoicesAsync(ClaimsPrincipal principal, int regionId, CancellationToken ct = default)
    {
        await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Bodies.AsNoTracking().Where(b => b.RegionId == regionId).OrderBy(b => b.Kind).ThenBy(b => b.NameFr)
            .Select(b => new LinkedBody(b.Id, b.NameFr, b.NameAr, b.Kind)).ToListAsync(ct);
    }

    private DateOnly Today => DateOnly.FromDateTime(time.Now);

    private static async Task<List<LinkedPractice>> LinkedPracticesAsync(AppDbContext db, Actor actor, IQueryable<int> ids, CancellationToken ct)
    {
        var practices = await db.Practices.AsNoTracking().Visible(actor).Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Status, p.RegionId }).ToListAsync(ct);
        var found = practices.Select(p => p.Id).ToList();
        var texts = (await db.PracticeTexts.AsNoTracking().Where(t => found.Contains(t.PracticeId))
            .Select(t => new { t.PracticeId, t.Language, t.Title }).ToListAsync(ct)).ToLookup(t => t.PracticeId);
        return practices
            .Select(p => new LinkedPractice(p.Id, PracticeTexts.Pick(texts[p.Id].ToList(), t => t.Language)?.Title ?? $"#{p.Id}", p.Status, p.RegionId))
            .OrderBy(p => p.Title, StringComparer.CurrentCulture)
            .ToList();
    }

    private static async Task<SupportAction> LoadAsync(AppDbContext db, int id, CancellationToken ct) =>
        await db.SupportActions.Include(a => a.Practices).Include(a => a.Bodies).FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new NotFoundException(NotFoundKey);

    /// <summary>
    /// Someone who manages support actions, on <paramref name="regionId"/> when it is given (an officer: only their own).
    /// A missing region is left to the validation, which names the field.
    /// </summary>
    private async Task<Actor> ManagerAsync(ClaimsPrincipal principal, int? regionId, CancellationToken ct)
    {
        var actor = await access.FindActorAsync(principal, ct) ?? throw new AccessDeniedException("Error.SignedOut");
        if (!Permissions.Rules[UseCase.ManageSupportActions].Contains(actor.Role))
        {
            throw new AccessDeniedException();
        }

        if (regionId is int region)
        {
            Demand(actor, region);
        }

        return actor;
    }

    /// <summary>The action's own region decides for an officer.</summary>
    private static void Demand(Actor actor, int regionId)
    {
        if (!actor.Can(UseCase.ManageSupportActions, regionId))
        {
            throw new AccessDeniedException("Error.OtherRegion");
        }
    }

    private async Task ValidateAsync(AppDbContext db, SupportActionInput input, SupportAction? existing, CancellationToken ct)
    {
        var errors = input.Validate();
        SupportActionRules.CheckStarted(errors, input.Status, input.StartsOn, Today);
        if (input.RegionId is int regionId && !await db.Regions.AnyAsync(r => r.Id == regionId, ct))
        {
            errors.Add(new(nameof(SupportActionInput.RegionId), "Validation.Choose"));
        }

        // A newly linked practice must be published; one linked earlier stays linked even if it was archived since.
        var practiceIds = input.PracticeIds.Distinct().Where(id => existing?.Practices.Any(p => p.PracticeId == id) != true).ToList();
        if (practiceIds.Count > 0
            && await db.Practices.AsNoTracking().CountAsync(p => practiceIds.Contains(p.Id) && p.Status == PracticeStatus.Published, ct) != practiceIds.Count)
        {
            errors.Add(new(nameof(SupportActionInput.PracticeIds), "Validation.PracticeNotLinkable"));
        }

        var bodyIds = input.BodyIds.Distinct().ToList();
        if (bodyIds.Count > 0)
        {
            var bodies = await db.Bodies.AsNoTracking().Where(b => bodyIds.Contains(b.Id)).Select(b => b.RegionId).ToListAsync(ct);
            if (bodies.Count != bodyIds.Count)
            {
                errors.Add(new(nameof(SupportActionInput.BodyIds), "Validation.Choose"));
            }
            else if (bodies.Any(r => r != input.RegionId))
            {
                errors.Add(new(nameof(SupportActionInput.BodyIds), "Validation.BodyOtherRegion"));
            }
        }

        InputRules.ThrowIfAny(errors);
    }

    private static void Apply(SupportAction a, SupportActionInput input)
    {
        a.RegionId = input.RegionId!.Value;
        a.Theme = input.Theme!.Value;
        a.Kind = input.Kind!.Value;
        a.TitleFr = input.TitleFr.Trim();
        a.TitleAr = InputRules.Clean(input.TitleAr);
        a.Description = input.Description.Trim();
        a.SupportedBy = input.SupportedBy;
        a.Status = input.Status;
        a.StartsOn = input.StartsOn!.Value;
        a.EndsOn = input.EndsOn;
        a.Outcome = InputRules.Clean(input.Outcome);
        var practices = input.PracticeIds.Distinct().ToList();
        a.Practices.RemoveAll(p => !practices.Contains(p.PracticeId));
        a.Practices.AddRange(practices.Where(id => a.Practices.All(p => p.PracticeId != id)).Select(id => new SupportActionPractice { PracticeId = id }));
        var bodies = input.BodyIds.Distinct().ToList();
        a.Bodies.RemoveAll(b => !bodies.Contains(b.BodyId));
        a.Bodies.AddRange(bodies.Where(id => a.Bodies.All(b => b.BodyId != id)).Select(id => new SupportActionBody { BodyId = id }));
    }

    internal static SupportActionInput ToInput(SupportAction a) => new()
    {
        RegionId = a.RegionId,
        Theme = a.Theme,
        Kind = a.Kind,
        TitleFr = a.TitleFr,
        TitleAr = a.TitleAr,
        Description = a.Description,
        SupportedBy = a.SupportedBy,
        Status = a.Status,
        StartsOn = a.StartsOn,
        EndsOn = a.EndsOn,
        Outcome = a.Outcome,
        PracticeIds = a.Practices.Select(p => p.PracticeId).ToList(),
        BodyIds = a.Bodies.Select(b => b.BodyId).ToList(),
        Version = a.Version,
    };

    private Task PublishAsync(Actor actor, SupportAction a, ChangeKind kind) =>
        changes.PublishAsync(actor, new Change(Capability.SupportActions, EntityType, a.Id, a.RegionId, kind, a.Version, a.TitleFr,
            kind == ChangeKind.Deleted ? "/support-actions" : Link(a.Id), Scope(a.Id)));
}

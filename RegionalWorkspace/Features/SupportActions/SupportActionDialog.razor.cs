using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.SupportActions;

/// <summary>
/// Records a support action or changes one. The bodies offered are those of the chosen region (changing the region drops
/// the others); practices are found by title and kept as removable chips. Closes with the action's id.
/// </summary>
public partial class SupportActionDialog
{
    private IReadOnlyList<RegionOption> _regions = [];
    private IReadOnlyList<LinkedBody> _bodies = [];
    private List<PracticeChoice> _practices = [];
    private MudAutocomplete<PracticeChoice>? _practicePicker;
    private bool _ownRegionOnly;

    [Inject]
    public required SupportActionsService SupportActions { get; init; }

    [Inject]
    public required RegionsService Regions { get; init; }

    [Inject]
    public required AccessControl Access { get; init; }

    protected override SupportActionInput Input { get; set; } = new();

    protected override string? RecordKey => ExistingId is int id ? SupportActionsService.Scope(id) : null;

    /// <summary>The action to change; null to record a new one.</summary>
    [Parameter]
    public int? ExistingId { get; set; }

    /// <summary>The values to start from (the stored ones when changing an action).</summary>
    [Parameter]
    public SupportActionInput? Values { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (Values is not null)
        {
            Input = Values;
        }

        var user = (await AuthenticationState).User;
        var actor = await Access.FindActorAsync(user);
        _ownRegionOnly = actor?.Role == WorkspaceRole.RegionalOfficer;
        if (_ownRegionOnly)
        {
            Input.RegionId = actor!.RegionId;
        }

        _regions = await Regions.ListOptionsAsync();
        await LoadBodiesAsync();
        _practices = Input.PracticeIds.Count == 0 ? [] : (await SupportActions.PracticesAsync(user, Input.PracticeIds)).ToList();
    }

    private string RegionName(int id) => _regions.FirstOrDefault(r => r.Id == id) is { } r ? Cultures.Pick(r.NameFr, r.NameAr) : "";

    private string BodyName(int id) => _bodies.FirstOrDefault(b => b.Id == id) is { } b ? Cultures.Pick(b.NameFr, b.NameAr) : "";

    private string PracticeTitle(int id) => _practices.FirstOrDefault(p => p.Id == id)?.Title ?? $"#{id}";

    private async Task LoadBodiesAsync() =>
        _bodies = Input.RegionId is int region ? await SupportActions.BodyChoicesAsync((await AuthenticationState).User, region) : [];

    /// <summary>The bodies are the region's: another region drops them.</summary>
    private async Task RegionChangedAsync(int? regionId)
    {
        Input.RegionId = regionId;
        await LoadBodiesAsync();
        var kept = _bodies.Select(b => b.Id).ToHashSet();
        Input.BodyIds = Input.BodyIds.Where(kept.Contains).ToList();
    }

    private async Task<IEnumerable<PracticeChoice>> SearchPracticesAsync(string? text, CancellationToken ct) =>
        (await SupportActions.SearchPracticesAsync((await AuthenticationState).User, text, ct)).Where(p => !Input.PracticeIds.Contains(p.Id));

    private async Task AddPractice(PracticeChoice? choice)
    {
        if (choice is not null && !Input.PracticeIds.Contains(choice.Id))
        {
            Input.PracticeIds.Add(choice.Id);
            _practices.Add(choice);
        }

        if (_practicePicker is not null)
        {
            await _practicePicker.ClearAsync();
        }
    }

    private void RemovePractice(int id)
    {
        Input.PracticeIds.Remove(id);
        _practices.RemoveAll(p => p.Id == id);
    }

    private Task SaveAsync() => SubmitAsync(Input.Validate, async () =>
    {
        var user = (await AuthenticationState).User;
        if (ExistingId is not int id)
        {
            return await SupportActions.CreateAsync(user, Input);
        }

        await SupportActions.UpdateAsync(user, id, Input);
        return id;
    });

    protected override SupportActionInput FromStored(object stored) => (SupportActionInput)stored;

    protected override void Rebase(int version) => Input.Version = version;

    protected override IEnumerable<FieldValue> Fields(SupportActionInput v) =>
    [
        new(Label("Activity.Region"), v.RegionId is int region ? RegionName(region) : null),
        new(Label("Support.Theme"), EnumLabel(v.Theme)),
        new(Label("Support.Kind"), EnumLabel(v.Kind)),
        new(Label("Support.TitleFr"), v.TitleFr),
        new(Label("Support.TitleAr"), v.TitleAr),
        new(Label("Support.Description"), v.Description),
        new(Label("Support.SupportedBy"), SupportParties.Describe(Localizer, v.SupportedBy)),
        new(Label("Support.Status"), EnumLabel<SupportStatus>(v.Status)),
        new(Label("Support.StartsOn"), FormatDate(v.StartsOn)),
        new(Label("Support.EndsOn"), FormatDate(v.EndsOn)),
        new(Label("Support.Outcome"), v.Outcome),
        new(Label("Support.Bodies"), string.Join(", ", v.BodyIds.Order().Select(BodyName))),
        new(Label("Support.Practices"), string.Join(", ", v.PracticeIds.Order().Select(PracticeTitle))),
    ];
}

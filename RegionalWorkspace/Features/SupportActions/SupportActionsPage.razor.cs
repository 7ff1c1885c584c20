using Microsoft.AspNetCore.Components;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.SupportActions;

/// <summary>
/// The support actions (C3) of every region, filtered by region, theme, status, party and text, a page at a time, kept
/// current as actions are recorded or move on. Those who manage support actions record new ones from here.
/// </summary>
public partial class SupportActionsPage
{
    private readonly SupportActionQuery _query = new();
    private Page<SupportActionRow>? _page;
    private IReadOnlyList<RegionOption> _regions = [];
    private Actor? _actor;
    private bool _canManage;
    private string? _error;

    [Inject]
    public required SupportActionsService SupportActions { get; init; }

    [Inject]
    public required RegionsService Regions { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>A region to start filtered on (its id), e.g. from the region page's "see all".</summary>
    [SupplyParameterFromQuery(Name = "region")]
    public int? InitialRegion { get; set; }

    private int PageCount => _page is null ? 0 : (int)Math.Ceiling(_page.Total / (double)_query.PageSize);

    private bool Filtered => _query.RegionId is not null || _query.Theme is not null || _query.Status is not null || _query.Party is not null
        || !string.IsNullOrWhiteSpace(_query.Text);

    protected override async Task OnInitializedAsync()
    {
        _regions = await Regions.ListOptionsAsync();
        _query.RegionId = InitialRegion is int region && _regions.Any(r => r.Id == region) ? region : null;
        _actor = await ActorAsync();
        _canManage = _actor is not null && Permissions.Rules[UseCase.ManageSupportActions].Contains(_actor.Role);
        await LoadAsync();
        await FollowAsync(e => e.Capability == Capability.SupportActions, LoadAsync);
    }

    private string RegionName(int id) => _regions.FirstOrDefault(r => r.Id == id) is { } r ? Cultures.Pick(r.NameFr, r.NameAr) : "";

    private async Task LoadAsync()
    {
        try
        {
            _page = await SupportActions.ListAsync(await UserAsync(), _query);
            _error = null;
        }
        catch (WorkspaceException ex)
        {
            _error = L.Error(ex);
        }
    }

    private async Task FilterAsync(Action change, bool resetPage = true)
    {
        change();
        if (resetPage)
        {
            _query.Page = 0;
        }

        await LoadAsync();
    }

    private async Task CreateAsync()
    {
        // An officer records for their own region; others start from the region filtered on, if any.
        var region = _actor?.Role == WorkspaceRole.RegionalOfficer ? _actor.RegionId : _query.RegionId;
        var parameters = new DialogParameters<SupportActionDialog> { { d => d.Values, new SupportActionInput { RegionId = region } } };
        var dialog = await Dialogs.ShowAsync<SupportActionDialog>(L["Support.New"], parameters, DialogDefaults.Large);
        if (await dialog.Result is { Canceled: false, Data: int })
        {
            await LoadAsync();
        }
    }
}

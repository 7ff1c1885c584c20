using Microsoft.AspNetCore.Components;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.ListeningSessions;

/// <summary>
/// The listening sessions one may see (officers: those inviting their region), upcoming or past, by region and topic,
/// a page at a time; kept current as sessions are organised and contributions arrive.
/// </summary>
public partial class ListeningSessionsPage
{
    private readonly ListeningSessionQuery _query = new();
    private Page<ListeningSessionRow>? _page;
    private IReadOnlyList<RegionOption> _regions = [];
    private bool _canOrganise;
    private bool _isOfficer;
    private string? _error;

    [Inject]
    public required ListeningSessionsService Sessions { get; init; }

    [Inject]
    public required RegionsService Regions { get; init; }

    [Inject]
    public required WorkspaceTime Time { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private int PageCount => _page is null ? 0 : (int)Math.Ceiling(_page.Total / (double)_query.PageSize);

    protected override async Task OnInitializedAsync()
    {
        _regions = await Regions.ListOptionsAsync();
        var actor = await ActorAsync();
        _canOrganise = actor?.Can(UseCase.RunCeseSessions) == true;
        _isOfficer = actor?.Role == WorkspaceRole.RegionalOfficer;
        await LoadAsync();
        await FollowAsync(e => e.Capability == Capability.ListeningSessions, LoadAsync);
    }

    private string RegionName(int id) => _regions.NameOf(id);

    private async Task LoadAsync()
    {
        try
        {
            _page = await Sessions.ListAsync(await UserAsync(), _query);
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

    private async Task OrganiseAsync()
    {
        var dialog = await Dialogs.ShowAsync<ListeningSessionDialog>(L["Listening.Organise"], new DialogParameters<ListeningSessionDialog>(), DialogDefaults.Large);
        if (await dialog.Result is { Canceled: false, Data: int id })
        {
            Navigation.NavigateTo(ListeningSessionsService.Link(id));
        }
    }
}

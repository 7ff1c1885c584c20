using Microsoft.AspNetCore.Components;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.Studies;

/// <summary>CESE's publications, filtered and a page at a time; live as CESE staff record or approve one.</summary>
public partial class PublicationsPage
{
    private readonly PublicationQuery _query = new();
    private Page<PublicationRow>? _page;
    private bool _canManage;

    [Inject]
    public required PublicationsService Publications { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private int PageCount => _page is null ? 0 : (int)Math.Ceiling(_page.Total / (double)_query.PageSize);

    private bool Filtered => !string.IsNullOrWhiteSpace(_query.Text) || _query.Kind is not null || _query.Commission is not null || _query.Approved is not null;

    protected override async Task OnInitializedAsync()
    {
        var actor = await ActorAsync();
        _canManage = actor?.Can(UseCase.ManagePublications) == true;
        await LoadAsync();
        await FollowAsync(e => e.Capability == Capability.Studies && e.EntityType == "Publication", LoadAsync);
    }

    private async Task LoadAsync() => _page = await Publications.ListAsync(await UserAsync(), _query);

    private Task SearchAsync(string? text) => FilterAsync(() => _query.Text = text);

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
        var dialog = await Dialogs.ShowAsync<PublicationDialog>(L["Publications.New"], DialogDefaults.Large);
        if (await dialog.Result is { Canceled: false, Data: int id })
        {
            Navigation.NavigateTo($"/publications/{id}");
        }
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.SupportActions;

/// <summary>
/// One support action: what it is, its status and outcome, its region, parties, and the bodies and practices it is linked
/// to; kept current live. Those who manage the region's support actions change it, move its status on, or delete it
/// while it is planned.
/// </summary>
public partial class SupportActionPage
{
    private SupportActionDetail? _action;
    private IReadOnlyList<RegionOption> _regions = [];
    private List<BreadcrumbItem> _breadcrumbs = [];
    private string? _error;
    private bool _canManage;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    public required SupportActionsService SupportActions { get; init; }

    [Inject]
    public required RegionsService Regions { get; init; }

    [Inject]
    public required WorkspaceTime Time { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private RegionOption? Region => _regions.FirstOrDefault(r => r.Id == _action?.RegionId);

    private string RegionName => Region is { } r ? Cultures.Pick(r.NameFr, r.NameAr) : "";

    private string RegionLink => Region is { } r ? $"/regions/{r.Code}" : "/";

    /// <summary>The title in the other language, when it has one.</summary>
    private string? OtherTitle => _action!.TitleAr is null ? null : Cultures.IsArabic ? _action.TitleFr : _action.TitleAr;

    private string Dates
    {
        get
        {
            var start = _action!.StartsOn.ToString("D", CultureInfo.CurrentCulture);
            return _action.EndsOn is { } end ? L["Support.FromTo", start, end.ToString("D", CultureInfo.CurrentCulture)] : L["Support.From", start];
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        _regions = await Regions.ListOptionsAsync();
        await LoadAsync();
        await FollowAsync(e => e.Scope == SupportActionsService.Scope(Id), LoadAsync);
    }

    private async Task LoadAsync()
    {
        (_action, var refusal) = await ReadAsync(user => SupportActions.GetAsync(user, Id));
        _error = refusal is null ? null : L.Error(refusal);
        if (_action is null)
        {
            return;
        }

        var actor = await ActorAsync();
        _canManage = actor?.Can(UseCase.ManageSupportActions, _action.RegionId) == true;
        _breadcrumbs =
        [
            new(L["Support.Title"], "/support-actions"),
            new(Cultures.Pick(_action.TitleFr, _action.TitleAr), null, disabled: true),
        ];
    }

    private async Task EditAsync()
    {
        var parameters = new DialogParameters<SupportActionDialog> { { d => d.ExistingId, Id }, { d => d.Values, _action!.ToInput() } };
        var dialog = await Dialogs.ShowAsync<SupportActionDialog>(L["Support.Edit"], parameters, DialogDefaults.Large);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["Support.Saved"], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ChangeStatusAsync(SupportStatus? proposed)
    {
        var parameters = new DialogParameters<SupportStatusDialog> { { d => d.Action, _action! }, { d => d.Proposed, proposed } };
        var dialog = await Dialogs.ShowAsync<SupportStatusDialog>(L["Support.ChangeStatus"], parameters, DialogDefaults.Form);
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task DeleteAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync(L["Support.Delete"], L["Support.DeleteConfirm"], L["Common.Remove"], cancelText: L["Common.Cancel"]) != true)
        {
            return;
        }

        try
        {
            await SupportActions.DeleteAsync(await UserAsync(), Id, _action!.Version);
            Snackbar.Add(L["Support.Deleted"], Severity.Success);
            Navigation.NavigateTo("/support-actions");
        }
        catch (WorkspaceException ex)
        {
            Snackbar.Add(L.Describe(ex), Severity.Error);
            await LoadAsync();
        }
    }
}

using Microsoft.AspNetCore.Components;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Studies;

public partial class StudyRequestPage
{
    private StudyRequestDetail? _request;
    private string? _error;
    private bool _canEdit;
    private bool _canAttach;
    private bool _canPlan;
    private IReadOnlyList<StudyRequestStatus> _next = [];
    private IReadOnlyList<RegionOption> _regions = [];
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Inject]
    public required StudyRequestsService Studies { get; init; }

    [Inject]
    public required RegionsService Regions { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Parameter]
    public int Id { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _regions = await Regions.ListOptionsAsync();
        await LoadAsync();
        await FollowAsync(e => e.Scope == StudyRequestsService.StudyKey(Id), LoadAsync);
    }

    private string RegionName(int id) => _regions.NameOf(id);

    private async Task LoadAsync()
    {
        (_request, var refusal) = await ReadAsync(user => Studies.GetAsync(user, Id));
        _error = refusal is null ? null : L.Error(refusal);
        if (_request is null)
        {
            return;
        }

        var actor = await ActorAsync();
        _canEdit = actor is not null && StudyWorkflow.CanEdit(actor, _request.RequestedByUserId, _request.Status);
        _canAttach = actor is not null && StudyWorkflow.CanAttach(actor, _request.RequestedByUserId, _request.Status);
        _canPlan = actor is not null && StudyWorkflow.CanPlanMilestones(actor, _request.Status);
        _next = actor is null ? [] : StudyWorkflow.NextFor(actor, _request.Status);
        _breadcrumbs = [new(L["Studies.Title"], "/studies"), new(_request.Title, null, disabled: true)];
    }

    private async Task EditAsync()
    {
        var parameters = new DialogParameters<StudyRequestDialog> { { d => d.Existing, _request } };
        var dialog = await Dialogs.ShowAsync<StudyRequestDialog>(L["Studies.Edit"], parameters, DialogDefaults.Large);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["Common.Saved"], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task DecideAsync(StudyRequestStatus target)
    {
        var parameters = new DialogParameters<StudyDecisionDialog> { { d => d.Request, _request! }, { d => d.Target, target } };
        var dialog = await Dialogs.ShowAsync<StudyDecisionDialog>(L[$"Studies.Do{target}"], parameters, DialogDefaults.Form);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["Studies.Now", L.Enum(target)], Severity.Success);
            await LoadAsync();
        }
    }
}

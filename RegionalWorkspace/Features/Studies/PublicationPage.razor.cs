using Microsoft.AspNetCore.Components;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Studies;

/// <summary>
/// One publication: its facts, both summaries, the document, the General Assembly approval (recorded here by CESE staff)
/// and the study meetings that present it. Follows the publication's changes live; shows who else is looking.
/// </summary>
public partial class PublicationPage
{
    private PublicationDetail? _publication;
    private string? _error;
    private bool _canManage;
    private IReadOnlyList<RegionOption> _regions = [];
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Parameter]
    public int Id { get; set; }

    [Inject]
    public required PublicationsService Publications { get; init; }

    [Inject]
    public required RegionsService Regions { get; init; }

    [Inject]
    public required WorkspaceTime Time { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    private string Title => Cultures.Pick(_publication!.Row.TitleFr, _publication.Row.TitleAr);

    protected override async Task OnParametersSetAsync()
    {
        _regions = await Regions.ListOptionsAsync();
        _canManage = (await ActorAsync())?.Can(UseCase.ManagePublications) == true;
        await LoadAsync();
        await FollowAsync(e => e.Scope == PublicationsService.PublicationKey(Id), LoadAsync);
    }

    private async Task LoadAsync()
    {
        (_publication, var refusal) = await ReadAsync(user => Publications.GetAsync(user, Id));
        _error = refusal is null ? null : L.Error(refusal);
        if (_publication is null)
        {
            return;
        }

        _breadcrumbs = [new(L["Publications.Title"], "/publications"), new(Title, null, disabled: true)];
    }

    private string RegionName(int id) => _regions.NameOf(id);

    private async Task EditAsync()
    {
        var p = _publication!;
        var existing = new PublicationInput
        {
            TitleFr = p.Row.TitleFr,
            TitleAr = p.Row.TitleAr,
            Kind = p.Row.Kind,
            Commission = p.Row.Commission,
            StudyRequestId = p.StudyRequestId,
            Summary = p.Summary,
            SummaryAr = p.SummaryAr,
            Version = p.Row.Version,
        };
        var parameters = new DialogParameters<PublicationDialog> { { d => d.Id, Id }, { d => d.Existing, existing } };
        var dialog = await Dialogs.ShowAsync<PublicationDialog>(L["Publications.Edit"], parameters, DialogDefaults.Large);
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task ApproveAsync()
    {
        var row = _publication!.Row;
        var existing = new ApprovalInput { SessionNumber = row.AssemblySessionNumber, ApprovedOn = DateInput.ToPicker(row.AssemblyApprovedOn), Version = row.Version };
        var parameters = new DialogParameters<PublicationApprovalDialog> { { d => d.Id, Id }, { d => d.Existing, existing } };
        var dialog = await Dialogs.ShowAsync<PublicationApprovalDialog>(L["Publications.RecordApproval"], parameters, DialogDefaults.Form);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["Publications.ApprovalSaved"], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task WithdrawAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync(L["Publications.WithdrawApproval"], L["Publications.WithdrawConfirm"], L["Publications.WithdrawApproval"], cancelText: L["Common.Cancel"]) != true)
        {
            return;
        }

        try
        {
            await Publications.WithdrawApprovalAsync(await UserAsync(), Id, _publication!.Row.Version);
        }
        catch (WorkspaceException ex)
        {
            Snackbar.Add(L.Describe(ex), Severity.Error);
        }

        await LoadAsync();
    }
}

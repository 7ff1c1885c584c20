using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;

namespace RegionalWorkspace.Features.Practices;

public partial class PracticePage
{
    private PracticeDetail? _practice;
    private string? _error;
    private string? _language;
    private bool _canEdit;
    private bool _canAdopt;
    private bool _exporting;
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Parameter]
    public int Id { get; set; }

    private PracticeTextInput? Text => _practice is null ? null : PracticeTexts.Pick(_practice.Content.Texts, _language);

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        await FollowAsync(e => e.Scope == PracticesService.PracticeKey(Id), LoadAsync);
    }

    private async Task LoadAsync()
    {
        (_practice, var refusal) = await ReadAsync(user => Practices.GetAsync(user, Id));
        _error = refusal is null ? null : L.Error(refusal);
        if (_practice is null)
        {
            return;
        }

        var actor = await ActorAsync();
        _canEdit = actor?.Can(UseCase.EditPractices, _practice.RegionId) == true;
        _canAdopt = actor?.Can(UseCase.AdoptPractices, actor.RegionId) == true
            && _practice.Status == PracticeStatus.Published
            && actor.RegionId != _practice.RegionId
            && _practice.Adoptions.All(a => a.RegionId != actor.RegionId);
        _breadcrumbs =
        [
            new(L["Practices.Title"], "/practices"),
            new(PracticeTexts.Pick(_practice.Content.Texts, _language)?.Title ?? "", null, disabled: true),
        ];
    }

    private async Task EditAsync()
    {
        var parameters = new DialogParameters<PracticeDialog> { { d => d.RegionId, _practice!.RegionId }, { d => d.Practice, _practice } };
        var dialog = await Dialogs.ShowAsync<PracticeDialog>(L["Practices.Edit"], parameters, DialogDefaults.Large);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["Common.Saved"], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task SetStatusAsync(PracticeStatus status)
    {
        try
        {
            await Practices.SetStatusAsync(await UserAsync(), _practice!.Id, status, _practice.Version);
            Snackbar.Add(L[$"Practices.Now{status}"], Severity.Success);
        }
        catch (ConcurrencyConflictException ex)
        {
            Snackbar.Add(L.Error(ex), Severity.Warning);
        }
        catch (WorkspaceException ex)
        {
            Snackbar.Add(ex is ValidationFailedException v ? string.Join(" ", v.Errors.Select(L.Field)) : L.Error(ex), Severity.Error);
        }

        await LoadAsync();
    }

    private async Task ShowVersionsAsync()
    {
        var parameters = new DialogParameters<PracticeVersionsDialog> { { d => d.Practice, _practice! }, { d => d.CanRestore, _canEdit } };
        var dialog = await Dialogs.ShowAsync<PracticeVersionsDialog>(L["Practices.Versions"], parameters, DialogDefaults.Large);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["Practices.Restored"], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ExportSheetAsync(string language)
    {
        _exporting = true;
        try
        {
            var file = await Sheets.ExportAsync(await UserAsync(), _practice!.Id, language);
            using var stream = new MemoryStream(file.Content);
            using var reference = new DotNetStreamReference(stream);
            await JS.InvokeVoidAsync("rwDownload", file.FileName, file.ContentType, reference);
            Snackbar.Add(L["Report.Downloaded", file.FileName], Severity.Success);
        }
        catch (WorkspaceException ex)
        {
            Snackbar.Add(L.Error(ex), Severity.Error);
        }
        finally
        {
            _exporting = false;
        }
    }
}

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Features.Trainings.Evaluation;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Trainings;

public partial class SessionRegistrations
{
    private IReadOnlyList<RegistrationRow>? _rows;
    private IReadOnlyList<RegionOption> _regions = [];
    private string? _search;
    private bool _showCancelled;

    [Inject]
    public required RegionsService Regions { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter, EditorRequired]
    public required SessionRow Session { get; set; }

    /// <summary>The session's regions for which the user may register (and cancel) participants.</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<int> RegistrarRegionIds { get; set; }

    /// <summary>The user takes attendance for this session (sees personal codes, records invitations).</summary>
    [Parameter]
    public bool CanMark { get; set; }

    private bool CanSeeCodes => CanMark || RegistrarRegionIds.Count > 0;

    private IEnumerable<RegistrationRow> Visible => (_rows ?? [])
        .Where(r => _showCancelled || r.Status != RegistrationStatus.Cancelled)
        .Where(r => string.IsNullOrWhiteSpace(_search) || r.FullName.Contains(_search.Trim(), StringComparison.CurrentCultureIgnoreCase)
            || (r.Email?.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase) ?? false));

    protected override async Task OnInitializedAsync()
    {
        _regions = await Regions.ListOptionsAsync();
        await ReloadAsync();
    }

    public async Task ReloadAsync()
    {
        _rows = await Registrations.ListAsync((await AuthenticationState).User, Session.Id);
        StateHasChanged();
    }

    private string RegionName(int id) => _regions.NameOf(id);

    private async Task RegisterMembersAsync()
    {
        var parameters = new DialogParameters<RegisterMemberDialog> { { d => d.SessionId, Session.Id }, { d => d.RegionIds, RegistrarRegionIds } };
        var dialog = await Dialogs.ShowAsync<RegisterMemberDialog>(L["Registrations.AddMembers"], parameters, DialogDefaults.Form);
        if (await dialog.Result is { Canceled: false, Data: (int registered, int waitlisted) })
        {
            Snackbar.Add(L["Registrations.Done", registered, waitlisted], Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task RegisterNewAsync()
    {
        var parameters = new DialogParameters<ParticipantDialog> { { d => d.SessionId, Session.Id }, { d => d.RegionIds, RegistrarRegionIds } };
        var dialog = await Dialogs.ShowAsync<ParticipantDialog>(L["Registrations.AddNew"], parameters, DialogDefaults.Form);
        if (await dialog.Result is { Canceled: false, Data: RegistrationStatus status })
        {
            Snackbar.Add(L[status == RegistrationStatus.Waitlisted ? "Registrations.Waitlisted" : "Registrations.Registered"], Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task ImportAsync()
    {
        var parameters = new DialogParameters<ImportParticipantsDialog> { { d => d.SessionId, Session.Id }, { d => d.RegionId, RegistrarRegionIds[0] } };
        var dialog = await Dialogs.ShowAsync<ImportParticipantsDialog>(L["Registrations.Import"], parameters, DialogDefaults.Large);
        if (await dialog.Result is { Canceled: false })
        {
            await ReloadAsync();
        }
    }

    private async Task MarkInvitedAsync()
    {
        try
        {
            var count = await Registrations.MarkInvitedAsync((await AuthenticationState).User, Session.Id);
            Snackbar.Add(L["Registrations.Invited", count], Severity.Success);
        }
        catch (WorkspaceException ex)
        {
            Snackbar.Add(L.Describe(ex), Severity.Error);
        }
    }

    private async Task CancelAsync(RegistrationRow row)
    {
        if (await Dialogs.ShowMessageBoxAsync(L["Registrations.Cancel"], L["Registrations.CancelConfirm", row.FullName], L["Registrations.Cancel"], cancelText: L["Common.Cancel"]) != true)
        {
            return;
        }

        try
        {
            await Registrations.CancelAsync((await AuthenticationState).User, row.Id);
            Snackbar.Add(L["Registrations.Cancelled", row.FullName], Severity.Success);
        }
        catch (WorkspaceException ex)
        {
            Snackbar.Add(L.Describe(ex), Severity.Error);
        }

        await ReloadAsync();
    }
}

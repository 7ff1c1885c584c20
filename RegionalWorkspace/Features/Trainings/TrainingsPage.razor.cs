using Microsoft.AspNetCore.Components;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Trainings;

/// <summary>The trainings (C2): sessions soonest first, and programmes; live as anyone adds or changes one.</summary>
public partial class TrainingsPage
{
    private IReadOnlyList<SessionRow>? _sessions;
    private IReadOnlyList<ProgrammeRow> _programmes = [];
    private IReadOnlyList<RegionOption> _regions = [];
    private bool _canManage;
    private bool _showPast;
    private int? _regionFilter;

    [Inject]
    public required TrainingsService Trainings { get; init; }

    [Inject]
    public required RegionsService Regions { get; init; }

    [Inject]
    public required WorkspaceTime Time { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private IEnumerable<SessionRow> VisibleSessions => (_sessions ?? [])
        .Where(s => _showPast || s.StartsAtUtc.AddMinutes(s.DurationMinutes) >= DateTime.UtcNow.AddDays(-1))
        .Where(s => _regionFilter is null || s.RegionIds.Contains(_regionFilter.Value));

    protected override async Task OnInitializedAsync()
    {
        _regions = await Regions.ListOptionsAsync();
        var actor = await ActorAsync();
        _canManage = actor?.Can(UseCase.ManageTrainings) == true;
        _regionFilter = actor?.Role == WorkspaceRole.RegionalOfficer ? actor.RegionId : null;
        await LoadAsync();
        await FollowAsync(e => e.Capability == Capability.Trainings && e.EntityType is "Programme" or "Session" or "Registration", LoadAsync);
    }

    private async Task LoadAsync()
    {
        var user = await UserAsync();
        _programmes = await Trainings.ListProgrammesAsync(user);
        _sessions = await Trainings.ListSessionsAsync(user);
    }

    private DateTime Local(DateTime utc) => Time.ToLocal(utc);

    private string RegionName(int id) => _regions.NameOf(id);

    private async Task EditProgrammeAsync(ProgrammeRow? programme)
    {
        var parameters = new DialogParameters<ProgrammeDialog> { { d => d.Programme, programme } };
        var dialog = await Dialogs.ShowAsync<ProgrammeDialog>(L[programme is null ? "Programmes.New" : "Programmes.Edit"], parameters, DialogDefaults.Form);
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task AddSessionAsync(ProgrammeRow programme)
    {
        var parameters = new DialogParameters<SessionDialog> { { d => d.ProgrammeId, programme.Id } };
        var dialog = await Dialogs.ShowAsync<SessionDialog>(L["Sessions.New"], parameters, DialogDefaults.Form);
        if (await dialog.Result is { Canceled: false, Data: int id })
        {
            Navigation.NavigateTo($"/trainings/sessions/{id}");
        }
    }
}

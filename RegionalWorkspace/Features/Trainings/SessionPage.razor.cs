using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Trainings;

/// <summary>
/// One session: its facts, live attendance counts, registrations and waiting list, and (by role) the trainer's board,
/// self check-in, documents and evaluation. Every part follows the session's changes live.
/// </summary>
public partial class SessionPage
{
    private SessionRow? _session;
    private string? _error;
    private bool _canManage;
    private bool _canMark;
    private bool _canExport;
    private IReadOnlyList<int> _registrarRegions = [];
    private IReadOnlyList<RegionOption> _regions = [];
    private List<BreadcrumbItem> _breadcrumbs = [];
    private AttendanceCounts? _counts;
    private SessionRegistrations? _registrations;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    public required TrainingsService Trainings { get; init; }

    [Inject]
    public required RegionsService Regions { get; init; }

    [Inject]
    public required WorkspaceTime Time { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    private string When
    {
        get
        {
            var start = Time.ToLocal(_session!.StartsAtUtc);
            var end = start.AddMinutes(_session.DurationMinutes);
            return $"{start.ToString("D", CultureInfo.CurrentCulture)} · {start.ToString("t", CultureInfo.CurrentCulture)} – {end.ToString("t", CultureInfo.CurrentCulture)}";
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        _regions = await Regions.ListOptionsAsync();
        await LoadAsync();
        await FollowAsync(e => e.Scope == TrainingsService.SessionKey(Id), ReloadAsync);
    }

    private async Task ReloadAsync(IReadOnlyList<WorkspaceEvent>? changes)
    {
        if (changes is null || changes.Any(e => e.EntityType is "Session" or "Registration"))
        {
            await LoadAsync();
            await (_registrations?.ReloadAsync() ?? Task.CompletedTask);
        }

        await (_counts?.ReloadAsync() ?? Task.CompletedTask);
    }

    private async Task LoadAsync()
    {
        (_session, var refusal) = await ReadAsync(user => Trainings.GetSessionAsync(user, Id));
        _error = refusal is null ? null : L.Error(refusal);
        if (_session is null)
        {
            return;
        }

        var actor = await ActorAsync();
        _canManage = actor?.Can(UseCase.ManageTrainings) == true;
        _canMark = actor?.Can(UseCase.TakeAttendance) == true && (actor.Role != WorkspaceRole.Trainer || _session.TrainerIds.Contains(actor.UserId));
        _canExport = actor?.Can(UseCase.ExportDocuments) == true;
        _registrarRegions = _session.RegionIds.Where(r => actor?.Can(UseCase.RegisterParticipants, r) == true).ToList();
        _breadcrumbs =
        [
            new(L["Trainings.Title"], "/trainings"),
            new(Cultures.Pick(_session.ProgrammeTitle, _session.ProgrammeTitleAr), null, disabled: true),
        ];
    }

    private string RegionName(int id) => _regions.NameOf(id);

    private async Task EditAsync()
    {
        var parameters = new DialogParameters<SessionDialog>
        {
            { d => d.ProgrammeId, _session!.ProgrammeId },
            { d => d.Existing, _session },
            { d => d.StartsAtLocal, Time.ToLocal(_session.StartsAtUtc) },
        };
        var dialog = await Dialogs.ShowAsync<SessionDialog>(L["Sessions.Edit"], parameters, DialogDefaults.Form);
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task ToggleCancelledAsync()
    {
        var cancel = !_session!.IsCancelled;
        if (cancel && await Dialogs.ShowMessageBoxAsync(L["Sessions.Cancel"], L["Sessions.CancelConfirm"], L["Sessions.Cancel"], cancelText: L["Common.Cancel"]) != true)
        {
            return;
        }

        try
        {
            await Trainings.SetCancelledAsync(await UserAsync(), Id, cancel, _session.Version);
        }
        catch (WorkspaceException ex)
        {
            Snackbar.Add(L.Describe(ex), Severity.Error);
        }

        await LoadAsync();
    }
}

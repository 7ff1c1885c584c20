using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Trainings;

/// <summary>
/// The trainer's board, made for a tablet: one tap marks a person Present, Late, Excused or Absent and is saved at
/// once; marks made on other boards, by self check-in or by walk-ins appear live. A tap shows at once and is undone,
/// with the reason, if the server refuses it.
/// </summary>
public partial class TrainerBoardPage
{
    private static readonly AttendanceStatus[] s_statuses = [AttendanceStatus.Present, AttendanceStatus.Late, AttendanceStatus.Excused, AttendanceStatus.Absent];
    private SessionRow? _session;
    private List<RosterRow>? _roster;
    private IReadOnlyList<RegionOption> _regions = [];
    private readonly HashSet<int> _pending = [];
    private AttendanceCounts? _counts;
    private string? _error;
    private string? _search;
    private bool _onlyUnmarked;
    private int? _editing;
    private string? _remarkDraft;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    public required TrainingsService Trainings { get; init; }

    [Inject]
    public required AttendanceService Attendance { get; init; }

    [Inject]
    public required RegionsService Regions { get; init; }

    [Inject]
    public required WorkspaceTime Time { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    private IEnumerable<RosterRow> Visible => _roster!
        .Where(r => !_onlyUnmarked || r.Status is null)
        .Where(r => string.IsNullOrWhiteSpace(_search) || r.FullName.Contains(_search.Trim(), StringComparison.CurrentCultureIgnoreCase)
            || (r.Organisation?.Contains(_search.Trim(), StringComparison.CurrentCultureIgnoreCase) ?? false));

    protected override async Task OnParametersSetAsync()
    {
        _regions = await Regions.ListOptionsAsync();
        try
        {
            var user = await UserAsync();
            _session = await Trainings.GetSessionAsync(user, Id);
            var actor = await ActorAsync();
            if (actor is null || !actor.Can(UseCase.TakeAttendance) || (actor.Role == WorkspaceRole.Trainer && !_session.TrainerIds.Contains(actor.UserId)))
            {
                _error = L["Error.NotYourSession"];
                return;
            }

            await LoadRosterAsync();
        }
        catch (WorkspaceException ex)
        {
            _error = L.Error(ex);
            return;
        }

        await FollowAsync(e => e.Scope == TrainingsService.SessionKey(Id), async burst =>
        {
            await RefreshAsync(burst);
            await (_counts?.ReloadAsync() ?? Task.CompletedTask);
        });
    }

    /// <summary>
    /// A burst of marks re-reads only the people marked (a self check-in announces one person); anything else (a
    /// registration, a walk-in, "mark the rest absent", a reconnection) re-reads the whole roster.
    /// </summary>
    private async Task RefreshAsync(IReadOnlyList<WorkspaceEvent>? burst)
    {
        var marked = burst?.All(e => e.EntityType == "Attendance" && e.EntityId > 0) == true
            ? burst.Select(e => e.EntityId).ToHashSet()
            : null;
        if (marked is null || _roster is null || marked.Any(id => _roster.All(r => r.ParticipantId != id)))
        {
            await LoadRosterAsync();
            return;
        }

        foreach (var row in await Attendance.RosterRowsAsync(await UserAsync(), Id, marked))
        {
            var index = _roster.FindIndex(r => r.ParticipantId == row.ParticipantId);
            if (index >= 0 && !_pending.Contains(row.ParticipantId))
            {
                _roster[index] = row;
            }
        }
    }

    private async Task LoadRosterAsync() => _roster = (await Attendance.RosterAsync(await UserAsync(), Id)).ToList();

    private string RegionName(int id) => _regions.NameOf(id);

    private async Task MarkAsync(RosterRow row, AttendanceStatus status)
    {
        var index = _roster!.FindIndex(r => r.ParticipantId == row.ParticipantId);
        var before = _roster[index];
        _roster[index] = before with { Status = status };
        _pending.Add(row.ParticipantId);
        try
        {
            await Attendance.MarkAsync(await UserAsync(), Id, row.ParticipantId, status, before.Remark);
        }
        catch (WorkspaceException ex)
        {
            var now = _roster.FindIndex(r => r.ParticipantId == row.ParticipantId);
            if (now >= 0)
            {
                _roster[now] = before;
            }

            Snackbar.Add(L["Board.NotSaved", row.FullName, L.Describe(ex)], Severity.Error);
        }
        finally
        {
            _pending.Remove(row.ParticipantId);
        }
    }

    private void EditRemark(RosterRow row)
    {
        _editing = row.ParticipantId;
        _remarkDraft = row.Remark;
    }

    private async Task RemarkKeyAsync(KeyboardEventArgs e, RosterRow row)
    {
        if (e.Key == "Enter")
        {
            await SaveRemarkAsync(row);
        }
        else if (e.Key == "Escape")
        {
            _editing = null;
        }
    }

    private async Task SaveRemarkAsync(RosterRow row)
    {
        var current = _roster!.FirstOrDefault(r => r.ParticipantId == row.ParticipantId);
        if (current?.Status is not { } status)
        {
            _editing = null;
            return;
        }

        try
        {
            await Attendance.MarkAsync(await UserAsync(), Id, row.ParticipantId, status, _remarkDraft);
            _editing = null;
        }
        catch (WorkspaceException ex)
        {
            // The draft stays in the field so that nothing typed is lost.
            Snackbar.Add(L["Board.NotSaved", row.FullName, L.Describe(ex)], Severity.Error);
        }
    }

    private async Task MarkRestAbsentAsync()
    {
        var unmarked = _roster!.Count(r => r.Status is null);
        if (await Dialogs.ShowMessageBoxAsync(L["Board.RestAbsent"], L["Board.RestAbsentConfirm", unmarked], L["Board.RestAbsent"], cancelText: L["Common.Cancel"]) != true)
        {
            return;
        }

        try
        {
            var marked = await Attendance.MarkRestAbsentAsync(await UserAsync(), Id);
            Snackbar.Add(L["Board.RestAbsentDone", marked], Severity.Success);
        }
        catch (WorkspaceException ex)
        {
            Snackbar.Add(L.Describe(ex), Severity.Error);
        }

        await LoadRosterAsync();
    }

    private async Task AddWalkInAsync()
    {
        var parameters = new DialogParameters<ParticipantDialog> { { d => d.SessionId, Id }, { d => d.RegionIds, _session!.RegionIds }, { d => d.WalkIn, true } };
        var dialog = await Dialogs.ShowAsync<ParticipantDialog>(L["Board.WalkIn"], parameters, DialogDefaults.Form);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["Board.WalkInAdded"], Severity.Success);
            await LoadRosterAsync();
        }
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.StudyMeetings;

/// <summary>
/// One study meeting: the publication presented, when and where, the invited councils, attendance, minutes and
/// follow-up actions. Every part follows the meeting's changes live; the presence bar shows who else is here.
/// </summary>
public partial class StudyMeetingPage
{
    private StudyMeetingDetail? _meeting;
    private string? _error;
    private bool _canRun;
    private Actor? _actor;
    private IReadOnlyList<RegionOption> _regions = [];
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Parameter]
    public int Id { get; set; }

    [Inject]
    public required StudyMeetingsService Meetings { get; init; }

    [Inject]
    public required RegionsService Regions { get; init; }

    [Inject]
    public required WorkspaceTime Time { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    private string Title => Cultures.Pick(_meeting!.Row.PublicationTitleFr, _meeting.Row.PublicationTitleAr);

    private bool Started => _meeting is not null && Clock.GetUtcNow().UtcDateTime >= _meeting.Row.StartsAtUtc;

    private string When
    {
        get
        {
            var start = Time.ToLocal(_meeting!.Row.StartsAtUtc);
            var end = start.AddMinutes(_meeting.Row.DurationMinutes);
            return $"{start.ToString("D", CultureInfo.CurrentCulture)} · {start.ToString("t", CultureInfo.CurrentCulture)} – {end.ToString("t", CultureInfo.CurrentCulture)}";
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        _regions = await Regions.ListOptionsAsync();
        _actor = await ActorAsync();
        _canRun = _actor?.Can(UseCase.RunCeseSessions) == true;
        await LoadAsync();
        await FollowAsync(e => e.Scope == StudyMeetingsService.MeetingKey(Id), LoadAsync);
    }

    private async Task LoadAsync()
    {
        (_meeting, var refusal) = await ReadAsync(user => Meetings.GetAsync(user, Id));
        _error = refusal is null ? null : L.Error(refusal);
        if (_meeting is null)
        {
            return;
        }

        _breadcrumbs = [new(L["StudyMeetings.Title"], "/study-meetings"), new(Title, null, disabled: true)];
    }

    private string RegionName(int id) => _regions.NameOf(id);

    private async Task EditAsync()
    {
        var row = _meeting!.Row;
        var existing = new StudyMeetingInput
        {
            PublicationId = row.PublicationId,
            StartsAt = Time.ToLocal(row.StartsAtUtc),
            DurationMinutes = row.DurationMinutes,
            Place = row.Place,
            OnlineLink = row.OnlineLink,
            RegionIds = row.RegionIds.ToList(),
            Version = row.Version,
        };
        var parameters = new DialogParameters<StudyMeetingDialog> { { d => d.Id, Id }, { d => d.Existing, existing } };
        var dialog = await Dialogs.ShowAsync<StudyMeetingDialog>(L["StudyMeetings.Edit"], parameters, DialogDefaults.Form);
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task ToggleCancelledAsync()
    {
        var cancel = !_meeting!.Row.IsCancelled;
        if (cancel && await Dialogs.ShowMessageBoxAsync(L["StudyMeetings.Cancel"], L["StudyMeetings.CancelConfirm"], L["StudyMeetings.Cancel"], cancelText: L["Common.Cancel"]) != true)
        {
            return;
        }

        try
        {
            await Meetings.SetCancelledAsync(await UserAsync(), Id, cancel, _meeting.Row.Version);
        }
        catch (WorkspaceException ex)
        {
            Snackbar.Add(L.Describe(ex), Severity.Error);
        }

        await LoadAsync();
    }
}

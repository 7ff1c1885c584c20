using Microsoft.AspNetCore.Components;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.StudyMeetings;

/// <summary>
/// Study meetings (C6), upcoming (soonest first) and past (latest first), a page at a time: officers see those their
/// region is invited to. Live: a meeting scheduled for one's region appears without reloading.
/// </summary>
public partial class StudyMeetingsPage
{
    private readonly StudyMeetingQuery _query = new();
    private Page<StudyMeetingRow>? _page;
    private IReadOnlyList<RegionOption> _regions = [];
    private bool _canRun;
    private int _tab;

    [Inject]
    public required StudyMeetingsService Meetings { get; init; }

    [Inject]
    public required RegionsService Regions { get; init; }

    [Inject]
    public required WorkspaceTime Time { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private int PageCount => _page is null ? 0 : (int)Math.Ceiling(_page.Total / (double)_query.PageSize);

    protected override async Task OnInitializedAsync()
    {
        _regions = await Regions.ListOptionsAsync();
        _canRun = (await ActorAsync())?.Can(UseCase.RunCeseSessions) == true;
        await LoadAsync();
        await FollowAsync(e => e.Capability == Capability.StudyMeetings && e.EntityType is "StudyMeeting" or "FollowUpAction" or "Attendance", LoadAsync);
    }

    private async Task LoadAsync() => _page = await Meetings.ListAsync(await UserAsync(), _query);

    private string RegionName(int id) => _regions.NameOf(id);

    private async Task TabChangedAsync(int tab)
    {
        _tab = tab;
        _query.Past = tab == 1;
        _query.Page = 0;
        await LoadAsync();
    }

    private async Task PageChangedAsync(int page)
    {
        _query.Page = page - 1;
        await LoadAsync();
    }

    private async Task ScheduleAsync()
    {
        var dialog = await Dialogs.ShowAsync<StudyMeetingDialog>(L["StudyMeetings.Schedule"], DialogDefaults.Form);
        if (await dialog.Result is { Canceled: false, Data: int id })
        {
            Navigation.NavigateTo($"/study-meetings/{id}");
        }
    }
}

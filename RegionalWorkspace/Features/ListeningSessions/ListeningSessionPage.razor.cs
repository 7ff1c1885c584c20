using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.ListeningSessions;

/// <summary>
/// One listening session: its facts, who is invited, the participants, the minutes, synthesis and publication, the
/// contribution form for officers of invited regions, and the contributions, kept current live. An officer of a region
/// not invited is told it does not exist.
/// </summary>
public partial class ListeningSessionPage
{
    private readonly HashSet<int> _fresh = [];
    private ListeningSessionDetail? _session;
    private List<ContributionRow>? _contributions;
    private IReadOnlyList<RegionOption> _regions = [];
    private List<BreadcrumbItem> _breadcrumbs = [];
    private string? _error;
    private string? _userId;
    private int? _ownRegion;
    private bool _canRun;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    public required ListeningSessionsService Sessions { get; init; }

    [Inject]
    public required ContributionsService Contributions { get; init; }

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

    private string When
    {
        get
        {
            var start = Time.ToLocal(_session!.StartsAtUtc);
            var end = Time.ToLocal(_session.EndsAtUtc);
            return $"{start.ToString("D", CultureInfo.CurrentCulture)} · {start.ToString("t", CultureInfo.CurrentCulture)} – {end.ToString("t", CultureInfo.CurrentCulture)}";
        }
    }

    private string CloseAtText => Time.ToLocal(_session!.ContributionsCloseAtUtc).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>The topic in the other language, when it has one.</summary>
    private string? OtherTopic => _session!.TopicAr is null ? null : Cultures.IsArabic ? _session.Topic : _session.TopicAr;

    protected override async Task OnParametersSetAsync()
    {
        _regions = await Regions.ListOptionsAsync();
        _fresh.Clear();
        await LoadAsync();
        await LoadContributionsAsync();
        await FollowAsync(e => e.Scope == ListeningSessionsService.SessionKey(Id), ReloadAsync);
    }

    private async Task ReloadAsync(IReadOnlyList<WorkspaceEvent>? changes)
    {
        await LoadAsync();
        if (changes is null || changes.Any(e => e.EntityType == "Contribution"))
        {
            var known = _contributions?.Select(c => c.Id).ToHashSet() ?? [];
            await LoadContributionsAsync();
            if (changes is not null)
            {
                _fresh.UnionWith(_contributions?.Where(c => !known.Contains(c.Id)).Select(c => c.Id) ?? []);
            }
        }
    }

    private async Task LoadAsync()
    {
        (_session, var refusal) = await ReadAsync(user => Sessions.GetAsync(user, Id));
        _error = refusal is null ? null : L.Error(refusal);
        if (_session is null)
        {
            _contributions = null;
            return;
        }

        var actor = await ActorAsync();
        _userId = actor?.UserId;
        _canRun = actor?.Can(UseCase.RunCeseSessions) == true;
        _ownRegion = actor?.RegionId is int region && _session.RegionIds.Contains(region) && actor.Can(UseCase.ContributeToListening, region) ? region : null;
        _breadcrumbs =
        [
            new(L["Listening.Title"], "/listening-sessions"),
            new(Cultures.Pick(_session.Topic, _session.TopicAr), null, disabled: true),
        ];
    }

    private async Task LoadContributionsAsync()
    {
        if (_session is null)
        {
            return;
        }

        try
        {
            _contributions = (await Contributions.ListAsync(await UserAsync(), Id)).ToList();
        }
        catch (WorkspaceException ex)
        {
            _error = L.Error(ex);
        }
    }

    private string RegionName(int id) => _regions.NameOf(id);

    private async Task WithdrawAsync(ContributionRow row)
    {
        if (await Dialogs.ShowMessageBoxAsync(L["Listening.Withdraw"], L["Listening.WithdrawConfirm"], L["Listening.Withdraw"], cancelText: L["Common.Cancel"]) != true)
        {
            return;
        }

        try
        {
            await Contributions.DeleteAsync(await UserAsync(), row.Id);
            Snackbar.Add(L["Listening.Withdrawn"], Severity.Success);
        }
        catch (WorkspaceException ex)
        {
            Snackbar.Add(L.Describe(ex), Severity.Error);
        }

        await LoadContributionsAsync();
    }

    private async Task EditAsync()
    {
        var s = _session!;
        var values = new ListeningSessionInput
        {
            Topic = s.Topic,
            TopicAr = s.TopicAr,
            Description = s.Description,
            StudyRequestId = s.StudyRequestId,
            StartsAt = Time.ToLocal(s.StartsAtUtc),
            DurationMinutes = s.DurationMinutes,
            Place = s.Place,
            OnlineLink = s.OnlineLink,
            RegionIds = s.RegionIds.ToList(),
            BodyIds = s.Bodies.Select(b => b.Id).ToList(),
            ContributionsCloseAt = s.ContributionsCloseAtUtc == s.EndsAtUtc ? null : Time.ToLocal(s.ContributionsCloseAtUtc),
            Version = s.Version,
        };
        var parameters = new DialogParameters<ListeningSessionDialog> { { d => d.Existing, s }, { d => d.Values, values } };
        await ShowAsync<ListeningSessionDialog>(L["Listening.Edit"], parameters, DialogDefaults.Large);
    }

    private Task RecordAsync() =>
        ShowAsync<ListeningRecordDialog>(L["Listening.WriteMinutes"], new DialogParameters<ListeningRecordDialog> { { d => d.Listening, _session! } }, DialogDefaults.Large);

    private Task PublicationAsync() =>
        ShowAsync<ListeningPublicationDialog>(L["Listening.LinkPublication"], new DialogParameters<ListeningPublicationDialog> { { d => d.Listening, _session! } }, DialogDefaults.Form);

    private async Task ShowAsync<TDialog>(string title, DialogParameters parameters, DialogOptions options)
        where TDialog : IComponent
    {
        var dialog = await Dialogs.ShowAsync<TDialog>(title, parameters, options);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["Common.Saved"], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ToggleCancelledAsync()
    {
        var cancel = !_session!.IsCancelled;
        if (cancel && await Dialogs.ShowMessageBoxAsync(L["Listening.Cancel"], L["Listening.CancelConfirm"], L["Listening.Cancel"], cancelText: L["Common.Cancel"]) != true)
        {
            return;
        }

        try
        {
            await Sessions.SetCancelledAsync(await UserAsync(), Id, cancel, _session.Version);
        }
        catch (WorkspaceException ex)
        {
            Snackbar.Add(L.Describe(ex), Severity.Error);
        }

        await LoadAsync();
    }
}

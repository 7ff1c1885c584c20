using Microsoft.AspNetCore.Components;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.ListeningSessions;

/// <summary>
/// The contributions board, for the room's screen and for remote participants: every contribution, newest first, with
/// who speaks, who posted and when; counts per region; a filter by region and by council or body. New contributions
/// appear live, briefly highlighted; a burst of them is fetched and rendered once (the live updates are coalesced),
/// and only the contributions the burst names are read again.
/// </summary>
public partial class ListeningBoardPage
{
    private const string CouncilKey = "council";
    private readonly HashSet<int> _fresh = [];
    private ListeningSessionDetail? _session;
    private List<ContributionRow>? _contributions;
    private IReadOnlyList<RegionOption> _regions = [];
    private string? _error;
    private string? _announcement;
    private int? _region;
    private string? _speaker;

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

    private List<ContributionRow> Visible => _contributions!
        .Where(c => _region is null || c.RegionId == _region)
        .Where(c => _speaker is null || SpeakerKey(c) == _speaker)
        .ToList();

    /// <summary>The council, and each invited body (of the region chosen, if any).</summary>
    private List<(string Key, string Label)> SpeakerChoices =>
    [
        (CouncilKey, L["Listening.Council"]),
        .. _session!.Bodies.Where(b => _region is null || b.RegionId == _region)
            .Select(b => ($"body:{b.Id}", $"{Cultures.Pick(b.NameFr, b.NameAr)} · {RegionName(b.RegionId)}")),
    ];


    protected override async Task OnParametersSetAsync()
    {
        _regions = await Regions.ListOptionsAsync();
        _fresh.Clear();
        try
        {
            var user = await UserAsync();
            _session = await Sessions.GetAsync(user, Id);
            _contributions = (await Contributions.ListAsync(user, Id)).ToList();
        }
        catch (WorkspaceException ex)
        {
            _error = L.Error(ex);
            return;
        }

        await FollowAsync(e => e.Scope == ListeningSessionsService.SessionKey(Id), ApplyAsync);
    }

    /// <summary>One burst of changes: the new contributions read and put on top, the withdrawn ones taken off.</summary>
    private async Task ApplyAsync(IReadOnlyList<WorkspaceEvent>? burst)
    {
        try
        {
            var user = await UserAsync();
            if (burst is null || burst.Any(e => e.EntityType != "Contribution"))
            {
                _session = await Sessions.GetAsync(user, Id);
            }

            if (burst is null)
            {
                _contributions = (await Contributions.ListAsync(user, Id)).ToList();
                return;
            }

            var contributions = burst.Where(e => e.EntityType == "Contribution").ToList();
            var removed = contributions.Where(e => e.Kind == ChangeKind.Deleted).Select(e => e.EntityId).ToHashSet();
            var added = contributions.Where(e => e.Kind == ChangeKind.Created && !removed.Contains(e.EntityId)).Select(e => e.EntityId)
                .Where(id => _contributions!.All(c => c.Id != id)).ToList();
            _contributions!.RemoveAll(c => removed.Contains(c.Id));
            if (added.Count > 0)
            {
                var rows = await Contributions.ListAsync(user, Id, added);
                _contributions.AddRange(rows);
                _contributions.Sort((a, b) => b.CreatedAtUtc != a.CreatedAtUtc ? b.CreatedAtUtc.CompareTo(a.CreatedAtUtc) : b.Id.CompareTo(a.Id));
                _fresh.UnionWith(rows.Select(r => r.Id));
                _announcement = L["Listening.NewContributions", rows.Count];
            }
        }
        catch (WorkspaceException ex)
        {
            // The session was cancelled away from this region, or deleted: say so instead of a stale board.
            _error = L.Error(ex);
        }
    }

    private void SetRegion(int? regionId)
    {
        _region = regionId;
        if (_speaker is not null && SpeakerChoices.All(c => c.Key != _speaker))
        {
            _speaker = null;
        }
    }

    private static string SpeakerKey(ContributionRow c) => c.BodyId is int body ? $"body:{body}" : CouncilKey;

    private string RegionName(int id) => _regions.NameOf(id);
}

using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.ListeningSessions;

public partial class ListeningSessionDialog
{
    private IReadOnlyList<RegionOption> _regions = [];
    private IReadOnlyList<BodyChoice> _bodies = [];
    private IReadOnlyList<StudyRequestChoice> _requests = [];

    [Inject]
    public required ListeningSessionsService Sessions { get; init; }

    [Inject]
    public required RegionsService Regions { get; init; }

    protected override ListeningSessionInput Input { get; set; } = new();

    protected override string? RecordKey => Existing is null ? null : ListeningSessionsService.SessionKey(Existing.Id);

    /// <summary>The session to change; null to organise a new one.</summary>
    [Parameter]
    public ListeningSessionDetail? Existing { get; set; }

    /// <summary>The session's values in the workspace's time zone, when <see cref="Existing"/> is set.</summary>
    [Parameter]
    public ListeningSessionInput? Values { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private DateTime? Day
    {
        get => Input.StartsAt?.Date;
        set => Input.StartsAt = value?.Date + (Input.StartsAt?.TimeOfDay ?? TimeSpan.FromHours(10));
    }

    private TimeSpan? Time
    {
        get => Input.StartsAt?.TimeOfDay;
        set => Input.StartsAt = Input.StartsAt is { } day ? day.Date + (value ?? TimeSpan.Zero) : null;
    }

    private DateTime? CloseDay
    {
        get => Input.ContributionsCloseAt?.Date;
        set => Input.ContributionsCloseAt = value?.Date + (Input.ContributionsCloseAt?.TimeOfDay ?? TimeSpan.FromHours(18));
    }

    private TimeSpan? CloseTime
    {
        get => Input.ContributionsCloseAt?.TimeOfDay;
        set => Input.ContributionsCloseAt = Input.ContributionsCloseAt is { } day ? day.Date + (value ?? TimeSpan.Zero) : null;
    }

    protected override async Task OnInitializedAsync()
    {
        if (Values is not null)
        {
            Input = Values;
        }

        var user = (await AuthenticationState).User;
        _regions = await Regions.ListOptionsAsync();
        _bodies = await Sessions.BodyChoicesAsync(user);
        _requests = await Sessions.StudyRequestChoicesAsync(user);
    }

    private string RegionName(int id) => _regions.NameOf(id);

    private string BodyName(int id) => _bodies.FirstOrDefault(b => b.Id == id) is { } b ? Cultures.Pick(b.NameFr, b.NameAr) : "";

    private string RequestTitle(int? id) => _requests.FirstOrDefault(r => r.Id == id)?.Title ?? "";

    /// <summary>A body is invited with its region: dropping the region drops its bodies.</summary>
    private void RegionsChanged(IEnumerable<int> values)
    {
        Input.RegionIds = values.ToList();
        var kept = _bodies.Where(b => Input.RegionIds.Contains(b.RegionId)).Select(b => b.Id).ToHashSet();
        Input.BodyIds = Input.BodyIds.Where(kept.Contains).ToList();
    }

    private Task SaveAsync() => SubmitAsync(Input.Validate, async () =>
    {
        var user = (await AuthenticationState).User;
        if (Existing is null)
        {
            return await Sessions.OrganiseAsync(user, Input);
        }

        await Sessions.UpdateAsync(user, Existing.Id, Input);
        return Existing.Id;
    });

    protected override ListeningSessionInput FromStored(object stored) => (ListeningSessionInput)stored;

    protected override void Rebase(int version) => Input.Version = version;

    protected override IEnumerable<FieldValue> Fields(ListeningSessionInput v) =>
    [
        new(Label("Listening.TopicFr"), v.Topic),
        new(Label("Listening.TopicAr"), v.TopicAr),
        new(Label("Listening.Description"), v.Description),
        new(Label("Listening.StudyRequest"), RequestTitle(v.StudyRequestId)),
        new(Label("Sessions.Date"), v.StartsAt?.ToString("g", CultureInfo.CurrentCulture)),
        new(Label("Sessions.Duration"), v.DurationMinutes?.ToString(CultureInfo.CurrentCulture)),
        new(Label("Sessions.Place"), v.Place),
        new(Label("Sessions.OnlineLink"), v.OnlineLink),
        new(Label("Listening.InvitedRegions"), string.Join(", ", v.RegionIds.Order().Select(RegionName))),
        new(Label("Listening.InvitedBodies"), string.Join(", ", v.BodyIds.Order().Select(BodyName))),
        new(Label("Listening.CloseDate"), v.ContributionsCloseAt?.ToString("g", CultureInfo.CurrentCulture) ?? Label("Listening.CloseAtEnd")),
    ];
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Claims;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Benchmarks;

/// <summary>
/// Commits changes to one member of the Rabat-Salé-Kénitra youth council, as its regional officer, through the real
/// service, and returns the event each change published (with the exact <see cref="WorkspaceEvent.AtUtc"/>).
/// </summary>
public sealed class MemberChanger : IDisposable
{
    private readonly AppHost _host;
    private readonly ClaimsPrincipal _officer;
    private readonly ConcurrentQueue<(WorkspaceEvent Event, DateTime HandedOnUtc)> _published = new();
    private readonly IDisposable _subscription;

    private MemberChanger(AppHost host, ClaimsPrincipal officer, int bodyId, int memberId)
    {
        _host = host;
        _officer = officer;
        BodyId = bodyId;
        MemberId = memberId;
        _subscription = host.Get<IWorkspaceBus>().Subscribe(e =>
        {
            if (e.EntityType == "Member" && e.EntityId == MemberId)
            {
                _published.Enqueue((e, DateTime.UtcNow));
            }
        });
    }

    public int BodyId { get; }

    public int MemberId { get; }

    public static async Task<MemberChanger> CreateAsync(AppHost host)
    {
        var officer = await host.PrincipalAsync("officer.rsk@demo.ma");
        var bodyId = await host.BodyIdAsync("RSK", BodyKind.Youth);
        var member = await FirstMemberAsync(host, officer, bodyId);
        return new MemberChanger(host, officer, bodyId, member.Id);
    }

    /// <summary>Sets the member's organisation (re-reading its current version first) and returns the published event.</summary>
    public async Task<PublishedChange> ChangeAsync(string organisation)
    {
        var member = await FirstMemberAsync(_host, _officer, BodyId);
        if (member.Id != MemberId)
        {
            throw new InvalidOperationException("The benchmark's member is no longer first in its table.");
        }

        var input = MemberInput.From(member);
        input.Organisation = organisation;
        var started = Stopwatch.GetTimestamp();
        await _host.Get<BodiesService>().UpdateMemberAsync(_officer, member.Id, input);
        var saveDuration = Stopwatch.GetElapsedTime(started);

        // The in-process bus hands the event to its handlers inside the publish, before UpdateMemberAsync returns.
        if (!_published.TryDequeue(out var published) || !_published.IsEmpty)
        {
            throw new InvalidOperationException("Expected exactly one published event per change.");
        }

        return new PublishedChange(published.Event, published.HandedOnUtc, saveDuration);
    }

    public void Dispose() => _subscription.Dispose();

    // The first row of the table (ordered by name): the row the browser pages show on their first page.
    private static async Task<MemberRow> FirstMemberAsync(AppHost host, ClaimsPrincipal officer, int bodyId) =>
        (await host.Get<BodiesService>().ListMembersAsync(officer, bodyId, null, 0, 1)).Items[0];
}

/// <summary>
/// A committed change: its <see cref="Event"/>; when the bus handed it to the benchmark's own handler (the bus calls its
/// handlers in turn on the publisher's thread, the hub forwarder's, subscribed at start-up, before this one); how long the
/// save call took in all.
/// </summary>
public sealed record PublishedChange(WorkspaceEvent Event, DateTime HandedOnUtc, TimeSpan SaveDuration)
{
    /// <summary>From <see cref="WorkspaceEvent.AtUtc"/> (after the commit) until the bus reached the benchmark's handler.</summary>
    public double PublishMs => (HandedOnUtc - Event.AtUtc).TotalMilliseconds;
}

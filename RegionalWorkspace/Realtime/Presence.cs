using System.Collections.Concurrent;
using RegionalWorkspace.Features.Accounts;

namespace RegionalWorkspace.Realtime;

/// <summary>One open, connected tab: who, on which page (<see cref="Location"/>), editing which record (<see cref="Editing"/>).</summary>
public sealed record PresenceEntry(string SessionId, string UserId, string DisplayName, string? Location, string? Editing);

/// <summary>All the connected tabs of one server, sent to the other servers.</summary>
public sealed record PresenceSnapshot(string ServerId, IReadOnlyList<PresenceEntry> Entries);

/// <summary>A person online, with the pages they have open.</summary>
public sealed record OnlineUser(string UserId, string DisplayName, IReadOnlyList<string> Locations);

/// <summary>
/// Who is connected, where, and what they are editing. Each server knows its own tabs (a tab leaves when its
/// connection drops or closes) and hears the other servers' snapshots through the bus: sent on every change and every
/// few seconds; a server that stops sending is forgotten after <see cref="RemoteLifetime"/>.
/// </summary>
public sealed class PresenceRegistry : IHostedService, IDisposable
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan RemoteLifetime = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, LocalSession> _local = new();
    private readonly ConcurrentDictionary<string, (PresenceSnapshot Snapshot, long ReceivedAt)> _remote = new();
    private readonly IWorkspaceBus _bus;
    private readonly TimeProvider _clock;
    private readonly ILogger<PresenceRegistry> _logger;
    private readonly LocalDispatcher<bool> _changed;
    private readonly Coalescer<bool> _broadcast;
    private IDisposable? _subscription;
    private ITimer? _timer;

    public PresenceRegistry(IWorkspaceBus bus, TimeProvider clock, ILogger<PresenceRegistry> logger)
    {
        _bus = bus;
        _clock = clock;
        _logger = logger;
        _changed = new(logger);
        _broadcast = new(TimeSpan.FromMilliseconds(100), _ => SendSnapshotAsync(), clock, logger);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = _bus.SubscribePresence(snapshot =>
        {
            _remote[snapshot.ServerId] = (snapshot, _clock.GetTimestamp());
            _changed.Dispatch(true);
        });
        _timer = _clock.CreateTimer(_ => OnHeartbeat(), null, Heartbeat, Heartbeat);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _subscription?.Dispose();
        _broadcast.Dispose();
    }

    /// <summary>Calls <paramref name="onChange"/> (at most once per burst) whenever anyone's presence changes, on any server.</summary>
    public IDisposable Subscribe(Action onChange)
    {
        var coalescer = new Coalescer<bool>(TimeSpan.FromMilliseconds(100), _ =>
        {
            onChange();
            return Task.CompletedTask;
        }, _clock, _logger);
        var subscription = _changed.Add(coalescer.Add);
        return new Subscription(subscription, coalescer);
    }

    public void Connect(string sessionId, Actor actor) =>
        Update(_local.GetOrAdd(sessionId, id => new LocalSession(id)), session =>
        {
            session.UserId = actor.UserId;
            session.DisplayName = actor.DisplayName;
            session.Connected = true;
        });

    /// <summary>The tab's connection dropped: it no longer counts as present, but keeps its page and form for when it returns.</summary>
    public void Disconnect(string sessionId) => Update(sessionId, session => session.Connected = false);

    /// <summary>The tab is gone for good.</summary>
    public void Leave(string sessionId)
    {
        if (_local.TryRemove(sessionId, out _))
        {
            Changed();
        }
    }

    public void SetLocation(string sessionId, string? location) => Update(sessionId, session => session.Location = location);

    public void SetEditing(string sessionId, string? recordKey) => Update(sessionId, session => session.Editing = recordKey);

    public IReadOnlyList<PresenceEntry> Entries()
    {
        var now = _clock.GetTimestamp();
        return LocalEntries()
            .Concat(_remote.Values.Where(r => _clock.GetElapsedTime(r.ReceivedAt, now) < RemoteLifetime).SelectMany(r => r.Snapshot.Entries))
            .ToList();
    }

    public IReadOnlyList<OnlineUser> Online() =>
        Entries().GroupBy(e => e.UserId)
            .Select(g => new OnlineUser(g.Key, g.First().DisplayName, g.Select(e => e.Location).OfType<string>().Distinct().ToList()))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture)
            .ToList();

    /// <summary>The people (other than <paramref name="exceptUserId"/>) with <paramref name="location"/> open.</summary>
    public IReadOnlyList<string> Viewers(string location, string? exceptUserId) =>
        Entries().Where(e => e.Location == location && e.UserId != exceptUserId).Select(e => e.DisplayName).Distinct().Order().ToList();

    /// <summary>The people (other than <paramref name="exceptUserId"/>) with an edit form of <paramref name="recordKey"/> open.</summary>
    public IReadOnlyList<string> Editors(string recordKey, string? exceptUserId) =>
        Entries().Where(e => e.Editing == recordKey && e.UserId != exceptUserId).Select(e => e.DisplayName).Distinct().Order().ToList();

    private IEnumerable<PresenceEntry> LocalEntries() => _local.Values.Select(s => s.ToEntry()).OfType<PresenceEntry>().ToList();

    /// <summary>Changes a known tab (the circuit connects before any page of it renders).</summary>
    private void Update(string sessionId, Action<LocalSession> change)
    {
        if (_local.TryGetValue(sessionId, out var session))
        {
            Update(session, change);
        }
    }

    private void Update(LocalSession session, Action<LocalSession> change)
    {
        bool changed;
        lock (session)
        {
            var before = session.ToEntry();
            change(session);
            changed = before != session.ToEntry();
        }

        if (changed)
        {
            Changed();
        }
    }

    private void Changed()
    {
        _changed.Dispatch(true);
        _broadcast.Add(true);
    }

    private void OnHeartbeat()
    {
        var expired = _remote.Where(r => _clock.GetElapsedTime(r.Value.ReceivedAt) >= RemoteLifetime).Select(r => r.Key).ToList();
        foreach (var server in expired)
        {
            _remote.TryRemove(server, out _);
        }

        if (expired.Count > 0)
        {
            _changed.Dispatch(true);
        }

        _ = SendSnapshotAsync();
    }

    private async Task SendSnapshotAsync()
    {
        try
        {
            await _bus.PublishPresenceAsync(new PresenceSnapshot(_bus.ServerId, LocalEntries().ToList()));
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Presence could not be shared with the other servers.");
        }
    }

    private sealed class Subscription(IDisposable subscription, IDisposable coalescer) : IDisposable
    {
        public void Dispose()
        {
            subscription.Dispose();
            coalescer.Dispose();
        }
    }

    private sealed class LocalSession(string id)
    {
        public string? UserId { get; set; }

        public string DisplayName { get; set; } = "";

        public string? Location { get; set; }

        public string? Editing { get; set; }

        public bool Connected { get; set; }

        public PresenceEntry? ToEntry()
        {
            lock (this)
            {
                return Connected && UserId is not null ? new PresenceEntry(id, UserId, DisplayName, Location, Editing) : null;
            }
        }
    }
}

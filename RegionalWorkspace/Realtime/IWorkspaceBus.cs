namespace RegionalWorkspace.Realtime;

/// <summary>
/// Carries committed changes and presence between the parts of the app and between app servers. Two implementations:
/// <see cref="InProcessWorkspaceBus"/> (one server) and <see cref="RedisWorkspaceBus"/> (several servers sharing Redis).
/// Handlers run on the publisher's thread: they must only hand the message on (queue it), never block.
/// </summary>
public interface IWorkspaceBus
{
    /// <summary>An id for this app server, distinct from every other server on the bus.</summary>
    string ServerId { get; }

    Task PublishAsync(WorkspaceEvent workspaceEvent);

    Task PublishPresenceAsync(PresenceSnapshot snapshot);

    IDisposable Subscribe(Action<WorkspaceEvent> handler);

    /// <summary>Presence snapshots from the other servers (a server's own presence is local to it).</summary>
    IDisposable SubscribePresence(Action<PresenceSnapshot> handler);
}

/// <summary>Hands each message to this server's handlers. Shared by both buses.</summary>
internal sealed class LocalDispatcher<T>(ILogger logger)
{
    private readonly Lock _gate = new();
    private Action<T>[] _handlers = [];

    public IDisposable Add(Action<T> handler)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers, handler];
        }

        return new Unsubscriber(() =>
        {
            lock (_gate)
            {
                _handlers = _handlers.Where(h => h != handler).ToArray();
            }
        });
    }

    public void Dispatch(T message)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                handler(message);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A bus handler failed.");
            }
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}

public sealed class InProcessWorkspaceBus(ILogger<InProcessWorkspaceBus> logger) : IWorkspaceBus
{
    private readonly LocalDispatcher<WorkspaceEvent> _events = new(logger);

    public string ServerId { get; } = Guid.NewGuid().ToString("N");

    public Task PublishAsync(WorkspaceEvent workspaceEvent)
    {
        _events.Dispatch(workspaceEvent);
        return Task.CompletedTask;
    }

    public Task PublishPresenceAsync(PresenceSnapshot snapshot) => Task.CompletedTask;

    public IDisposable Subscribe(Action<WorkspaceEvent> handler) => _events.Add(handler);

    public IDisposable SubscribePresence(Action<PresenceSnapshot> handler) => new NoSubscription();

    private sealed class NoSubscription : IDisposable
    {
        public void Dispose()
        {
        }
    }
}

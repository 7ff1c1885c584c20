using RegionalWorkspace.Features.Accounts;

namespace RegionalWorkspace.Realtime;

/// <summary>
/// How components follow changes: a subscription receives, in bursts, the events its user may see that match its
/// filter. Dispose the subscription with the component.
/// </summary>
public sealed class LiveUpdates(IWorkspaceBus bus, TimeProvider clock, IConfiguration configuration, ILogger<LiveUpdates> logger)
{
    private readonly TimeSpan _interval = TimeSpan.FromMilliseconds(configuration.GetValue("Realtime:CoalesceMilliseconds", 100));

    public IDisposable Subscribe(Actor actor, Func<WorkspaceEvent, bool> filter, Func<IReadOnlyList<WorkspaceEvent>, Task> onBurst)
    {
        var coalescer = new Coalescer<WorkspaceEvent>(_interval, onBurst, clock, logger);
        var subscription = bus.Subscribe(e =>
        {
            if (e.IsVisibleTo(actor) && filter(e))
            {
                coalescer.Add(e);
            }
        });
        return new Both(subscription, coalescer);
    }

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}

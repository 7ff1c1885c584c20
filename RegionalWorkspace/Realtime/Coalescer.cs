namespace RegionalWorkspace.Realtime;

/// <summary>
/// Turns a stream of items into bursts: the first item after a quiet spell is delivered at once; items arriving within
/// <c>interval</c> of the last delivery are gathered and delivered together when the interval ends. So a screen
/// re-renders once per burst, not once per event, and a lone change is shown without waiting.
/// </summary>
public sealed class Coalescer<T>(TimeSpan interval, Func<IReadOnlyList<T>, Task> deliver, TimeProvider clock, ILogger logger) : IDisposable
{
    private readonly Lock _gate = new();
    private List<T> _pending = [];
    private bool _scheduled;
    private bool _disposed;
    private long _lastDelivery = long.MinValue;

    public void Add(T item)
    {
        TimeSpan wait;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _pending.Add(item);
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
            var sinceLast = _lastDelivery == long.MinValue ? TimeSpan.MaxValue : clock.GetElapsedTime(_lastDelivery);
            wait = sinceLast >= interval ? TimeSpan.Zero : interval - sinceLast;
        }

        _ = DeliverAfterAsync(wait);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _pending = [];
        }
    }

    private async Task DeliverAfterAsync(TimeSpan wait)
    {
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock);
        }
        else
        {
            await Task.Yield();
        }

        List<T> batch;
        lock (_gate)
        {
            batch = _pending;
            _pending = [];
            _scheduled = false;
            _lastDelivery = clock.GetTimestamp();
            if (_disposed || batch.Count == 0)
            {
                return;
            }
        }

        try
        {
            await deliver(batch);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A live update could not be delivered.");
        }
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Tests.Realtime;

public sealed class CoalescerTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly List<IReadOnlyList<int>> _bursts = [];
    private readonly SemaphoreSlim _delivered = new(0);

    private Coalescer<int> Create() => new(TimeSpan.FromMilliseconds(100), batch =>
    {
        lock (_bursts)
        {
            _bursts.Add(batch);
        }

        _delivered.Release();
        return Task.CompletedTask;
    }, _clock, NullLogger.Instance);

    [Fact]
    public async Task Add_AfterAQuietSpell_IsDeliveredAtOnce()
    {
        using var coalescer = Create();

        coalescer.Add(1);

        Assert.True(await _delivered.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal([[1]], _bursts);
    }

    [Fact]
    public async Task Add_ABurstRightAfterADelivery_IsDeliveredOnceWhenTheIntervalEnds()
    {
        using var coalescer = Create();
        coalescer.Add(1);
        Assert.True(await _delivered.WaitAsync(TimeSpan.FromSeconds(5)));

        for (var i = 2; i <= 20; i++)
        {
            coalescer.Add(i);
        }

        Assert.False(await _delivered.WaitAsync(TimeSpan.FromMilliseconds(200)), "delivered before the interval ended");
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(await _delivered.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, _bursts.Count);
        Assert.Equal(Enumerable.Range(2, 19), _bursts[1]);
    }

    [Fact]
    public async Task Dispose_DropsWhatWasPending()
    {
        var coalescer = Create();
        coalescer.Add(1);
        Assert.True(await _delivered.WaitAsync(TimeSpan.FromSeconds(5)));
        coalescer.Add(2);

        coalescer.Dispose();
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.False(await _delivered.WaitAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Single(_bursts);
    }
}

using System.Diagnostics;
using System.Globalization;

namespace RegionalWorkspace.Tests.Benchmarks;

/// <summary>Latency samples (milliseconds) and their nearest-rank percentiles.</summary>
public sealed class LatencySamples
{
    private readonly List<double> _values = [];

    public int Count => _values.Count;

    public IReadOnlyList<double> Values => _values;

    public void Add(double milliseconds) => _values.Add(milliseconds);

    public void AddRange(IEnumerable<double> milliseconds) => _values.AddRange(milliseconds);

    /// <summary>The nearest-rank percentile: the smallest sample with at least <paramref name="percent"/> % of samples at or below it.</summary>
    public double Percentile(double percent)
    {
        if (_values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    public double Max => _values.Count == 0 ? double.NaN : _values.Max();

    public double Min => _values.Count == 0 ? double.NaN : _values.Min();

    public static string Ms(double value) =>
        double.IsNaN(value) ? "–" : value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";
}

/// <summary>CPU used between <see cref="Start"/> and <see cref="Stop"/>: by this process (the app and the test), and by the whole machine.</summary>
public sealed class CpuMeter
{
    private TimeSpan _processStart;
    private long _wallStart;
    private (long Busy, long Total)? _machineStart;

    public static CpuMeter Start()
    {
        var meter = new CpuMeter();
        meter.Restart();
        return meter;
    }

    public void Restart()
    {
        using var process = Process.GetCurrentProcess();
        _processStart = process.TotalProcessorTime;
        _machineStart = MachineTicks();
        _wallStart = Stopwatch.GetTimestamp();
    }

    public CpuUsage Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_wallStart);
        using var process = Process.GetCurrentProcess();
        var used = process.TotalProcessorTime - _processStart;
        double? machine = null;
        if (_machineStart is { } start && MachineTicks() is { } end && end.Total > start.Total)
        {
            machine = 100.0 * (end.Busy - start.Busy) / (end.Total - start.Total);
        }

        return new CpuUsage(wall, used, machine);
    }

    /// <summary>Busy and total jiffies of all cores, from <c>/proc/stat</c> (Linux); null elsewhere.</summary>
    private static (long Busy, long Total)? MachineTicks()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + fields[4];
            var total = fields.Sum();
            return (total - idle, total);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>CPU over a phase: <see cref="ProcessTime"/> used by this process during <see cref="Wall"/>; the machine's busy share of all cores.</summary>
public sealed record CpuUsage(TimeSpan Wall, TimeSpan ProcessTime, double? MachineBusyPercent)
{
    /// <summary>This process's CPU as a percentage of one core (200 % = both cores of a 2-core machine).</summary>
    public double ProcessPercentOfOneCore => Wall.TotalMilliseconds <= 0 ? 0 : 100 * ProcessTime.TotalMilliseconds / Wall.TotalMilliseconds;

    /// <summary>This process's CPU as a percentage of all the machine's cores.</summary>
    public double ProcessPercentOfAllCores => ProcessPercentOfOneCore / Environment.ProcessorCount;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{ProcessPercentOfOneCore:0} % of 1 core = {ProcessPercentOfAllCores:0} % of {Environment.ProcessorCount} cores ({ProcessTime.TotalSeconds:0.0} s CPU in {Wall.TotalSeconds:0.0} s)");

    public string DescribeMachine() => MachineBusyPercent is { } busy ? string.Create(CultureInfo.InvariantCulture, $"{busy:0} %") : "–";
}

/// <summary>Memory of this process after full, compacting collections (the last one aggressive: it decommits what it can).</summary>
public sealed record MemorySnapshot(long ManagedBytes, long WorkingSetBytes)
{
    public static MemorySnapshot Take()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        // Also give back to the OS what the GC keeps in reserve, so that the working set follows what is live.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        return new MemorySnapshot(managed, Environment.WorkingSet);
    }

    public static string Kb(double bytes) => (bytes / 1024).ToString("0", CultureInfo.InvariantCulture) + " KB";

    public static string Mb(double bytes) => (bytes / (1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}

/// <summary>
/// How much of the machine other processes used just before a measurement (the machine's busy share less this process's):
/// a shared machine makes every figure that follows pessimistic.
/// </summary>
public sealed record MachineLoad(double? OthersPercent, double OwnPercent)
{
    /// <summary>Above this share of all cores taken by others, the report flags the measurement.</summary>
    public const double NoisyPercent = 10;

    public static async Task<MachineLoad> SampleAsync()
    {
        var meter = CpuMeter.Start();
        // A fixed sampling window: nothing is awaited here but the clock.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var usage = meter.Stop();
        return new MachineLoad(usage.MachineBusyPercent - usage.ProcessPercentOfAllCores, usage.ProcessPercentOfAllCores);
    }

    public bool Noisy => OthersPercent > NoisyPercent;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"during the 2 s before it, other processes used {(OthersPercent is { } others ? $"{Math.Max(others, 0):0} %" : "?")} of the machine (this process {OwnPercent:0} %)")
        + (Noisy ? " — **the machine was shared: the figures below are pessimistic**" : "");
}

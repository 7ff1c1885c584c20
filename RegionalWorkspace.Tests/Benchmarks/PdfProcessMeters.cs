using System.Diagnostics;
using System.Globalization;

namespace RegionalWorkspace.Tests.Benchmarks;

/// <summary>
/// Processes seen from <c>/proc</c> (Linux): the PDF engine's Chromium (every process whose parent chain leads to the
/// browser process: zygotes, renderers, GPU and utility processes), their memory and CPU time.
/// </summary>
public static class ChromiumTree
{
    /// <summary>Clock ticks per second of <c>/proc</c> times (USER_HZ, 100 on Linux).</summary>
    public const double TicksPerSecond = 100;

    /// <summary><paramref name="root"/> and all its descendants alive now (one pass over <c>/proc</c>).</summary>
    public static List<int> Processes(int root) => Descendants(root, AllProcesses());

    /// <summary>Summed <c>VmRSS</c> and <c>RssAnon</c> of <paramref name="pids"/> (bytes); processes gone meanwhile count zero.</summary>
    public static (long Rss, long Anonymous) Resident(IEnumerable<int> pids)
    {
        long rss = 0, anonymous = 0;
        foreach (var pid in pids)
        {
            var fields = Fields($"/proc/{pid}/status", "VmRSS:", "RssAnon:");
            rss += fields[0] * 1024;
            anonymous += fields[1] * 1024;
        }

        return (rss, anonymous);
    }

    /// <summary>
    /// Summed proportional (<c>Pss</c>) and unique (<c>Private_Clean</c> + <c>Private_Dirty</c>) set sizes of
    /// <paramref name="pids"/> from <c>smaps_rollup</c> (bytes). Costs about 1 ms per process: not for sampling.
    /// </summary>
    public static (long Proportional, long Unique) Shares(IEnumerable<int> pids)
    {
        long pss = 0, uss = 0;
        foreach (var pid in pids)
        {
            var fields = Fields($"/proc/{pid}/smaps_rollup", "Pss:", "Private_Clean:", "Private_Dirty:");
            pss += fields[0] * 1024;
            uss += (fields[1] + fields[2]) * 1024;
        }

        return (pss, uss);
    }

    /// <summary>Every process now: parent and CPU ticks (own user + system; and those of its reaped children).</summary>
    internal static Dictionary<int, (int Parent, long Own, long Reaped)> AllProcesses()
    {
        var all = new Dictionary<int, (int, long, long)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat)
            {
                all[pid] = stat;
            }
        }

        return all;
    }

    internal static List<int> Descendants(int root, Dictionary<int, (int Parent, long Own, long Reaped)> all)
    {
        var children = all.ToLookup(p => p.Value.Parent, p => p.Key);
        var tree = new List<int>();
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            tree.Add(pid);
            foreach (var child in children[pid])
            {
                pending.Push(child);
            }
        }

        return tree;
    }

    private static (int Parent, long Own, long Reaped)? Stat(int pid)
    {
        try
        {
            var line = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
            // From there: [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.
            var f = line[(line.LastIndexOf(')') + 2)..].Split(' ');
            long L(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
            return (int.Parse(f[1], CultureInfo.InvariantCulture), L(11) + L(12), L(13) + L(14));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static long[] Fields(string file, params string[] names)
    {
        var values = new long[names.Length];
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                for (var i = 0; i < names.Length; i++)
                {
                    if (line.StartsWith(names[i], StringComparison.Ordinal))
                    {
                        var value = line[names[i].Length..].Trim();
                        values[i] = long.Parse(value[..value.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            // The process ended meanwhile.
        }

        return values;
    }
}

/// <summary>
/// Who used the CPU between <see cref="Start"/> and <see cref="Stop"/>: this process (the app, its engine, the test), its
/// descendants (Chromium; a child that ended and was reaped still counts, through its parent's reaped-children time),
/// and everyone else on the machine (the machine's busy time from <c>/proc/stat</c> less ours). "Others" is what says
/// whether a measurement was disturbed. Two passes over <c>/proc</c>: not for tight loops.
/// </summary>
public sealed class CpuShares
{
    private Snapshot _start;
    private long _wallStart;

    private CpuShares()
    {
    }

    public static CpuShares Start()
    {
        var meter = new CpuShares();
        meter._start = Snapshot.Take();
        meter._wallStart = Stopwatch.GetTimestamp();
        return meter;
    }

    public CpuSplit Stop()
    {
        var end = Snapshot.Take();
        var wall = Stopwatch.GetElapsedTime(_wallStart);
        var total = Math.Max(1, end.MachineTotal - _start.MachineTotal);
        var self = end.Self - _start.Self;
        var children = end.Children - _start.Children;
        var others = Math.Max(0, end.MachineBusy - _start.MachineBusy - self - children);
        // Shares of the whole machine (all cores) over the interval.
        return new CpuSplit(wall, Seconds(self), Seconds(children), 100.0 * others / total);
    }

    private static TimeSpan Seconds(long ticks) => TimeSpan.FromSeconds(ticks / ChromiumTree.TicksPerSecond);

    private readonly record struct Snapshot(long Self, long Children, long MachineBusy, long MachineTotal)
    {
        public static Snapshot Take()
        {
            var all = ChromiumTree.AllProcesses();
            var me = Environment.ProcessId;
            var self = all.TryGetValue(me, out var mine) ? mine.Own : 0;
            var children = (all.TryGetValue(me, out var m) ? m.Reaped : 0)
                + ChromiumTree.Descendants(me, all).Where(p => p != me).Sum(p => all.TryGetValue(p, out var s) ? s.Own + s.Reaped : 0);
            var (busy, total) = Machine();
            return new Snapshot(self, children, busy, total);
        }

        /// <summary>Busy and total ticks of all cores, from <c>/proc/stat</c>.</summary>
        private static (long Busy, long Total) Machine()
        {
            var fields = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + fields[4];
            var total = fields.Sum();
            return (total - idle, total);
        }
    }
}

/// <summary>CPU over an interval: this process, its descendants (Chromium), and the share of the whole machine others used.</summary>
public sealed record CpuSplit(TimeSpan Wall, TimeSpan Self, TimeSpan Children, double OthersPercent)
{
    /// <summary>Above this share of the machine used by others during a measurement, the report flags it.</summary>
    public const double NoisyPercent = 10;

    public bool Noisy => OthersPercent > NoisyPercent;

    /// <summary>A CPU time as a percentage of one core over the interval (200 % = both cores of a 2-core machine).</summary>
    public double PercentOfOneCore(TimeSpan cpu) => Wall <= TimeSpan.Zero ? 0 : 100 * cpu / Wall;

    public string DescribeOthers() =>
        string.Create(CultureInfo.InvariantCulture, $"{OthersPercent:0} %") + (Noisy ? " **(shared)**" : "");
}

/// <summary>The highest readings of a <see cref="PeakMemorySampler"/> (bytes).</summary>
public sealed record PeakMemory(long ChromiumRss, long ChromiumAnonymous, long WorkingSet, int ChromiumProcesses, int Samples)
{
    public static PeakMemory Max(IEnumerable<PeakMemory> peaks) =>
        peaks.Aggregate(new PeakMemory(0, 0, 0, 0, 0), (a, b) => new PeakMemory(
            Math.Max(a.ChromiumRss, b.ChromiumRss), Math.Max(a.ChromiumAnonymous, b.ChromiumAnonymous), Math.Max(a.WorkingSet, b.WorkingSet),
            Math.Max(a.ChromiumProcesses, b.ChromiumProcesses), a.Samples + b.Samples));
}

/// <summary>
/// Samples, every <c>interval</c> (20 ms) until stopped, the summed <c>VmRSS</c> and <c>RssAnon</c> of the PDF browser's
/// process tree (<see cref="ChromiumTree"/>; the browser may start while sampling, as in a cold document) and this
/// process's working set, keeping the peaks. The tree's membership is re-read from <c>/proc</c> when the browser first
/// appears and then every 25th sample (new renderers); its members' memory at every sample. The sampler's own time is
/// kept, to show what it costs.
/// </summary>
public sealed class PeakMemorySampler
{
    private const int TreeRefreshEvery = 25;

    private readonly Func<int?> _browserProcessId;
    private readonly PeriodicTimer _timer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _ownTicks;
    private int? _root;
    private List<int> _tree = [];
    private int _samples;
    private PeakMemory _peak = new(0, 0, 0, 0, 0);

    private PeakMemorySampler(Func<int?> browserProcessId, TimeSpan interval)
    {
        _browserProcessId = browserProcessId;
        _timer = new PeriodicTimer(interval);
        Sample();
        _loop = RunAsync();
    }

    /// <summary>Time the sampler itself spent reading <c>/proc</c>, over all its samples.</summary>
    public TimeSpan OwnTime => Stopwatch.GetElapsedTime(0, _ownTicks);

    public static PeakMemorySampler Start(Func<int?> browserProcessId) => new(browserProcessId, TimeSpan.FromMilliseconds(20));

    public async Task<PeakMemory> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _timer.Dispose();
        _stop.Dispose();
        Sample();
        return _peak with { Samples = _samples };
    }

    private async Task RunAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        var started = Stopwatch.GetTimestamp();
        var root = _browserProcessId();
        if (root is { } pid && (root != _root || _samples % TreeRefreshEvery == 0))
        {
            _tree = ChromiumTree.Processes(pid);
            _root = root;
        }

        var (rss, anonymous) = root is null ? (0, 0) : ChromiumTree.Resident(_tree);
        _peak = new PeakMemory(
            Math.Max(_peak.ChromiumRss, rss),
            Math.Max(_peak.ChromiumAnonymous, anonymous),
            Math.Max(_peak.WorkingSet, Environment.WorkingSet),
            Math.Max(_peak.ChromiumProcesses, root is null ? 0 : _tree.Count),
            0);
        _samples++;
        _ownTicks += Stopwatch.GetTimestamp() - started;
    }
}

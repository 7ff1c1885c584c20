using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RegionalWorkspace.Tests.Faults;

/// <summary>
/// A server process a fault test starts, kills and restarts itself (the app, Redis, PostgreSQL). Its output is kept
/// (the last lines) for failure messages; disposing kills it if it still runs.
/// </summary>
public sealed class LocalProcess : IDisposable
{
    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private LocalProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => string.Join('\n', _output);

    /// <summary>Starts <paramref name="file"/> with <paramref name="arguments"/>; <paramref name="environment"/> is added to this process's.</summary>
    public static LocalProcess Start(string name, string file, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        return new LocalProcess(Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start."), name);
    }

    /// <summary>Runs a command to its end (bounded by <paramref name="timeout"/>) and returns its output; throws on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var run = Start(Path.GetFileName(file), file, arguments);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await run._process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} ran longer than {timeout}:\n{run.Output}");
        }

        // The asynchronous readers may still hold the last lines.
        run._process.WaitForExit();
        return run._process.ExitCode == 0
            ? run.Output
            : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {run._process.ExitCode}:\n{run.Output}");
    }

    /// <summary>SIGKILL: no shutdown code of the process runs, as when the machine's OOM killer or an operator strikes.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(cts.Token);
    }

    /// <summary>SIGSTOP (<paramref name="frozen"/>) or SIGCONT: the process keeps its connections open but answers nothing.</summary>
    public Task FreezeAsync(bool frozen) =>
        RunAsync("kill", [frozen ? "-STOP" : "-CONT", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    /// <summary>A loopback port free at the time of asking (the process told to listen on it takes it a moment later).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls <paramref name="ready"/> every 100 ms until it is true, the process dies, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> ready, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before {what}:\n{Output}");
            }

            if (await ready())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name}: not {what} after {timeout}:\n{Output}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }
}

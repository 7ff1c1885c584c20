using System.Net.Sockets;

namespace RegionalWorkspace.Tests.Faults;

/// <summary>
/// A <c>redis-server</c> of the test's own on a free loopback port (never the shared one), which the test kills and
/// starts again on the same port. Nothing is persisted.
/// </summary>
public sealed class RedisInstance : IDisposable
{
    private const string Executable = "/usr/bin/redis-server";

    private LocalProcess? _server;

    private RedisInstance(int port) => Port = port;

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public bool IsRunning => _server is { HasExited: false };

    public static async Task<RedisInstance> StartAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: ./test.sh installs redis-server.");
        }

        var redis = new RedisInstance(LocalProcess.FreePort());
        await redis.StartAgainAsync();
        return redis;
    }

    /// <summary>Starts the server (again) on the same port and waits until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        _server?.Dispose();
        _server = LocalProcess.Start("redis-server", Executable,
            ["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--daemonize", "no"]);
        await _server.WaitUntilAsync(PingAsync, TimeSpan.FromSeconds(20), "answering PING");
    }

    /// <summary>SIGKILL: every connection drops at once, as when the Redis machine goes away.</summary>
    public async Task KillAsync()
    {
        if (_server is not null)
        {
            await _server.KillAsync();
        }
    }

    /// <summary>SIGSTOP, then SIGCONT: Redis hangs with every connection open, as a stalled machine or network would.</summary>
    public Task FreezeAsync(bool frozen) => _server?.FreezeAsync(frozen) ?? Task.CompletedTask;

    public void Dispose() => _server?.Dispose();

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var read = await stream.ReadAsync(buffer, cts.Token);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}

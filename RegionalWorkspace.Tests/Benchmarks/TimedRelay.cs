using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RegionalWorkspace.Tests.Benchmarks;

/// <summary>
/// A loopback TCP relay in front of the app that notes when each chunk of bytes reaches it, per connection and direction:
/// when the app sent something to a page (independently of when the page got round to handling it), and when the page
/// answered.
/// </summary>
public sealed class TimedRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Chunk> _chunks = new();
    private readonly List<TcpClient> _open = [];
    private int _connections;

    public TimedRelay(Uri target)
    {
        _target = target;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>Bytes on connection <see cref="Connection"/> as they reached the relay, from the app or from the browser.</summary>
    public sealed record Chunk(int Connection, DateTime AtUtc, int Bytes, bool FromServer);

    /// <summary>What the app sent between the two times.</summary>
    public List<Chunk> FromServerBetween(DateTime fromUtc, DateTime toUtc) => Between(fromUtc, toUtc).Where(c => c.FromServer).ToList();

    /// <summary>What went either way between the two times, in order.</summary>
    public List<Chunk> Between(DateTime fromUtc, DateTime toUtc) =>
        _chunks.Where(c => c.AtUtc >= fromUtc && c.AtUtc <= toUtc).OrderBy(c => c.AtUtc).ToList();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(inbound, Interlocked.Increment(ref _connections));
        }
    }

    private async Task RelayAsync(TcpClient inbound, int connection)
    {
        var outbound = new TcpClient();
        try
        {
            // As Kestrel does: no Nagle delay on small writes (render batches, acknowledgements).
            inbound.NoDelay = true;
            outbound.NoDelay = true;
            await outbound.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            lock (_open)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }

            var browser = inbound.GetStream();
            var server = outbound.GetStream();
            await Task.WhenAny(CopyAsync(browser, server, connection, fromServer: false), CopyAsync(server, browser, connection, fromServer: true));
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side closed the connection, or the relay stopped.
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }

            inbound.Dispose();
            outbound.Dispose();
        }
    }

    private async Task CopyAsync(NetworkStream from, NetworkStream to, int connection, bool fromServer)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            _chunks.Enqueue(new Chunk(connection, DateTime.UtcNow, read, fromServer));
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }
}

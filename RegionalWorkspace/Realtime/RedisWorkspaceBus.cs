using System.Text.Json;
using StackExchange.Redis;

namespace RegionalWorkspace.Realtime;

/// <summary>
/// The bus over Redis pub/sub, for several app servers. A message is handed to this server's handlers at once and
/// published to Redis for the others; a server ignores its own messages coming back. When Redis is unavailable each
/// server keeps working on its own (its own users still see every change made on it) and messages to the others
/// resume when Redis returns; what was published during the outage is not replayed. Publishing never holds up the
/// save that caused it: a message is written to the connection without waiting for Redis's reply, and while Redis is
/// unreachable it is dropped at once instead of waiting in a backlog (which made every save of an outage wait the
/// command timeout, about 5 s, before it returned).
/// </summary>
public sealed class RedisWorkspaceBus : IWorkspaceBus, IAsyncDisposable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private readonly ConnectionMultiplexer _redis;
    private readonly RedisChannel _channel;
    private readonly LocalDispatcher<WorkspaceEvent> _events;
    private readonly LocalDispatcher<PresenceSnapshot> _presence;
    private readonly ILogger<RedisWorkspaceBus> _logger;
    private int _publishFailing;

    public RedisWorkspaceBus(string configuration, string channel, ILogger<RedisWorkspaceBus> logger)
    {
        _logger = logger;
        _events = new(logger);
        _presence = new(logger);
        _channel = RedisChannel.Literal(channel);
        var options = ConfigurationOptions.Parse(configuration);
        // Start even when Redis is down, and keep reconnecting; subscriptions are restored on reconnection.
        options.AbortOnConnectFail = false;
        options.ConnectRetry = 3;
        options.ConnectTimeout = 2_000;
        options.ReconnectRetryPolicy = new LinearRetry(1_000);
        // Nothing queues for a connection that is down: a message of an outage is dropped, not sent late or waited for.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        _redis = ConnectionMultiplexer.Connect(options);
        _redis.ConnectionFailed += (_, e) => _logger.LogWarning("Redis unavailable ({FailureType}): live updates stay on this server until it returns.", e.FailureType);
        _redis.ConnectionRestored += (_, _) =>
        {
            Interlocked.Exchange(ref _publishFailing, 0);
            _logger.LogInformation("Redis available again: live updates are shared between servers.");
        };
        try
        {
            _redis.GetSubscriber().Subscribe(_channel, (_, message) => Receive(message));
        }
        catch (RedisConnectionException ex)
        {
            // The handler is registered before the SUBSCRIBE is sent, and the multiplexer subscribes it again on every
            // (re)connection: a server started while Redis is down starts on its own and joins the others later.
            _logger.LogWarning("Redis unavailable at start ({Message}): live updates stay on this server until it is reachable.", ex.Message);
        }
    }

    public string ServerId { get; } = Guid.NewGuid().ToString("N");

    public async Task PublishAsync(WorkspaceEvent workspaceEvent)
    {
        _events.Dispatch(workspaceEvent);
        await SendAsync(new Envelope(ServerId, workspaceEvent, null));
    }

    public Task PublishPresenceAsync(PresenceSnapshot snapshot) => SendAsync(new Envelope(ServerId, null, snapshot));

    public IDisposable Subscribe(Action<WorkspaceEvent> handler) => _events.Add(handler);

    public IDisposable SubscribePresence(Action<PresenceSnapshot> handler) => _presence.Add(handler);

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    private async Task SendAsync(Envelope envelope)
    {
        try
        {
            // Fire and forget: pub/sub delivery is not acknowledged anyway, and the caller is a save that already committed.
            await _redis.GetSubscriber().PublishAsync(_channel, JsonSerializer.Serialize(envelope, s_json), CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Once per outage: every save of a long outage would otherwise log the same line.
            if (Interlocked.Exchange(ref _publishFailing, 1) == 0)
            {
                _logger.LogWarning("Redis publish failed ({Message}); changes are saved and shown on this server only until Redis returns.", ex.Message);
            }
        }
    }

    private void Receive(RedisValue message)
    {
        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope>(message.ToString(), s_json);
        }
        catch (JsonException ex)
        {
            _logger.LogWarning(ex, "Ignored a malformed message on the Redis channel.");
            return;
        }

        if (envelope is null || envelope.Origin == ServerId)
        {
            return;
        }

        if (envelope.Event is not null)
        {
            _events.Dispatch(envelope.Event);
        }

        if (envelope.Presence is not null)
        {
            _presence.Dispatch(envelope.Presence);
        }
    }

    private sealed record Envelope(string Origin, WorkspaceEvent? Event, PresenceSnapshot? Presence);
}

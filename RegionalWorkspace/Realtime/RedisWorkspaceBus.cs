using System.Text.Json;
using StackExchange.Redis;

namespace RegionalWorkspace.Realtime;

/// <summary>
/// The bus over Redis pub/sub, for several app servers. A message is handed to this server's handlers at once and
/// published to Redis for the others; a server ignores its own messages coming back. When Redis is unavailable each
/// server keeps working on its own (its own users still see every change made on it) and messages to the others
/// resume when Redis returns; what was published during the outage is not replayed.
/// </summary>
public sealed class RedisWorkspaceBus : IWorkspaceBus, IAsyncDisposable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private readonly ConnectionMultiplexer _redis;
    private readonly RedisChannel _channel;
    private readonly LocalDispatcher<WorkspaceEvent> _events;
    private readonly LocalDispatcher<PresenceSnapshot> _presence;
    private readonly ILogger<RedisWorkspaceBus> _logger;

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
        _redis = ConnectionMultiplexer.Connect(options);
        _redis.ConnectionFailed += (_, e) => _logger.LogWarning("Redis unavailable ({FailureType}): live updates stay on this server until it returns.", e.FailureType);
        _redis.ConnectionRestored += (_, _) => _logger.LogInformation("Redis available again: live updates are shared between servers.");
        _redis.GetSubscriber().Subscribe(_channel, (_, message) => Receive(message));
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
            await _redis.GetSubscriber().PublishAsync(_channel, JsonSerializer.Serialize(envelope, s_json));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning("Redis publish failed ({Message}); the change is saved and shown on this server.", ex.Message);
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

using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using RegionalWorkspace.Features.Accounts;

namespace RegionalWorkspace.Realtime;

/// <summary>
/// One open tab (a circuit): its presence id, and a signal for pages when its connection comes back, so that they
/// re-read what changed while it was away.
/// </summary>
public sealed class CircuitSession
{
    private readonly LocalDispatcher<bool> _reconnected;

    public CircuitSession(ILogger<CircuitSession> logger) => _reconnected = new(logger);

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public Actor? Actor { get; internal set; }

    public IDisposable OnReconnected(Action handler) => _reconnected.Add(_ => handler());

    internal void RaiseReconnected() => _reconnected.Dispatch(true);
}

/// <summary>Follows each circuit's connection: a tab is present while connected, and gone at once when it drops or closes.</summary>
internal sealed class PresenceCircuitHandler(
    CircuitSession session,
    PresenceRegistry presence,
    AuthenticationStateProvider authentication,
    AccessControl access) : CircuitHandler
{
    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var wasConnected = session.Actor is not null;
        var state = await authentication.GetAuthenticationStateAsync();
        session.Actor = await access.FindActorAsync(state.User, cancellationToken);
        if (session.Actor is not null)
        {
            presence.Connect(session.Id, session.Actor);
        }

        if (wasConnected)
        {
            session.RaiseReconnected();
        }
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        presence.Disconnect(session.Id);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        presence.Leave(session.Id);
        return Task.CompletedTask;
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Components.Shared;

/// <summary>
/// A page that stays current: <see cref="FollowAsync"/> re-reads its data when a matching change is committed anywhere
/// (coalesced per burst) and when the tab's connection comes back after a drop. Subscriptions end with the page.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private IDisposable? _changes;
    private IDisposable? _reconnection;

    [Inject]
    public required LiveUpdates Live { get; init; }

    [Inject]
    public required CircuitSession Session { get; init; }

    [Inject]
    public required AccessControl Access { get; init; }

    [CascadingParameter]
    public required Task<AuthenticationState> AuthenticationState { get; set; }

    protected async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    /// <summary>The signed-in person as the database knows them now.</summary>
    protected async Task<Actor?> ActorAsync() => Session.Actor ?? await Access.FindActorAsync(await UserAsync());

    /// <summary>
    /// Reads the page's record as the signed-in person: the record, or null and the refusal (not found, not allowed) that
    /// the page shows instead.
    /// </summary>
    protected async Task<(T? Record, WorkspaceException? Refusal)> ReadAsync<T>(Func<ClaimsPrincipal, Task<T>> read)
        where T : class
    {
        try
        {
            return (await read(await UserAsync()), null);
        }
        catch (WorkspaceException ex)
        {
            return (null, ex);
        }
    }

    /// <summary>Re-runs <paramref name="reload"/> after changes matching <paramref name="filter"/>, and after a reconnection.</summary>
    protected Task FollowAsync(Func<WorkspaceEvent, bool> filter, Func<Task> reload) => FollowAsync(filter, _ => reload());

    /// <summary>
    /// Calls <paramref name="onChanges"/> with each burst of changes matching <paramref name="filter"/>, so the page can
    /// re-read only what changed; after a reconnection it is called with <c>null</c>: re-read everything.
    /// </summary>
    protected async Task FollowAsync(Func<WorkspaceEvent, bool> filter, Func<IReadOnlyList<WorkspaceEvent>?, Task> onChanges)
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        var actor = await ActorAsync();
        _changes?.Dispose();
        _reconnection?.Dispose();
        if (actor is null)
        {
            return;
        }

        _changes = Live.Subscribe(actor, filter, burst => InvokeAsync(async () =>
        {
            await onChanges(burst);
            StateHasChanged();
        }));
        _reconnection = Session.OnReconnected(() => _ = InvokeAsync(async () =>
        {
            await onChanges(null);
            StateHasChanged();
        }));
    }

    public void Dispose()
    {
        _changes?.Dispose();
        _reconnection?.Dispose();
        GC.SuppressFinalize(this);
    }
}

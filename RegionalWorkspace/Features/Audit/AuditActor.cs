using System.Security.Claims;
using RegionalWorkspace.Features.Accounts;

namespace RegionalWorkspace.Features.Audit;

/// <summary>Who an audit entry names: an account (id and display name), or the system.</summary>
public sealed record AuditIdentity(string? UserId, string Name)
{
    public const string SystemName = "system";

    public static readonly AuditIdentity System = new(null, SystemName);

    /// <summary>The signed-in account a principal carries, or null for an anonymous one.</summary>
    public static AuditIdentity? From(ClaimsPrincipal? principal)
    {
        if (principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return null;
        }

        return new AuditIdentity(id, principal.FindFirstValue(AccountsSetup.DisplayNameClaim) ?? principal.Identity?.Name ?? id);
    }
}

/// <summary>
/// The account on whose behalf the current code runs, flowing with the async context. It is set where a request enters
/// the app: an HTTP request (<see cref="AuditSetup.UseWorkspaceAudit"/>), each event of a Blazor circuit
/// (<see cref="AuditCircuitHandler"/>). Services need not pass it: every save reads it. Nothing set means the system
/// (start-up, seeding, background work).
/// </summary>
public static class AuditActor
{
    private static readonly AsyncLocal<AuditIdentity?> s_current = new();

    public static AuditIdentity? Current => s_current.Value;

    /// <summary>Acts as <paramref name="identity"/> until the result is disposed.</summary>
    public static IDisposable Use(AuditIdentity? identity)
    {
        var previous = s_current.Value;
        s_current.Value = identity;
        return new Restore(previous);
    }

    public static IDisposable Use(ClaimsPrincipal? principal) => Use(AuditIdentity.From(principal));

    /// <summary>
    /// Who a save is recorded under: the ambient account, named as the service named it for the save
    /// (<paramref name="displayName"/>, read from the database) when it did; otherwise the system.
    /// </summary>
    public static AuditIdentity Resolve(string? displayName) => s_current.Value switch
    {
        { UserId: not null } who => string.IsNullOrWhiteSpace(displayName) ? who : who with { Name = displayName },
        { } who => who,
        null => AuditIdentity.System,
    };

    private sealed class Restore(AuditIdentity? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}

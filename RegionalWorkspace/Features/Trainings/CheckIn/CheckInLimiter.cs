using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RegionalWorkspace.Features.Trainings.CheckIn;

/// <summary>
/// Bounds check-in attempts: all attempts per network address (fixed window of a minute, generous: a whole room may
/// share one address), and failed identifications per session and address (guessing e-mails or personal codes). Kept
/// in memory: with several servers, each applies its own bounds.
/// </summary>
public sealed class CheckInLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _attempts;
    private readonly PartitionedRateLimiter<string> _failures;

    public CheckInLimiter(IOptions<CheckInOptions> options)
    {
        var o = options.Value;
        FailureWindow = TimeSpan.FromMinutes(Math.Max(1, o.FailureWindowMinutes));
        _attempts = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, o.AttemptsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        _failures = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, o.FailuresPerWindow), Window = FailureWindow, QueueLimit = 0 }));
    }

    public TimeSpan FailureWindow { get; }

    /// <summary>Counts one attempt from <paramref name="client"/>; false when its minute's allowance is used up.</summary>
    public bool TryAttempt(string client)
    {
        using var lease = _attempts.AttemptAcquire(client);
        return lease.IsAcquired;
    }

    public bool FailuresExhausted(int sessionId, string client) =>
        _failures.GetStatistics(FailureKey(sessionId, client))?.CurrentAvailablePermits <= 0;

    public void RecordFailure(int sessionId, string client)
    {
        using var lease = _failures.AttemptAcquire(FailureKey(sessionId, client));
    }

    public void Dispose()
    {
        _attempts.Dispose();
        _failures.Dispose();
    }

    private static string FailureKey(int sessionId, string client) => $"{sessionId}|{client}";
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace RegionalWorkspace.Data;

/// <summary>
/// After PostgreSQL restarts (maintenance, a failover), every connection left idle in Npgsql's pool is dead, and Npgsql
/// only finds out when it next uses one: without this, each of them failed one user action ("57P01: terminating
/// connection due to administrator command") before the app worked again. Here the first such failure empties the
/// pool (<see cref="PoolReset"/>) and the operation runs again on a new connection (<see cref="Strategy"/>), so no
/// user sees it. Only "the server ended this session" is retried: nothing of the operation was committed then. A
/// server that is down still fails the action at once; a transaction a service opened itself is not retried (EF
/// cannot replay it), so at most that one action fails after a restart.
/// </summary>
public static class PostgresReconnection
{
    /// <summary>admin_shutdown, crash_shutdown, cannot_connect_now (the server is starting or stopping).</summary>
    private static readonly HashSet<string> s_sessionEnded = [PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.CrashShutdown, PostgresErrorCodes.CannotConnectNow];

    public static bool IsSessionEnded(Exception? exception) =>
        exception switch
        {
            PostgresException postgres => s_sessionEnded.Contains(postgres.SqlState),
            null => false,
            _ => IsSessionEnded(exception.InnerException),
        };

    /// <summary>Retries (up to 3 times) an operation whose connection the server had ended, unless a transaction of the caller's is open.</summary>
    public sealed class Strategy(ExecutionStrategyDependencies dependencies)
        : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(2), errorCodesToAdd: null)
    {
        private bool InCallersTransaction => Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;

        /// <summary>
        /// Inside a transaction the caller opened, run once: EF's own check would refuse that transaction. (Asked at each
        /// execution, not through <see cref="ExecutionStrategy.RetriesOnFailure"/>: EF reads that while it builds the
        /// context, when the context cannot be asked about its transaction yet.)
        /// </summary>
        protected override void OnFirstExecution()
        {
            if (InCallersTransaction)
            {
                ExceptionsEncountered.Clear();
                return;
            }

            base.OnFirstExecution();
        }

        protected override bool ShouldRetryOn(Exception? exception) => IsSessionEnded(exception) && !InCallersTransaction;

        /// <summary>The first retry at once: the pool was emptied, a new connection is what it needs.</summary>
        protected override TimeSpan? GetNextDelay(Exception lastException) =>
            base.GetNextDelay(lastException) is { } delay ? (ExceptionsEncountered.Count <= 1 ? TimeSpan.Zero : delay) : null;
    }

    /// <summary>Empties the pool when a command finds its session ended by the server: its idle siblings are dead too.</summary>
    public sealed class PoolReset : DbCommandInterceptor
    {
        public static readonly PoolReset Instance = new();

        public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ClearIfEnded(command, eventData.Exception);

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            ClearIfEnded(command, eventData.Exception);
            return Task.CompletedTask;
        }

        private static void ClearIfEnded(DbCommand command, Exception exception)
        {
            if (IsSessionEnded(exception) && command.Connection is NpgsqlConnection connection)
            {
                NpgsqlConnection.ClearPool(connection);
            }
        }
    }
}

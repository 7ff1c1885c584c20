using System.Data.Common;
using System.Net.Sockets;

namespace RegionalWorkspace.Features.Shared;

/// <summary>Errors that mean "the database could not be reached" rather than "this change is wrong".</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// A connection that failed or broke (the server down, restarting or unreachable), or a command that timed out,
    /// possibly wrapped by EF Core or the retrying strategy. Nothing was committed by the failed operation.
    /// </summary>
    public static bool IsUnavailable(Exception? ex)
    {
        for (var depth = 0; ex is not null && depth < 8; depth++, ex = ex.InnerException)
        {
            if (ex is DbException { IsTransient: true } or SocketException or TimeoutException)
            {
                return true;
            }

            if (ex is DbException db && db.SqlState is "57P01" or "57P02" or "57P03" or "08000" or "08001" or "08003" or "08004" or "08006")
            {
                return true;
            }
        }

        return false;
    }
}

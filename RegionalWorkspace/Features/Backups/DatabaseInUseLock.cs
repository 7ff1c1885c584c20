namespace RegionalWorkspace.Features.Backups;

/// <summary>
/// While the server runs on a SQLite file it holds a shared lock on <c>workspace.db.lock</c> beside it (an advisory
/// <c>flock</c>, released by the kernel even if the process is killed; several servers may hold it together). A restore
/// asks for it exclusively and is refused while any server holds it. A separate file, because closing any descriptor
/// of the database file itself would drop SQLite's own locks in this process.
/// </summary>
internal sealed class DatabaseInUseLock(BackupLocations locations, ILogger<DatabaseInUseLock> logger) : IHostedService, IDisposable
{
    private FileStream? _lock;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (locations.LockPath is { } path)
        {
            try
            {
                _lock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (IOException ex)
            {
                throw new InvalidOperationException($"{path} is locked: a restore of this database is in progress. Start the server once it has finished.", ex);
            }

            logger.LogDebug("Holding {LockPath} while running.", path);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }

    /// <summary>The exclusive lock a restore holds, or null when a running server holds the shared one.</summary>
    public static FileStream? TryTakeExclusive(string lockPath)
    {
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}

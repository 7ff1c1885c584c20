using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;

namespace RegionalWorkspace.Features.Shared;

/// <summary>
/// Optimistic concurrency for <see cref="Editable"/> records: a save must name the version it was based on. A stale
/// version is refused before anything changes, and a save that races another between read and write is refused by
/// the database (the version is a concurrency token); either way the caller gets the values now stored.
/// </summary>
public static class Concurrency
{
    public static void Expect<T>(AppDbContext db, T entity, int expectedVersion, Func<object> snapshot)
        where T : Editable
    {
        if (entity.Version != expectedVersion)
        {
            throw new ConcurrencyConflictException(snapshot(), entity.UpdatedBy, entity.Version);
        }

        // The UPDATE's WHERE clause checks the version the user saw, not merely the one we just read.
        db.Entry(entity).Property(e => e.Version).OriginalValue = expectedVersion;
        db.Entry(entity).State = EntityState.Modified;
    }

    public static async Task SaveAsync<T>(AppDbContext db, T entity, Func<object> snapshot, CancellationToken ct)
        where T : Editable
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var entry = db.Entry(entity);
            var stored = await entry.GetDatabaseValuesAsync(ct) ?? throw new NotFoundException();
            entry.CurrentValues.SetValues(stored);
            entry.OriginalValues.SetValues(stored);
            throw new ConcurrencyConflictException(snapshot(), entity.UpdatedBy, entity.Version);
        }
    }
}

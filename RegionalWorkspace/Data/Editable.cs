namespace RegionalWorkspace.Data;

/// <summary>
/// An entity several people can edit. <see cref="Version"/> is an application-managed concurrency token
/// (SQLite has no database-generated row version): <see cref="AppDbContext"/> increments it on every save,
/// so a save based on an older version fails with a <c>DbUpdateConcurrencyException</c> instead of overwriting.
/// </summary>
public abstract class Editable
{
    public int Version { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Display name of the last person who saved the record (shown when a save conflicts).</summary>
    public string? UpdatedBy { get; set; }
}

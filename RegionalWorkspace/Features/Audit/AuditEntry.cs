namespace RegionalWorkspace.Features.Audit;

public enum AuditOperation
{
    Insert,
    Update,
    Delete,
}

/// <summary>
/// One recorded change, a link of a hash chain. <see cref="Id"/> is the entry's position in the chain (1, 2, 3, … without
/// gaps, assigned while appends are serialised); <see cref="Hash"/> is the SHA-256 of <see cref="AuditHash.Canonical"/>,
/// which covers every other field and <see cref="PreviousHash"/>. Rows are only ever inserted (see <see cref="AuditTrail"/>).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>UTC, to the microsecond (what PostgreSQL keeps), so that the hash survives a round trip.</summary>
    public DateTime AtUtc { get; set; }

    /// <summary>The acting account; null for the system (start-up, seeding, background work).</summary>
    public string? UserId { get; set; }

    public required string UserName { get; set; }

    public required string EntityType { get; set; }

    /// <summary>The record's key; a composite key as its parts joined by <c>/</c>.</summary>
    public required string EntityKey { get; set; }

    public AuditOperation Operation { get; set; }

    /// <summary>JSON object of the values before: every property for a delete, the changed ones for an update; null for an insert.</summary>
    public string? Before { get; set; }

    /// <summary>JSON object of the values after: every property for an insert, the changed ones for an update; null for a delete.</summary>
    public string? After { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}

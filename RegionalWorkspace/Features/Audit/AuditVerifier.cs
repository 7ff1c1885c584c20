using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;

namespace RegionalWorkspace.Features.Audit;

/// <summary>Why the chain breaks at an entry.</summary>
public enum AuditBreak
{
    /// <summary>The entry's stored hash is not the hash of its fields: the entry was changed.</summary>
    Altered,

    /// <summary>The entry does not name the hash of the entry before it: an entry before it was replaced or forged.</summary>
    Unlinked,

    /// <summary>Entries are missing just before this one (their positions are skipped): they were deleted.</summary>
    Missing,
}

/// <summary>The result of a check: <see cref="Intact"/>, or the first broken entry and why.</summary>
public sealed record AuditVerification(long Checked, string? HeadHash, AuditBroken? FirstBroken)
{
    public bool Intact => FirstBroken is null;
}

public sealed record AuditBroken(long EntryId, AuditBreak Reason, long ExpectedId);

/// <summary>
/// Walks the chain from the first entry, in batches, recomputing every hash. The first entry must be number 1 and name
/// <see cref="AuditHash.Genesis"/>; each following one must be numbered one more and name the previous entry's hash.
/// Deleting the newest entries leaves a shorter chain that still verifies: compare <see cref="AuditVerification.Checked"/>
/// and <see cref="AuditVerification.HeadHash"/> with figures recorded elsewhere (the command line prints them).
/// </summary>
public sealed class AuditVerifier(IDbContextFactory<AppDbContext> dbFactory)
{
    private const int BatchSize = 2_000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var expectedId = 1L;
        var previous = AuditHash.Genesis;
        var checkedCount = 0L;
        while (true)
        {
            var after = expectedId - 1;
            var batch = await db.AuditEntries.AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
            foreach (var entry in batch)
            {
                var broken = Check(entry, expectedId, previous);
                if (broken is not null)
                {
                    return new AuditVerification(checkedCount, previous, broken);
                }

                checkedCount++;
                previous = entry.Hash;
                expectedId++;
            }

            if (batch.Count < BatchSize)
            {
                return new AuditVerification(checkedCount, checkedCount == 0 ? null : previous, null);
            }
        }
    }

    private static AuditBroken? Check(AuditEntry entry, long expectedId, string previousHash)
    {
        if (entry.Id != expectedId)
        {
            return new AuditBroken(entry.Id, AuditBreak.Missing, expectedId);
        }

        if (!string.Equals(entry.Hash, AuditHash.Compute(entry), StringComparison.Ordinal))
        {
            return new AuditBroken(entry.Id, AuditBreak.Altered, expectedId);
        }

        return string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal)
            ? null
            : new AuditBroken(entry.Id, AuditBreak.Unlinked, expectedId);
    }
}

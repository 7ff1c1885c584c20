using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Audit;

namespace RegionalWorkspace.Data;

/// <summary>
/// The audit trail: every save that changes audited records writes its entries in the same transaction, after the
/// changes themselves (so that inserts have their generated keys) and behind the chain lock, so that a commit holds both
/// or neither.
/// </summary>
public abstract partial class AppDbContext
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    private static void ConfigureAudit(ModelBuilder builder) =>
        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.UserId).HasMaxLength(64);
            e.Property(a => a.UserName).HasMaxLength(120);
            e.Property(a => a.EntityType).HasMaxLength(64);
            e.Property(a => a.EntityKey).HasMaxLength(100);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasIndex(a => a.AtUtc);
            e.HasIndex(a => new { a.EntityType, a.EntityKey });
            e.HasIndex(a => a.UserId);
        });

    private int SaveAudited(bool acceptAllChangesOnSuccess)
    {
        var pending = AuditTrail.Capture(this);
        if (pending.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        var who = AuditActor.Resolve(Actor);
        int Save()
        {
            var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
            var savepoints = Database.AutoSavepointsEnabled;
            // A savepoint in our own transaction buys nothing: on failure the whole transaction is rolled back.
            Database.AutoSavepointsEnabled = savepoints && own is null;
            try
            {
                AuditTrail.LockChain(this);
                var count = base.SaveChanges(acceptAllChangesOnSuccess: false);
                AuditTrail.Append(this, pending, who);
                own?.Commit();
                return count;
            }
            finally
            {
                Database.AutoSavepointsEnabled = savepoints;
                own?.Dispose();
            }
        }

        var result = Database.CurrentTransaction is null ? Database.CreateExecutionStrategy().Execute(Save) : Save();
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }

        return result;
    }

    private async Task<int> SaveAuditedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var pending = AuditTrail.Capture(this);
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var who = AuditActor.Resolve(Actor);
        async Task<int> SaveAsync(CancellationToken ct)
        {
            var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
            var savepoints = Database.AutoSavepointsEnabled;
            Database.AutoSavepointsEnabled = savepoints && own is null;
            try
            {
                // Before the changes: a writer holding the chain holds no row lock another writer of the chain waits for.
                await AuditTrail.LockChainAsync(this, ct);
                var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
                await AuditTrail.AppendAsync(this, pending, who, ct);
                if (own is not null)
                {
                    await own.CommitAsync(ct);
                }

                return count;
            }
            finally
            {
                Database.AutoSavepointsEnabled = savepoints;
                if (own is not null)
                {
                    await own.DisposeAsync();
                }
            }
        }

        var result = Database.CurrentTransaction is null
            ? await Database.CreateExecutionStrategy().ExecuteAsync(SaveAsync, cancellationToken)
            : await SaveAsync(cancellationToken);
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }

        return result;
    }
}

using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.SupportActions;

namespace RegionalWorkspace.Data;

/// <summary>Support actions (C3).</summary>
public abstract partial class AppDbContext
{
    public DbSet<SupportAction> SupportActions => Set<SupportAction>();

    public DbSet<SupportActionPractice> SupportActionPractices => Set<SupportActionPractice>();

    public DbSet<SupportActionBody> SupportActionBodies => Set<SupportActionBody>();

    private static void ConfigureSupportActions(ModelBuilder builder)
    {
        builder.Entity<SupportAction>(e =>
        {
            e.Property(a => a.TitleFr).HasMaxLength(SupportActionInputLimits.Title);
            e.Property(a => a.TitleAr).HasMaxLength(SupportActionInputLimits.Title);
            e.Property(a => a.Description).HasMaxLength(SupportActionInputLimits.Description);
            e.Property(a => a.Outcome).HasMaxLength(SupportActionInputLimits.Outcome);
            // Flags enum stored as a number, so that "supported by ARM" is a bitwise test in SQL.
            e.Property(a => a.SupportedBy).HasConversion<int>();
            e.Property(a => a.CreatedById).HasMaxLength(64);
            e.Property(a => a.CreatedBy).HasMaxLength(120);
            e.HasOne(a => a.Region).WithMany().HasForeignKey(a => a.RegionId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(a => a.Practices).WithOne().HasForeignKey(x => x.SupportActionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.Bodies).WithOne().HasForeignKey(x => x.SupportActionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => new { a.RegionId, a.StartsOn });
            e.HasIndex(a => new { a.Status, a.StartsOn });
        });
        builder.Entity<SupportActionPractice>(e =>
        {
            e.HasKey(x => new { x.SupportActionId, x.PracticeId });
            e.HasOne(x => x.Practice).WithMany().HasForeignKey(x => x.PracticeId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<SupportActionBody>(e =>
        {
            e.HasKey(x => new { x.SupportActionId, x.BodyId });
            e.HasOne(x => x.Body).WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

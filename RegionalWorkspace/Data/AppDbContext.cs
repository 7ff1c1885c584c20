using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Data;

/// <summary>
/// The workspace's model, shared by both providers. Each provider has a derived context
/// (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>) so that each keeps its own migrations.
/// </summary>
public abstract partial class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<ParticipatoryBody> Bodies => Set<ParticipatoryBody>();

    public DbSet<BodyMember> BodyMembers => Set<BodyMember>();

    public DbSet<BodyMeeting> BodyMeetings => Set<BodyMeeting>();

    public DbSet<BodyOutput> BodyOutputs => Set<BodyOutput>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ActivityEntry> Activity => Set<ActivityEntry>();

    public DbSet<Practice> Practices => Set<Practice>();

    public DbSet<PracticeText> PracticeTexts => Set<PracticeText>();

    public DbSet<PracticeTag> PracticeTags => Set<PracticeTag>();

    public DbSet<PracticeVersion> PracticeVersions => Set<PracticeVersion>();

    public DbSet<PracticeComment> PracticeComments => Set<PracticeComment>();

    public DbSet<PracticeAdoption> PracticeAdoptions => Set<PracticeAdoption>();

    public DbSet<PracticeAttachment> PracticeAttachments => Set<PracticeAttachment>();

    public DbSet<PracticeSearchDocument> PracticeSearchDocuments => Set<PracticeSearchDocument>();

    public DbSet<TrainingProgramme> TrainingProgrammes => Set<TrainingProgramme>();

    public DbSet<TrainingSession> TrainingSessions => Set<TrainingSession>();

    public DbSet<SessionRegion> SessionRegions => Set<SessionRegion>();

    public DbSet<SessionTrainer> SessionTrainers => Set<SessionTrainer>();

    public DbSet<Participant> Participants => Set<Participant>();

    public DbSet<Registration> Registrations => Set<Registration>();

    public DbSet<AttendanceMark> AttendanceMarks => Set<AttendanceMark>();

    public DbSet<SessionEvaluation> SessionEvaluations => Set<SessionEvaluation>();

    /// <summary>Display name recorded in <see cref="Editable.UpdatedBy"/> by the next save.</summary>
    public string? Actor { get; set; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in the database, in exports and across providers.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(120);
            e.Property(u => u.PreferredCulture).HasMaxLength(8);
            e.HasOne<Region>().WithMany().HasForeignKey(u => u.RegionId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Region>(e =>
        {
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.Code).HasMaxLength(8);
            e.HasIndex(r => r.Code).IsUnique();
            e.Property(r => r.NameFr).HasMaxLength(120);
            e.Property(r => r.NameAr).HasMaxLength(120);
        });

        builder.Entity<Organisation>(e =>
        {
            e.Property(o => o.Code).HasMaxLength(16);
            e.HasIndex(o => o.Code).IsUnique();
            e.Property(o => o.NameFr).HasMaxLength(200);
            e.Property(o => o.NameAr).HasMaxLength(200);
        });

        builder.Entity<ParticipatoryBody>(e =>
        {
            e.Property(b => b.NameFr).HasMaxLength(300);
            e.Property(b => b.NameAr).HasMaxLength(300);
            e.Property(b => b.Description).HasMaxLength(2000);
            e.HasOne(b => b.Region).WithMany(r => r.Bodies).HasForeignKey(b => b.RegionId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(b => new { b.RegionId, b.Kind });
        });

        builder.Entity<BodyMember>(e =>
        {
            e.Property(m => m.FullName).HasMaxLength(150);
            e.Property(m => m.FullNameAr).HasMaxLength(150);
            e.Property(m => m.Organisation).HasMaxLength(200);
            e.HasOne(m => m.Body).WithMany(b => b.Members).HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => new { m.BodyId, m.FullName });
        });

        builder.Entity<BodyMeeting>(e =>
        {
            e.Property(m => m.Agenda).HasMaxLength(4000);
            e.Property(m => m.Minutes).HasMaxLength(20000);
            e.HasOne(m => m.Body).WithMany(b => b.Meetings).HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(m => m.Outputs).WithOne().HasForeignKey(o => o.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => new { m.BodyId, m.Date });
        });

        builder.Entity<BodyOutput>(e => e.Property(o => o.Title).HasMaxLength(300));

        builder.Entity<ActivityEntry>(e =>
        {
            e.Property(a => a.ActorId).HasMaxLength(64);
            e.Property(a => a.ActorName).HasMaxLength(120);
            e.Property(a => a.EntityType).HasMaxLength(32);
            e.Property(a => a.Title).HasMaxLength(300);
            e.Property(a => a.Link).HasMaxLength(200);
            e.Property(a => a.ConcernedRegions).HasMaxLength(100);
            e.HasIndex(a => a.EventId).IsUnique();
            e.HasIndex(a => a.AtUtc);
            e.HasIndex(a => new { a.RegionId, a.AtUtc });
        });

        ConfigurePractices(builder);
        ConfigureTrainings(builder);
        ConfigureSupportActions(builder);
        ConfigureAudit(builder);

        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(Editable).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(type.ClrType).Property(nameof(Editable.Version)).IsConcurrencyToken();
            builder.Entity(type.ClrType).Property(nameof(Editable.UpdatedBy)).HasMaxLength(120);
        }
    }

    private static void ConfigurePractices(ModelBuilder builder)
    {
        builder.Entity<Practice>(e =>
        {
            // Flags enums are stored as numbers, so that "has this theme" is a bitwise test in SQL.
            e.Property(p => p.Themes).HasConversion<int>();
            e.Property(p => p.SubThemes).HasConversion<int>();
            e.Property(p => p.Results).HasMaxLength(5_000);
            e.Property(p => p.Indicators).HasMaxLength(5_000);
            e.Property(p => p.ContactName).HasMaxLength(150);
            e.Property(p => p.ContactEmail).HasMaxLength(256);
            e.HasOne(p => p.Region).WithMany().HasForeignKey(p => p.RegionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(p => p.Body).WithMany().HasForeignKey(p => p.BodyId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(p => new { p.Status, p.RegionId });
            e.HasMany(p => p.Texts).WithOne().HasForeignKey(t => t.PracticeId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Tags).WithOne().HasForeignKey(t => t.PracticeId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Versions).WithOne().HasForeignKey(v => v.PracticeId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Comments).WithOne().HasForeignKey(c => c.PracticeId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Adoptions).WithOne().HasForeignKey(a => a.PracticeId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Attachments).WithOne().HasForeignKey(a => a.PracticeId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PracticeText>(e =>
        {
            e.Property(t => t.Language).HasMaxLength(8);
            e.Property(t => t.Title).HasMaxLength(200);
            e.Property(t => t.Summary).HasMaxLength(1_000);
            e.Property(t => t.Body).HasMaxLength(PracticeInput.MaxBody);
            e.HasIndex(t => new { t.PracticeId, t.Language }).IsUnique();
        });
        builder.Entity<PracticeTag>(e =>
        {
            e.HasKey(t => new { t.PracticeId, t.Tag });
            e.Property(t => t.Tag).HasMaxLength(40);
            e.HasIndex(t => t.Tag);
        });
        builder.Entity<PracticeVersion>(e =>
        {
            e.Property(v => v.SavedBy).HasMaxLength(120);
            e.HasIndex(v => new { v.PracticeId, v.Number }).IsUnique();
        });
        builder.Entity<PracticeComment>(e =>
        {
            e.Property(c => c.AuthorId).HasMaxLength(64);
            e.Property(c => c.AuthorName).HasMaxLength(120);
            e.Property(c => c.Text).HasMaxLength(4_000);
        });
        builder.Entity<PracticeAdoption>(e =>
        {
            e.Property(a => a.AdoptedBy).HasMaxLength(120);
            e.Property(a => a.Note).HasMaxLength(1_000);
            e.HasIndex(a => new { a.PracticeId, a.RegionId }).IsUnique();
            e.HasOne<Region>().WithMany().HasForeignKey(a => a.RegionId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<PracticeAttachment>(e =>
        {
            e.Property(a => a.FileName).HasMaxLength(200);
            e.Property(a => a.StoredName).HasMaxLength(64);
            e.Property(a => a.ContentType).HasMaxLength(100);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.Property(a => a.UploadedBy).HasMaxLength(120);
        });
        builder.Entity<PracticeSearchDocument>(e =>
        {
            e.HasKey(d => d.PracticeId);
            e.Property(d => d.PracticeId).ValueGeneratedNever();
            e.Property(d => d.Head).HasDefaultValue("");
            e.HasOne<Practice>().WithOne().HasForeignKey<PracticeSearchDocument>(d => d.PracticeId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PracticeMatch>(e => e.HasNoKey().ToView(null));
    }

    private static void ConfigureTrainings(ModelBuilder builder)
    {
        builder.Entity<TrainingProgramme>(e =>
        {
            e.Property(p => p.Title).HasMaxLength(200);
            e.Property(p => p.TitleAr).HasMaxLength(200);
            e.Property(p => p.Objectives).HasMaxLength(4_000);
            e.Property(p => p.Organisers).HasConversion<int>();
            e.Property(p => p.Audience).HasConversion<int>();
            e.Property(p => p.Themes).HasMaxLength(400);
            e.HasMany(p => p.Sessions).WithOne(s => s.Programme).HasForeignKey(s => s.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<TrainingSession>(e =>
        {
            e.Property(s => s.Place).HasMaxLength(300);
            e.Property(s => s.OnlineLink).HasMaxLength(500);
            e.Property(s => s.CheckInSecret).HasMaxLength(64);
            e.Ignore(s => s.EndsAtUtc);
            e.HasIndex(s => s.StartsAtUtc);
            e.HasMany(s => s.Regions).WithOne().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Trainers).WithOne().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Registrations).WithOne().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Marks).WithOne().HasForeignKey(m => m.SessionId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<SessionRegion>(e =>
        {
            e.HasKey(r => new { r.SessionId, r.RegionId });
            e.HasOne(r => r.Region).WithMany().HasForeignKey(r => r.RegionId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<SessionTrainer>(e =>
        {
            e.HasKey(t => new { t.SessionId, t.UserId });
            e.Property(t => t.UserId).HasMaxLength(64);
        });
        builder.Entity<Participant>(e =>
        {
            e.Property(p => p.FullName).HasMaxLength(150);
            e.Property(p => p.Function).HasMaxLength(150);
            e.Property(p => p.Organisation).HasMaxLength(200);
            e.Property(p => p.Email).HasMaxLength(256);
            e.Property(p => p.Phone).HasMaxLength(40);
            e.Property(p => p.PersonalCode).HasMaxLength(16);
            e.HasIndex(p => p.Email).IsUnique();
            e.HasIndex(p => p.PersonalCode).IsUnique();
            e.HasIndex(p => p.BodyMemberId);
            e.HasOne(p => p.Region).WithMany().HasForeignKey(p => p.RegionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<BodyMember>().WithMany().HasForeignKey(p => p.BodyMemberId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<Registration>(e =>
        {
            e.Property(r => r.RegisteredBy).HasMaxLength(120);
            e.HasIndex(r => new { r.SessionId, r.ParticipantId }).IsUnique();
            e.HasOne(r => r.Participant).WithMany().HasForeignKey(r => r.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AttendanceMark>(e =>
        {
            e.Property(m => m.Remark).HasMaxLength(500);
            e.Property(m => m.MarkedBy).HasMaxLength(120);
            e.HasIndex(m => new { m.SessionId, m.ParticipantId }).IsUnique();
            e.HasOne<Participant>().WithMany().HasForeignKey(m => m.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<SessionEvaluation>(e =>
        {
            e.Property(v => v.Comment).HasMaxLength(2_000);
            e.HasIndex(v => new { v.SessionId, v.ParticipantId }).IsUnique();
            e.HasOne<TrainingSession>().WithMany().HasForeignKey(v => v.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Participant>().WithMany().HasForeignKey(v => v.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        });
        ConfigureCeseEngagement(builder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampEditables();
        return SaveAudited(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampEditables();
        return SaveAuditedAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Every save of an editable record moves its version on by one from the version it was read at.</summary>
    private void StampEditables()
    {
        var now = DateTime.UtcNow;
        foreach (var entry in ChangeTracker.Entries<Editable>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    entry.Entity.Version = 1;
                    break;
                case EntityState.Modified:
                    entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
                    break;
                default:
                    continue;
            }

            entry.Entity.UpdatedAtUtc = now;
            entry.Entity.UpdatedBy = Actor ?? entry.Entity.UpdatedBy;
        }
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);

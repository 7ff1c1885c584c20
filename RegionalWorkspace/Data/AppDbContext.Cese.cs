using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.ListeningSessions;
using RegionalWorkspace.Features.Notifications;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.StudyMeetings;
using RegionalWorkspace.Features.Trainings;

namespace RegionalWorkspace.Data;

/// <summary>CESE engagement (C4–C6): study requests, publications, study meetings, listening sessions; and notifications.</summary>
public abstract partial class AppDbContext
{
    public DbSet<StudyRequest> StudyRequests => Set<StudyRequest>();

    public DbSet<StudyRequestRegion> StudyRequestRegions => Set<StudyRequestRegion>();

    public DbSet<StudyMilestone> StudyMilestones => Set<StudyMilestone>();

    public DbSet<StudyRequestEvent> StudyRequestEvents => Set<StudyRequestEvent>();

    public DbSet<StudyRequestAttachment> StudyRequestAttachments => Set<StudyRequestAttachment>();

    public DbSet<Publication> Publications => Set<Publication>();

    public DbSet<StudyMeeting> StudyMeetings => Set<StudyMeeting>();

    public DbSet<StudyMeetingRegion> StudyMeetingRegions => Set<StudyMeetingRegion>();

    public DbSet<StudyMeetingAttendance> StudyMeetingAttendance => Set<StudyMeetingAttendance>();

    public DbSet<FollowUpAction> FollowUpActions => Set<FollowUpAction>();

    public DbSet<ListeningSession> ListeningSessions => Set<ListeningSession>();

    public DbSet<ListeningSessionRegion> ListeningSessionRegions => Set<ListeningSessionRegion>();

    public DbSet<ListeningSessionBody> ListeningSessionBodies => Set<ListeningSessionBody>();

    public DbSet<ListeningParticipant> ListeningParticipants => Set<ListeningParticipant>();

    public DbSet<Contribution> Contributions => Set<Contribution>();

    public DbSet<ContributionAttachment> ContributionAttachments => Set<ContributionAttachment>();

    public DbSet<Notification> Notifications => Set<Notification>();

    private static void ConfigureCeseEngagement(ModelBuilder builder)
    {
        builder.Entity<StudyRequest>(e =>
        {
            e.Property(r => r.Title).HasMaxLength(300);
            e.Property(r => r.Question).HasMaxLength(4_000);
            e.Property(r => r.Rationale).HasMaxLength(8_000);
            e.Property(r => r.RequestedByUserId).HasMaxLength(64);
            e.Property(r => r.DesiredTimeline).HasMaxLength(300);
            e.Property(r => r.Rapporteur).HasMaxLength(150);
            // Commission names run past the 32 characters enums get by convention.
            e.Property(r => r.Commission).HasMaxLength(64);
            e.Property(r => r.DeclineReason).HasMaxLength(4_000);
            e.HasOne<AppUser>().WithMany().HasForeignKey(r => r.RequestedByUserId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.Regions).WithOne().HasForeignKey(x => x.StudyRequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Milestones).WithOne().HasForeignKey(x => x.StudyRequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.History).WithOne().HasForeignKey(x => x.StudyRequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Attachments).WithOne().HasForeignKey(x => x.StudyRequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => r.Status);
        });
        builder.Entity<StudyRequestRegion>(e =>
        {
            e.HasKey(x => new { x.StudyRequestId, x.RegionId });
            e.HasOne(x => x.Region).WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<StudyMilestone>(e => e.Property(m => m.Title).HasMaxLength(300));
        builder.Entity<StudyRequestEvent>(e =>
        {
            e.Property(x => x.ActorId).HasMaxLength(64);
            e.Property(x => x.ActorName).HasMaxLength(120);
            e.Property(x => x.Note).HasMaxLength(4_000);
            e.HasIndex(x => new { x.StudyRequestId, x.AtUtc });
        });
        builder.Entity<StudyRequestAttachment>(e => ConfigureFile(e.Property(a => a.FileName), e.Property(a => a.StoredName), e.Property(a => a.ContentType), e.Property(a => a.Sha256), e.Property(a => a.UploadedBy)));
        builder.Entity<Publication>(e =>
        {
            e.Property(p => p.TitleFr).HasMaxLength(300);
            e.Property(p => p.TitleAr).HasMaxLength(300);
            e.Property(p => p.Summary).HasMaxLength(8_000);
            e.Property(p => p.SummaryAr).HasMaxLength(8_000);
            e.Property(p => p.Commission).HasMaxLength(64);
            e.Property(p => p.DocumentFileName).HasMaxLength(200);
            e.Property(p => p.DocumentStoredName).HasMaxLength(100);
            e.Property(p => p.DocumentContentType).HasMaxLength(100);
            e.Property(p => p.DocumentSha256).HasMaxLength(64);
            e.Ignore(p => p.IsApproved);
            e.HasOne(p => p.StudyRequest).WithMany().HasForeignKey(p => p.StudyRequestId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<StudyMeeting>(e =>
        {
            e.Property(m => m.Place).HasMaxLength(300);
            e.Property(m => m.OnlineLink).HasMaxLength(500);
            e.Property(m => m.Minutes).HasMaxLength(20_000);
            e.HasOne(m => m.Publication).WithMany().HasForeignKey(m => m.PublicationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(m => m.InvitedRegions).WithOne().HasForeignKey(x => x.StudyMeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(m => m.Attendance).WithOne().HasForeignKey(x => x.StudyMeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(m => m.Actions).WithOne().HasForeignKey(x => x.StudyMeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.StartsAtUtc);
        });
        builder.Entity<StudyMeetingRegion>(e =>
        {
            e.HasKey(x => new { x.StudyMeetingId, x.RegionId });
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<StudyMeetingAttendance>(e =>
        {
            e.Property(a => a.RecordedBy).HasMaxLength(120);
            e.HasIndex(a => new { a.StudyMeetingId, a.ParticipantId }).IsUnique();
            e.HasOne(a => a.Participant).WithMany().HasForeignKey(a => a.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<FollowUpAction>(e =>
        {
            e.Property(a => a.Description).HasMaxLength(2_000);
            e.Property(a => a.Owner).HasMaxLength(200);
            e.HasOne<Region>().WithMany().HasForeignKey(a => a.RegionId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(a => new { a.Status, a.DueOn });
        });
        builder.Entity<ListeningSession>(e =>
        {
            e.Property(s => s.Topic).HasMaxLength(300);
            e.Property(s => s.TopicAr).HasMaxLength(300);
            e.Property(s => s.Description).HasMaxLength(4_000);
            e.Property(s => s.Place).HasMaxLength(300);
            e.Property(s => s.OnlineLink).HasMaxLength(500);
            e.Property(s => s.Minutes).HasMaxLength(20_000);
            e.Property(s => s.Synthesis).HasMaxLength(20_000);
            e.HasOne(s => s.StudyRequest).WithMany().HasForeignKey(s => s.StudyRequestId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(s => s.Publication).WithMany().HasForeignKey(s => s.PublicationId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(s => s.InvitedRegions).WithOne().HasForeignKey(x => x.ListeningSessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.InvitedBodies).WithOne().HasForeignKey(x => x.ListeningSessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Participants).WithOne().HasForeignKey(x => x.ListeningSessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Contributions).WithOne().HasForeignKey(x => x.ListeningSessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => s.StartsAtUtc);
        });
        builder.Entity<ListeningSessionRegion>(e =>
        {
            e.HasKey(x => new { x.ListeningSessionId, x.RegionId });
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ListeningSessionBody>(e =>
        {
            e.HasKey(x => new { x.ListeningSessionId, x.BodyId });
            e.HasOne(x => x.Body).WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ListeningParticipant>(e =>
        {
            e.Property(p => p.FullName).HasMaxLength(150);
            e.Property(p => p.Organisation).HasMaxLength(200);
            e.HasOne<Region>().WithMany().HasForeignKey(p => p.RegionId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Contribution>(e =>
        {
            e.Property(c => c.AuthorId).HasMaxLength(64);
            e.Property(c => c.AuthorName).HasMaxLength(120);
            e.Property(c => c.Text).HasMaxLength(10_000);
            e.HasOne<Region>().WithMany().HasForeignKey(c => c.RegionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ParticipatoryBody>().WithMany().HasForeignKey(c => c.BodyId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(c => c.Attachments).WithOne().HasForeignKey(a => a.ContributionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.ListeningSessionId, c.CreatedAtUtc });
        });
        builder.Entity<ContributionAttachment>(e => ConfigureFile(e.Property(a => a.FileName), e.Property(a => a.StoredName), e.Property(a => a.ContentType), e.Property(a => a.Sha256), null));
        builder.Entity<Notification>(e =>
        {
            e.Property(n => n.UserId).HasMaxLength(64);
            e.Property(n => n.MessageKey).HasMaxLength(100);
            e.Property(n => n.Arguments).HasMaxLength(1_000);
            e.Property(n => n.Link).HasMaxLength(200);
            e.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(n => new { n.UserId, n.ReadAtUtc, n.CreatedAtUtc });
        });
    }

    private static void ConfigureFile(
        Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<string> fileName,
        Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<string> storedName,
        Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<string> contentType,
        Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<string> sha256,
        Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<string>? uploadedBy)
    {
        fileName.HasMaxLength(200);
        storedName.HasMaxLength(100);
        contentType.HasMaxLength(100);
        sha256.HasMaxLength(64);
        uploadedBy?.HasMaxLength(120);
    }
}

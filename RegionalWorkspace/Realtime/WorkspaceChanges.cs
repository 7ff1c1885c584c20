using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;

namespace RegionalWorkspace.Realtime;

/// <summary>
/// Services call this after a commit: the change goes into the activity feed and out on the bus to every open screen
/// (and every server). The change itself is already saved; if recording or publishing fails it stays saved and the
/// failure is logged.
/// </summary>
public sealed class WorkspaceChanges(IWorkspaceBus bus, IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ILogger<WorkspaceChanges> logger)
{
    public async Task PublishAsync(Actor actor, Change change)
    {
        var workspaceEvent = new WorkspaceEvent(
            Guid.NewGuid(), change.Capability, change.EntityType, change.EntityId, change.RegionId, change.Kind,
            actor.UserId, actor.DisplayName, change.Version, clock.GetUtcNow().UtcDateTime,
            Truncate(change.Title, 300), change.Link, change.Scope, change.Audience, change.ConcernedRegionIds);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            db.Activity.Add(new ActivityEntry
            {
                EventId = workspaceEvent.Id,
                AtUtc = workspaceEvent.AtUtc,
                ActorId = actor.UserId,
                ActorName = actor.DisplayName,
                Capability = change.Capability,
                EntityType = change.EntityType,
                EntityId = change.EntityId,
                RegionId = change.RegionId,
                Kind = change.Kind,
                Title = workspaceEvent.Title,
                Link = change.Link,
                Audience = change.Audience,
                ConcernedRegions = ActivityEntry.Encode(change.ConcernedRegionIds),
            });
            await db.SaveChangesAsync();
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            logger.LogError(ex, "Could not record {EntityType} {EntityId} in the activity feed.", change.EntityType, change.EntityId);
        }

        await bus.PublishAsync(workspaceEvent);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Features.Notifications;

/// <summary>An in-app notification as its reader sees it: a message key and its arguments, shown in the reader's language.</summary>
public sealed record NotificationRow(long Id, string MessageKey, IReadOnlyList<string> Arguments, string Link, DateTime CreatedAtUtc, bool IsRead);

/// <summary>
/// In-app notifications, one row per recipient. Each account reads and marks only its own. After every change to an
/// account's notifications a signal goes out on the bus (every server) with <see cref="Audience.Recipient"/>: it names
/// the account and nothing else, so only that account's open tabs hear it, and they re-read their own rows.
/// </summary>
public sealed class NotificationsService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessControl access,
    IWorkspaceBus bus,
    TimeProvider clock,
    ILogger<NotificationsService> logger)
{
    public const string EntityType = "Notification";
    public const int MaxPageSize = 100;

    private const int MaxArgumentsLength = 1_000;
    private const int MaxArgumentLength = 200;

    /// <summary>Whether <paramref name="e"/> is the signal that the reader's notifications changed (visibility is checked by the bus subscription).</summary>
    public static bool IsSignal(WorkspaceEvent e) => e.Audience == Audience.Recipient && e.EntityType == EntityType;

    /// <summary>
    /// Leaves a notification for each of <paramref name="userIds"/> (duplicates and unknown or disabled accounts are
    /// skipped) and signals their open tabs. <paramref name="messageKey"/> is a string resource key filled with
    /// <paramref name="arguments"/>. Called by services after their own commit; a failure here is logged, not thrown.
    /// </summary>
    public async Task NotifyAsync(IEnumerable<string> userIds, string messageKey, IReadOnlyList<string> arguments, string link, CancellationToken ct = default)
    {
        var wanted = userIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        List<string> recipients;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            recipients = await db.Users.Where(u => wanted.Contains(u.Id) && !u.IsDisabled).Select(u => u.Id).ToListAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var encoded = Encode(arguments);
            db.Notifications.AddRange(recipients.Select(id => new Notification
            {
                UserId = id,
                MessageKey = messageKey,
                Arguments = encoded,
                Link = link,
                CreatedAtUtc = now,
            }));
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            logger.LogError(ex, "Could not leave {MessageKey} notifications for {Count} accounts.", messageKey, wanted.Count);
            return;
        }

        foreach (var userId in recipients)
        {
            await SignalAsync(userId);
        }
    }

    /// <summary>The reader's notifications, newest first.</summary>
    public async Task<Page<NotificationRow>> ListMineAsync(ClaimsPrincipal principal, int page, int pageSize, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(0, page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == actor.UserId);
        var total = await mine.CountAsync(ct);
        var rows = await mine.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
            .Skip(page * pageSize).Take(pageSize)
            .Select(n => new { n.Id, n.MessageKey, n.Arguments, n.Link, n.CreatedAtUtc, n.ReadAtUtc })
            .ToListAsync(ct);
        return new Page<NotificationRow>(
            rows.Select(n => new NotificationRow(n.Id, n.MessageKey, Decode(n.Arguments), n.Link, n.CreatedAtUtc, n.ReadAtUtc is not null)).ToList(),
            total);
    }

    public async Task<int> UnreadCountAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.UserId == actor.UserId && n.ReadAtUtc == null, ct);
    }

    /// <summary>Marks one of the reader's notifications read; another account's is not found.</summary>
    public async Task MarkReadAsync(ClaimsPrincipal principal, long id, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.UserId == actor.UserId, ct)
            ?? throw new NotFoundException("Error.NotificationNotFound");
        if (notification.ReadAtUtc is not null)
        {
            return;
        }

        notification.ReadAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await SignalAsync(actor.UserId);
    }

    /// <summary>Marks all the reader's notifications read; returns how many were unread.</summary>
    public async Task<int> MarkAllReadAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var actor = await access.DemandAsync(principal, UseCase.ReadWorkspace, ct: ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var count = await db.Notifications.Where(n => n.UserId == actor.UserId && n.ReadAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), ct);
        if (count > 0)
        {
            await SignalAsync(actor.UserId);
        }

        return count;
    }

    /// <summary>Arguments joined by tabs (which no argument may contain), each cut to a readable length, the whole within the column.</summary>
    internal static string? Encode(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0)
        {
            return null;
        }

        var cleaned = arguments.Select(a => Shorten((a ?? "").Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' '), MaxArgumentLength)).ToList();
        var joined = string.Join('\t', cleaned);
        return joined.Length <= MaxArgumentsLength ? joined : joined[..MaxArgumentsLength];
    }

    internal static IReadOnlyList<string> Decode(string? arguments) => arguments is null ? [] : arguments.Split('\t');

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Tells the account's open tabs (on any server) to re-read their notifications; the event names the account only.</summary>
    private async Task SignalAsync(string userId)
    {
        try
        {
            await bus.PublishAsync(new WorkspaceEvent(
                Guid.NewGuid(), Capability.Accounts, EntityType, 0, null, ChangeKind.Updated, "", "", 0, clock.GetUtcNow().UtcDateTime,
                "", "/notifications", WorkspaceEvent.UserScope(userId), Audience.Recipient));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The notification signal could not be sent.");
        }
    }
}

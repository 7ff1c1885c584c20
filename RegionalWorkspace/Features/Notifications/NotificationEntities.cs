namespace RegionalWorkspace.Features.Notifications;

/// <summary>An in-app notification for one account (e.g. a study request's status changed); read or not.</summary>
public sealed class Notification
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>A string resource key, with <see cref="Arguments"/> (tab-separated), so it shows in the reader's language.</summary>
    public required string MessageKey { get; set; }

    public string? Arguments { get; set; }

    public required string Link { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ReadAtUtc { get; set; }
}

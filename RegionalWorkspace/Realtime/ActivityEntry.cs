namespace RegionalWorkspace.Realtime;

/// <summary>One line of the activity feed: a published <see cref="WorkspaceEvent"/>, kept.</summary>
public sealed class ActivityEntry
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public DateTime AtUtc { get; set; }

    public required string ActorId { get; set; }

    public required string ActorName { get; set; }

    public Capability Capability { get; set; }

    public required string EntityType { get; set; }

    public int EntityId { get; set; }

    public int? RegionId { get; set; }

    public ChangeKind Kind { get; set; }

    public required string Title { get; set; }

    public required string Link { get; set; }

    public Audience Audience { get; set; }

    /// <summary>For <see cref="Audience.ConcernedRegions"/>: the regions concerned, as <c>,4,9,</c> (found with one LIKE).</summary>
    public string? ConcernedRegions { get; set; }

    public static string? Encode(IReadOnlyList<int>? regionIds) =>
        regionIds is null || regionIds.Count == 0 ? null : "," + string.Join(",", regionIds.Distinct().Order()) + ",";

    public static string Token(int regionId) => "," + regionId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",";
}

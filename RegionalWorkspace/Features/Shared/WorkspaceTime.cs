namespace RegionalWorkspace.Features.Shared;

/// <summary>
/// Times are stored in UTC and shown in the workspace's time zone (<c>Workspace:TimeZone</c>, default Africa/Casablanca:
/// Morocco's official time, UTC+1 with a change during Ramadan).
/// </summary>
public sealed class WorkspaceTime(IConfiguration configuration, TimeProvider clock)
{
    private readonly TimeZoneInfo _zone = Find(configuration["Workspace:TimeZone"] ?? "Africa/Casablanca");

    public TimeZoneInfo Zone => _zone;

    public DateTime Now => TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, _zone);

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone);

    private static TimeZoneInfo Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}

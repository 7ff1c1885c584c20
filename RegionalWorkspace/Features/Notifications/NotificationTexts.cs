using Microsoft.Extensions.Localization;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Notifications;

public static class NotificationTexts
{
    /// <summary>The notification in the reader's language.</summary>
    public static string Text(IStringLocalizer<Strings> l, NotificationRow row) => l[row.MessageKey, [.. row.Arguments]];

    /// <summary>Only the workspace's own pages are followed from a notification (never another site).</summary>
    public static string SafeLink(string link) =>
        link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && !link.StartsWith("/\\", StringComparison.Ordinal) ? link : "/notifications";
}

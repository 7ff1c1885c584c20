using Microsoft.Extensions.Localization;
using MudBlazor;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.Studies;

/// <summary>How study requests read on screen: refusals with the statuses named, and a colour per status.</summary>
public static class StudyTexts
{
    /// <summary>What to tell the user about a refusal; a refused move names both statuses in the reader's language.</summary>
    public static string Describe(IStringLocalizer<Strings> l, WorkspaceException error) =>
        error is StudyTransitionRefusedException refused
            ? l["Error.StudyTransition", l.Enum(refused.From), l.Enum(refused.To)]
            : l.Describe(error);

    public static Color ColorOf(StudyRequestStatus status) => status switch
    {
        StudyRequestStatus.Submitted => Color.Default,
        StudyRequestStatus.UnderReview => Color.Info,
        StudyRequestStatus.Accepted => Color.Primary,
        StudyRequestStatus.Declined => Color.Error,
        StudyRequestStatus.InProgress => Color.Warning,
        StudyRequestStatus.Adopted => Color.Secondary,
        _ => Color.Success,
    };

    public static string IconOf(StudyRequestStatus status) => status switch
    {
        StudyRequestStatus.Submitted => Icons.Material.Filled.Outbox,
        StudyRequestStatus.UnderReview => Icons.Material.Filled.ManageSearch,
        StudyRequestStatus.Accepted => Icons.Material.Filled.AssignmentTurnedIn,
        StudyRequestStatus.Declined => Icons.Material.Filled.Block,
        StudyRequestStatus.InProgress => Icons.Material.Filled.Pending,
        StudyRequestStatus.Adopted => Icons.Material.Filled.Gavel,
        _ => Icons.Material.Filled.Public,
    };
}

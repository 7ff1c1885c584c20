using Microsoft.Extensions.Localization;
using RegionalWorkspace.Components.Shared;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace.Features.SupportActions;

/// <summary>The convention's parties that can give support, and how a combination of them reads.</summary>
public static class SupportParties
{
    public static readonly Organisers[] All = [Organisers.Arm, Organisers.Dgct, Organisers.Cese];

    public static string Describe(IStringLocalizer<Strings> l, Organisers parties) =>
        string.Join(" · ", All.Where(p => parties.HasFlag(p)).Select(p => l.Enum(p)));
}

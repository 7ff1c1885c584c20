namespace RegionalWorkspace.Resources;

/// <summary>
/// Marker for the workspace's strings: <c>Strings.resx</c> (French, the neutral language), <c>Strings.ar.resx</c>,
/// <c>Strings.en.resx</c>. Inject <c>IStringLocalizer&lt;Strings&gt;</c>.
/// </summary>
public sealed class Strings;

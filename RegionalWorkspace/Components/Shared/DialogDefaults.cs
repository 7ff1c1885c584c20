using MudBlazor;

namespace RegionalWorkspace.Components.Shared;

public static class DialogDefaults
{
    /// <summary>Forms: wide enough for two columns, closed by Escape, never by a stray click outside (it would lose the input).</summary>
    public static readonly DialogOptions Form = new()
    {
        MaxWidth = MaxWidth.Medium,
        FullWidth = true,
        CloseOnEscapeKey = true,
        BackdropClick = false,
        CloseButton = true,
    };

    /// <summary>Long forms (a practice): as wide as the screen allows.</summary>
    public static readonly DialogOptions Large = new()
    {
        MaxWidth = MaxWidth.Large,
        FullWidth = true,
        CloseOnEscapeKey = true,
        BackdropClick = false,
        CloseButton = true,
    };
}

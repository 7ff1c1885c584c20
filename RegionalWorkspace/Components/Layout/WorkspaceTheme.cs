using MudBlazor;

namespace RegionalWorkspace.Components.Layout;

public static class WorkspaceTheme
{
    private static readonly string[] s_fonts = ["Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "Roboto", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b6e4f",
            Secondary = "#b3261e",
            Tertiary = "#c99a2e",
            AppbarBackground = "#0b6e4f",
            Background = "#f6f7f5",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#4fbf95",
            Secondary = "#f28b82",
            Tertiary = "#e3c16f",
            AppbarBackground = "#10231c",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = s_fonts },
            H1 = new H1Typography { FontFamily = s_fonts },
            H2 = new H2Typography { FontFamily = s_fonts },
            H3 = new H3Typography { FontFamily = s_fonts },
            H4 = new H4Typography { FontFamily = s_fonts },
            H5 = new H5Typography { FontFamily = s_fonts },
            H6 = new H6Typography { FontFamily = s_fonts },
            Button = new ButtonTypography { FontFamily = s_fonts },
        },
    };
}

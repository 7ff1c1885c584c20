using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace RegionalWorkspace.Components.Shared;

/// <summary>
/// A key figure (value and label). Markup, not a component: pages show dozens of them, and every component instance
/// costs memory in each open tab's circuit.
/// </summary>
public static class Figures
{
    public static RenderFragment Show(long value, string label, string? name = null) => builder => Build(builder, value, label, name);

    private static void Build(RenderTreeBuilder builder, long value, string label, string? name)
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "figure");
        builder.AddAttribute(2, "data-figure", name);
        builder.OpenElement(3, "span");
        builder.AddAttribute(4, "class", "figure-value");
        builder.AddContent(5, value.ToString("N0", CultureInfo.CurrentCulture));
        builder.CloseElement();
        builder.OpenElement(6, "span");
        builder.AddAttribute(7, "class", "figure-label");
        builder.AddContent(8, label);
        builder.CloseElement();
        builder.CloseElement();
    }
}

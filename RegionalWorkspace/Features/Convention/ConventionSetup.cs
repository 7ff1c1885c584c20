namespace RegionalWorkspace.Features.Convention;

public static class ConventionSetup
{
    /// <summary>The convention's figures (C1–C6, per region, per month) and its implementation report.</summary>
    public static WebApplicationBuilder AddWorkspaceConvention(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConventionFiguresService>();
        builder.Services.AddSingleton<ConventionReportService>();
        return builder;
    }
}

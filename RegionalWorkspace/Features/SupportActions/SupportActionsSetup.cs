namespace RegionalWorkspace.Features.SupportActions;

public static class SupportActionsSetup
{
    /// <summary>Support actions (C3).</summary>
    public static WebApplicationBuilder AddWorkspaceSupportActions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SupportActionsService>();
        return builder;
    }
}

namespace RegionalWorkspace.Features.Studies;

public static class PublicationsSetup
{
    /// <summary>CESE's publications and their General Assembly approval.</summary>
    public static WebApplicationBuilder AddWorkspacePublications(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PublicationsService>();
        return builder;
    }
}

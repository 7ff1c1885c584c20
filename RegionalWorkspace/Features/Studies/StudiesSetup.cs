using RegionalWorkspace.Features.Notifications;

namespace RegionalWorkspace.Features.Studies;

public static class StudiesSetup
{
    /// <summary>Study requests (C4) and the in-app notifications they send.</summary>
    public static WebApplicationBuilder AddWorkspaceStudies(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NotificationsService>();
        builder.Services.AddSingleton<StudyRequestsService>();
        return builder;
    }
}

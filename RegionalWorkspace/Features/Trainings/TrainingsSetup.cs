namespace RegionalWorkspace.Features.Trainings;

public static class TrainingsSetup
{
    public static WebApplicationBuilder AddWorkspaceTrainings(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TrainingsService>();
        builder.Services.AddSingleton<RegistrationsService>();
        builder.Services.AddSingleton<AttendanceService>();
        return builder;
    }
}

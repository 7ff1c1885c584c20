namespace RegionalWorkspace.Features.Trainings.CheckIn;

/// <summary>Self check-in (rotating codes, projector page, participants' check-in page). Wired in WorkspaceApp.</summary>
public static class CheckInSetup
{
    public static WebApplicationBuilder AddTrainingCheckIn(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CheckInOptions>(builder.Configuration.GetSection(CheckInOptions.Section));
        builder.Services.AddSingleton<CheckInCodes>();
        builder.Services.AddSingleton<CheckInLimiter>();
        builder.Services.AddSingleton<CheckInService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapTrainingCheckIn(this IEndpointRouteBuilder endpoints) => endpoints.MapCheckInEndpoints();
}

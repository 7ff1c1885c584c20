namespace RegionalWorkspace.Features.Trainings.CheckIn;

/// <summary>Self check-in (rotating codes, projector page, participants' check-in page). Wired in WorkspaceApp.</summary>
public static class CheckInSetup
{
    public static WebApplicationBuilder AddTrainingCheckIn(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapTrainingCheckIn(this IEndpointRouteBuilder endpoints) => endpoints;
}

namespace RegionalWorkspace.Features.Trainings.Documents;

/// <summary>Attendance sheets, certificates and attendance exports. Wired in WorkspaceApp.</summary>
public static class TrainingDocumentsSetup
{
    public static WebApplicationBuilder AddTrainingDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TrainingDocumentsService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapTrainingDocuments(this IEndpointRouteBuilder endpoints) => endpoints.MapTrainingDocumentEndpoints();
}

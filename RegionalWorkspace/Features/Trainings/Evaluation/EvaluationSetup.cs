namespace RegionalWorkspace.Features.Trainings.Evaluation;

/// <summary>CSV import of participants and session evaluations. Wired in WorkspaceApp.</summary>
public static class EvaluationSetup
{
    public static WebApplicationBuilder AddTrainingImportAndEvaluation(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapTrainingEvaluation(this IEndpointRouteBuilder endpoints) => endpoints;
}

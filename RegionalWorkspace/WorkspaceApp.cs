using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;
using RegionalWorkspace.Components;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Audit;
using RegionalWorkspace.Features.Backups;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Convention;
using RegionalWorkspace.Features.ListeningSessions;
using RegionalWorkspace.Features.OpenData;
using RegionalWorkspace.Features.Practices;
using RegionalWorkspace.Features.Studies;
using RegionalWorkspace.Features.StudyMeetings;
using RegionalWorkspace.Features.SupportActions;
using RegionalWorkspace.Features.Trainings;
using RegionalWorkspace.Features.Trainings.CheckIn;
using RegionalWorkspace.Features.Trainings.Documents;
using RegionalWorkspace.Features.Trainings.Evaluation;
using RegionalWorkspace.Features.Regions;
using RegionalWorkspace.Operations;
using RegionalWorkspace.Pdf;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Resources;

namespace RegionalWorkspace;

/// <summary>
/// Composition of the app: one <c>AddXxx()</c> per feature or concern. Tests build the very same app through
/// <see cref="Create"/>, adding their own configuration.
/// </summary>
public static class WorkspaceApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(WorkspaceApp).Assembly.GetName().Name,
        });
        // Serves MudBlazor's assets from the NuGet cache when running from a build (a no-op once published).
        builder.WebHost.UseStaticWebAssets();
        configure?.Invoke(builder);

        builder.AddWorkspaceLogging();
        builder.AddWorkspaceBackups();
        builder.AddWorkspaceDatabase();
        builder.AddWorkspaceAccounts();
        builder.AddWorkspaceLocalization();
        builder.AddWorkspaceHealth();
        builder.AddWorkspaceRealtime();
        builder.AddWorkspacePdf();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RegionsService>();
        builder.Services.AddSingleton<BodiesService>();
        builder.Services.AddSingleton<Features.Activity.ActivityService>();
        builder.Services.AddSingleton<RegionReportService>();
        builder.AddWorkspacePractices();
        builder.AddWorkspaceTrainings();
        builder.AddTrainingCheckIn();
        builder.AddTrainingDocuments();
        builder.AddTrainingImportAndEvaluation();
        builder.AddWorkspacePublications();
        builder.AddWorkspaceStudyMeetings();
        builder.AddWorkspaceStudies();
        builder.AddWorkspaceListeningSessions();
        builder.AddWorkspaceSupportActions();
        builder.AddWorkspaceConvention();
        builder.Services.AddSingleton<OpenDataService>();
        builder.AddWorkspaceAudit();
        builder.Services.AddSingleton<Features.Shared.WorkspaceTime>();
        builder.Services.AddSingleton<Features.Shared.FileStore>();
        builder.Services.AddMudServices();
        builder.Services.AddHttpContextAccessor();
        builder.AddWorkspaceHardening();

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseWorkspaceHardening();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(AssetsPath(app.Configuration)),
            RequestPath = "/assets",
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWorkspaceAudit();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapWorkspaceHealth();
        app.MapCultureEndpoint();
        app.MapAccountEndpoints();
        app.MapWorkspaceHub();
        app.MapRegionEndpoints();
        app.MapTrainingCheckIn();
        app.MapTrainingDocuments();
        app.MapTrainingEvaluation();
        app.MapPracticeAttachmentEndpoints();
        app.MapPublicationEndpoints();
        app.MapStudyAttachmentEndpoints();
        app.MapListeningSessionEndpoints();
        app.MapConventionEndpoints();
        app.MapOpenDataEndpoints();
        app.MapBackupEndpoints();
        app.MapAuditEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary><c>wwwroot-assets/</c>: beside the binaries (copied at build), or <c>Assets:Path</c>.</summary>
    public static string AssetsPath(IConfiguration configuration) =>
        configuration["Assets:Path"] ?? Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");
}

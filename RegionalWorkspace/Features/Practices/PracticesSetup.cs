using RegionalWorkspace.Data;

namespace RegionalWorkspace.Features.Practices;

public static class PracticesSetup
{
    /// <summary>The good-practice library, with the full-text search of the configured database provider.</summary>
    public static WebApplicationBuilder AddWorkspacePractices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IPracticeSearch>(sp => sp.GetRequiredService<DatabaseInfo>().Provider == DatabaseProvider.Postgres
            ? new PostgresPracticeSearch()
            : new SqlitePracticeSearch());
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<PracticesService>();
        services.AddSingleton<PracticeAttachmentsService>();
        services.AddSingleton<PracticeSheetService>();
        return builder;
    }
}

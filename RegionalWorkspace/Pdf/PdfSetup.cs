namespace RegionalWorkspace.Pdf;

public static class PdfSetup
{
    /// <summary>The PDF engine (settings under <c>Pdf:</c>), started lazily on the first document and closed with the app.</summary>
    public static WebApplicationBuilder AddWorkspacePdf(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PdfEngineOptions>(builder.Configuration.GetSection("Pdf"));
        builder.Services.AddSingleton(new PdfAssets(WorkspaceApp.AssetsPath(builder.Configuration)));
        builder.Services.AddSingleton<PdfEngine>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PdfEngine>());
        return builder;
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RegionalWorkspace.Data;

namespace RegionalWorkspace.Operations;

public static class OperationsSetup
{
    /// <summary>Structured logs: JSON lines by default, readable lines in Development and in the demo.</summary>
    public static WebApplicationBuilder AddWorkspaceLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Configuration.GetValue("Logging:Json", !builder.Environment.IsDevelopment()))
        {
            builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ");
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        return builder;
    }

    public static WebApplicationBuilder AddWorkspaceHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<PdfBrowserHealthCheck>("pdf-browser");
        return builder;
    }

    /// <summary><c>/healthz</c>: 200 when the database is reachable and migrated (a missing PDF browser is reported as degraded).</summary>
    public static IEndpointRouteBuilder MapWorkspaceHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                await JsonSerializer.SerializeAsync(context.Response.Body, new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(
                        e => e.Key,
                        e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
                });
            },
        }).AllowAnonymous();
        return endpoints;
    }
}

internal sealed class DatabaseHealthCheck(IDbContextFactory<AppDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("Database unreachable.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy($"{db.Database.ProviderName}: reachable, migrations applied.")
                : HealthCheckResult.Unhealthy($"Pending migrations: {string.Join(", ", pending)}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable: " + ex.Message);
        }
    }
}

/// <summary>The PDF browser is optional for the app to run; without it, exports are unavailable.</summary>
internal sealed class PdfBrowserHealthCheck(Pdf.PdfEngine pdf) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var path = pdf.BrowserPath;
        return Task.FromResult(pdf.IsAvailable
            ? HealthCheckResult.Healthy($"PDF browser found at {path}.")
            : HealthCheckResult.Degraded($"PDF browser not found at {path}: PDF exports are unavailable. Install the 'chromium' package or set Pdf:BrowserPath."));
    }
}

using Microsoft.AspNetCore.Components.Server.Circuits;

namespace RegionalWorkspace.Realtime;

public static class RealtimeSetup
{
    /// <summary>
    /// The event bus (in-process, or Redis when <c>Realtime:Redis</c> is set), live subscriptions, presence, and the
    /// per-tab session that follows each circuit's connection.
    /// </summary>
    public static WebApplicationBuilder AddWorkspaceRealtime(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var redis = builder.Configuration["Realtime:Redis"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<IWorkspaceBus, InProcessWorkspaceBus>();
        }
        else
        {
            var channel = builder.Configuration["Realtime:Channel"] ?? "regional-workspace";
            services.AddSingleton<IWorkspaceBus>(sp => new RedisWorkspaceBus(redis, channel, sp.GetRequiredService<ILogger<RedisWorkspaceBus>>()));
        }

        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<WorkspaceChanges>();
        services.AddSingleton<PresenceRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<PresenceRegistry>());
        services.AddScoped<CircuitSession>();
        services.AddScoped<CircuitHandler, PresenceCircuitHandler>();

        services.AddSignalR(o =>
        {
            // Hub clients only send small commands (join a region); refuse anything larger.
            o.MaximumReceiveMessageSize = builder.Configuration.GetValue("Realtime:HubMaxMessageBytes", 4 * 1024);
            o.EnableDetailedErrors = false;
        });
        services.AddSingleton<HubConnections>();
        services.AddHostedService<HubForwarder>();
        return builder;
    }

    public static IEndpointRouteBuilder MapWorkspaceHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<WorkspaceHub>(WorkspaceHub.Path);
        return endpoints;
    }
}

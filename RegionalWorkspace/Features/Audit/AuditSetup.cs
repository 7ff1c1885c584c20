using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace RegionalWorkspace.Features.Audit;

public static class AuditSetup
{
    /// <summary>The audit trail's services, and the circuit handler that names the acting user for saves made in a circuit.</summary>
    public static WebApplicationBuilder AddWorkspaceAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditService>();
        builder.Services.AddSingleton<AuditVerifier>();
        builder.Services.AddScoped<CircuitHandler, AuditCircuitHandler>();
        return builder;
    }

    /// <summary>After authentication: the request's user is the actor of every save made while handling it.</summary>
    public static WebApplication UseWorkspaceAudit(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            using (AuditActor.Use(context.User))
            {
                await next(context);
            }
        });
        return app;
    }
}

/// <summary>
/// A circuit outlives the HTTP request that opened it, and its events run outside any request: each inbound event
/// (a click, a form submit, a JS call) runs with the circuit's current user as the ambient actor.
/// </summary>
internal sealed class AuditCircuitHandler(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await authentication.GetAuthenticationStateAsync();
            using (AuditActor.Use(state.User))
            {
                await next(context);
            }
        };
}

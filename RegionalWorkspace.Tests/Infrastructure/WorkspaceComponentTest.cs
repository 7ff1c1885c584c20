using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace RegionalWorkspace.Tests.Infrastructure;

/// <summary>bUnit base for the workspace's components: MudBlazor services, the real string localiser, a chosen UI culture.</summary>
public abstract class WorkspaceComponentTest : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _previousCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _previousUiCulture = CultureInfo.CurrentUICulture;

    protected WorkspaceComponentTest()
    {
        Services.AddMudServices();
        Services.AddLocalization();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    protected static void UseCulture(string name)
    {
        CultureInfo.CurrentCulture = new CultureInfo(name);
        CultureInfo.CurrentUICulture = new CultureInfo(name);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that only dispose asynchronously; xunit calls this before Dispose().
    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentCulture = _previousCulture;
        CultureInfo.CurrentUICulture = _previousUiCulture;
        await DisposeAsync();
    }
}

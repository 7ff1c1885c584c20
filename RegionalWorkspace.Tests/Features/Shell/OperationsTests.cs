using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using RegionalWorkspace.Data;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Shell;

public sealed class OperationsTests
{
    [Fact]
    public async Task Healthz_NoPdfBrowser_AppRunsAndReportsItDegraded()
    {
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Pdf:BrowserPath"] = "/nonexistent/chromium" });
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", json.RootElement.GetProperty("status").GetString());
        var browser = json.RootElement.GetProperty("checks").GetProperty("pdf-browser");
        Assert.Equal("Degraded", browser.GetProperty("status").GetString());
        Assert.Contains("/nonexistent/chromium", browser.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataProtectionKeys_AreKeptInTheDatabase_SoARestartKeepsSignIns()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("rw-test-dp-").FullName;
        string protectedPayload;
        var first = await AppHost.StartAsync(DatabaseProvider.Sqlite, dataDirectory: dataDirectory);
        try
        {
            protectedPayload = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("still signed in");
        }
        finally
        {
            await first.StopAsync();
        }

        await using var second = await AppHost.StartAsync(DatabaseProvider.Sqlite, dataDirectory: dataDirectory);
        var unprotected = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedPayload);

        Assert.Equal("still signed in", unprotected);
    }
}

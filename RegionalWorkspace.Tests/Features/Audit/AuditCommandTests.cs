using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Features.Audit;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Audit;

/// <summary><c>RegionalWorkspace audit verify</c>, run as its own process on a real database file.</summary>
public sealed class AuditCommandTests : IAsyncLifetime
{
    private AppHost _host = default!;

    private string DatabasePath => Path.Combine(_host.DataDirectory, "workspace.db");

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?> { ["Demo:Seed"] = "false" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Runs the built app with <paramref name="arguments"/>; killed after two minutes.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RegionalWorkspace.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("audit verify did not finish within two minutes.");
        }

        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task Verify_IntactChain_ExitsZeroWithTheCountAndHead()
    {
        var expected = await _host.Get<AuditVerifier>().VerifyAsync();

        var (exitCode, output) = await RunAsync("audit", "verify", $"--Database:Path={DatabasePath}");

        Assert.True(expected.Checked > 0);
        Assert.Equal(AuditCommand.Intact, exitCode);
        Assert.Contains($"Audit trail intact: {expected.Checked} entries, head hash {expected.HeadHash}.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TamperedChain_ExitsOneNamingTheFirstBrokenEntry()
    {
        long target;
        await using (var db = await _host.CreateDbContextAsync())
        {
            target = await db.AuditEntries.MaxAsync(e => e.Id) / 2;
            await db.Database.ExecuteSqlAsync($"""DROP TRIGGER "AuditEntries_NoDelete"; DELETE FROM "AuditEntries" WHERE "Id" = {target};""");
        }

        var (exitCode, output) = await RunAsync("audit", "verify", $"--Database:Path={DatabasePath}");

        Assert.Equal(AuditCommand.Broken, exitCode);
        Assert.Contains($"Audit trail BROKEN at entry #{target + 1}: entries from #{target} are missing", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NoDatabaseOrBadUsage_ExitsTwo()
    {
        var missing = Path.Combine(_host.DataDirectory, "nothing-here.db");

        var (noDatabase, noDatabaseOutput) = await RunAsync("audit", "verify", $"--Database:Path={missing}");
        var (badUsage, badUsageOutput) = await RunAsync("audit", "repair");

        Assert.Equal(AuditCommand.Failed, noDatabase);
        Assert.Contains("No database at", noDatabaseOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
        Assert.Equal(AuditCommand.Failed, badUsage);
        Assert.Contains("Usage: RegionalWorkspace audit verify", badUsageOutput, StringComparison.Ordinal);
    }
}

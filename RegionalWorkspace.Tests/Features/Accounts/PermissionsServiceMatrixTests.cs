using Microsoft.EntityFrameworkCore;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Features.Accounts;

/// <summary>An app whose attachments and backups folders are its own, so a test can see that a refusal wrote no file.</summary>
public sealed class PermissionsHostFixture : IAsyncLifetime
{
    public AppHost Host { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("rw-permissions-").FullName;
        Host = await AppHost.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Attachments:Path"] = Path.Combine(dataDirectory, "attachments"),
            ["Backups:Path"] = Path.Combine(dataDirectory, "backups"),
        }, dataDirectory);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// Every use case's real service method, called as every demo account on records of Rabat-Salé-Kénitra (so the RSK
/// officer acts on their own region and the Souss-Massa officer on another): allowed calls succeed, refused ones throw
/// <see cref="AccessDeniedException"/> (or <see cref="NotFoundException"/> for a record one may not even read) and
/// change nothing: the audit trail, which records every saved change, and the files written are as they were.
/// </summary>
public sealed class PermissionsServiceMatrixTests(PermissionsHostFixture fixture) : IClassFixture<PermissionsHostFixture>
{
    private AppHost Host => fixture.Host;

    [Fact]
    public void Probes_EveryUseCase_HasOne()
    {
        var missing = Enum.GetValues<UseCase>().Where(u => PermissionProbes.All.All(p => p.UseCase != u)).ToList();

        Assert.True(missing.Count == 0, "Use cases no service probe calls (add one to PermissionProbes.All): " + string.Join(", ", missing));
    }

    [Fact]
    public void Probes_Names_AreUnique()
    {
        var names = PermissionProbes.All.Select(p => p.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var probe in PermissionProbes.All)
        {
            foreach (var caller in PermissionsMatrix.Callers)
            {
                data.Add(probe.Name, caller.Email);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Service_AsEachAccount_AllowsOrRefusesAsDeclared(string probeName, string email)
    {
        var probe = PermissionProbes.Named(probeName);
        var caller = PermissionsMatrix.Caller(email);
        var expected = PermissionsMatrix.Expected(caller.Role, caller.RegionId, probe.UseCase, probe.TargetRegion(caller));
        var state = await probe.ArrangeAsync(Host);
        var before = await StateAsync(probe);

        Exception? refusal = null;
        try
        {
            await probe.ActAsync(Host, caller, await Host.PrincipalAsync(email), state);
        }
        catch (AccessDeniedException ex)
        {
            refusal = ex;
        }
        catch (NotFoundException ex) when (probe.HiddenWhenRefused && !expected)
        {
            refusal = ex;
        }

        var after = await StateAsync(probe);
        if (expected)
        {
            Assert.True(refusal is null, $"{email} should be allowed ({probe.Name}) but was refused: {refusal?.Message}");
            if (probe.Writes)
            {
                Assert.True(after.LastAuditId > before.LastAuditId || after.Files != before.Files, $"{probe.Name} by {email} was allowed but saved nothing: the probe does not exercise the use case");
            }
        }
        else
        {
            Assert.True(refusal is not null, $"{email} should be refused ({probe.Name}, UseCase.{probe.UseCase}) but was allowed");
            Assert.Equal(before, after);
        }
    }

    private async Task<ProbeState> StateAsync(PermissionProbe probe)
    {
        await using var db = await Host.CreateDbContextAsync();
        var lastAudit = await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
        return new ProbeState(lastAudit, await probe.ExtraStateAsync(Host));
    }

    private sealed record ProbeState(long LastAuditId, string Files);
}

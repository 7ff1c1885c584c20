using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Faults;

/// <summary>
/// The app (in-process) on a PostgreSQL server of the test's own, restarted under it with <c>pg_ctl restart -m fast</c>
/// (every session of the app is ended by the server): the app's next operations succeed without the app being
/// restarted. While the server is down, an operation fails with a database error (the user's screen says the action
/// did not go through) and nothing is half-saved; once it is back, saving works again.
/// </summary>
public sealed class PostgresRestartTests : IAsyncLifetime
{
    private PostgresInstance _postgres = default!;
    private AppHost _host = default!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresInstance.StartAsync();
        _host = await _postgres.StartAppAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task Restarted_TheNextOperationsSucceed_WithoutRestartingTheApp()
    {
        var member = await MemberAsync();
        // Several pooled connections, all of which the restart ends.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => MemberAsync()));
        await SaveAsync(member, "Avant le redémarrage");

        await _postgres.RestartAsync();

        // Reads, saves and sign-ins, one after another: none of them meets a connection the restart ended.
        for (var i = 1; i <= 8; i++)
        {
            await SaveAsync(member, $"Après le redémarrage {i}");
        }

        using var http = _host.CreateClient();
        using var signIn = await http.PostAsJsonAsync("/api/session", new { email = "officer.sm@demo.ma", password = DemoData.Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        using var health = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Down_AnActionFailsWithADatabaseErrorAndSavesNothing_BackUp_SavingWorksAgain()
    {
        var member = await MemberAsync();
        await SaveAsync(member, "Avant la panne");

        await _postgres.StopAsync();
        try
        {
            var during = await Assert.ThrowsAnyAsync<Exception>(() => SaveAsync(member, "Pendant la panne"));
            Assert.True(IsDatabaseUnavailable(during), during.ToString());
            using var http = _host.CreateClient();
            using var health = await http.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }
        finally
        {
            await _postgres.StartAgainAsync();
        }

        Assert.Equal("Avant la panne", (await ReadAsync(member)).Organisation);
        await SaveAsync(member, "Après la panne");
        Assert.Equal("Après la panne", (await ReadAsync(member)).Organisation);
    }

    private static bool IsDatabaseUnavailable(Exception ex) =>
        ex is DbException || ex.InnerException is { } inner && IsDatabaseUnavailable(inner);

    private async Task<int> MemberAsync()
    {
        var bodyId = await _host.BodyIdAsync("SM", BodyKind.Youth);
        return (await _host.Get<BodiesService>().ListMembersAsync(await _host.PrincipalAsync("admin@demo.ma"), bodyId, null, 0, 1)).Items[0].Id;
    }

    private async Task<MemberRow> ReadAsync(int memberId)
    {
        var bodyId = await _host.BodyIdAsync("SM", BodyKind.Youth);
        return (await _host.Get<BodiesService>().ListMembersAsync(await _host.PrincipalAsync("admin@demo.ma"), bodyId, null, 0, 100)).Items.Single(m => m.Id == memberId);
    }

    private async Task SaveAsync(int memberId, string organisation)
    {
        var input = MemberInput.From(await ReadAsync(memberId));
        input.Organisation = organisation;
        await _host.Get<BodiesService>().UpdateMemberAsync(await _host.PrincipalAsync("officer.sm@demo.ma"), memberId, input);
    }
}

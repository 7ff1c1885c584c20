using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using RegionalWorkspace.Data;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Browser;

/// <summary>
/// Two app servers on two loopback ports, sharing a PostgreSQL database and Redis (both started by ./test.sh): what is
/// done on one is seen live on the other, in a browser and at a hub client.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SeveralServersTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _serverA = default!;
    private AppHost _serverB = default!;

    public static string RedisConfiguration =>
        Environment.GetEnvironmentVariable("RW_TEST_REDIS") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("RW_TEST_REDIS is not set. Run the tests through ./test.sh, which starts Redis on 127.0.0.1 and sets it.");

    public async Task InitializeAsync()
    {
        // A channel of this test's own, so that parallel runs on the same Redis do not hear each other.
        var shared = new Dictionary<string, string?>
        {
            ["Realtime:Redis"] = RedisConfiguration,
            ["Realtime:Channel"] = "rw-test-" + Guid.NewGuid().ToString("N"),
        };
        _serverA = await AppHost.StartAsync(DatabaseProvider.Postgres, shared);
        shared["ConnectionStrings:Workspace"] = _serverA.ConnectionString;
        _serverB = await AppHost.StartAsync(DatabaseProvider.Postgres, shared);
    }

    public async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await _serverB.DisposeAsync();
        await _serverA.DisposeAsync();
    }

    [Fact]
    public async Task ChangeOnServerA_AppearsInABrowserAndAtAHubClientOfServerB()
    {
        var bodyId = await _serverA.BodyIdAsync("SM", BodyKind.Youth);
        var member = (await _serverA.Get<BodiesService>().ListMembersAsync(await _serverA.PrincipalAsync("admin@demo.ma"), bodyId, null, 0, 1)).Items[0];
        var onA = await browser.NewPageAsync(_serverA);
        await onA.SignInAsync("officer.sm@demo.ma", returnUrl: $"/bodies/{bodyId}");
        var onB = await browser.NewPageAsync(_serverB);
        await onB.SignInAsync("leadership@demo.ma", returnUrl: $"/bodies/{bodyId}");
        await using var hubOnB = await HubClient.ConnectAsync(_serverB.BaseUrl, "arm@demo.ma");
        await hubOnB.Connection.InvokeAsync<RegionFeed>("JoinRegion", "SM");

        // Presence crosses servers too: each browser sees the other, though they are on different servers.
        await Assertions.Expect(onB.Locator(".presence-viewers")).ToContainTextAsync("Brahim Ait Lahcen");
        await Assertions.Expect(onA.Locator(".presence-viewers")).ToContainTextAsync("Abdelkader Tahiri");

        var row = onA.Locator("#members-table tbody tr").Filter(new() { HasText = member.FullName });
        await row.Locator(".edit-member").ClickAsync();
        await onA.Locator("#member-organisation").FillAsync("Saisi sur le serveur A");
        await onA.Locator("#dialog-save").ClickAsync();

        await Assertions.Expect(onB.Locator("#members-table tbody tr").Filter(new() { HasText = member.FullName })).ToContainTextAsync("Saisi sur le serveur A");
        var change = await hubOnB.NextAsync();
        Assert.Equal(("Member", member.Id, ChangeKind.Updated, "Brahim Ait Lahcen"), (change.EntityType, change.EntityId, change.Kind, change.ActorName));
    }
}

using Microsoft.AspNetCore.SignalR.Client;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace RegionalWorkspace.Tests.Faults;

/// <summary>
/// Two app servers on a Redis of the test's own (its own port and channel). Redis is killed: each server keeps saving
/// and its own live clients keep getting every change made on it. Redis is started again on the same port: once both
/// servers have subscribed again, changes cross between them again, both ways. The servers' Redis command timeout is
/// set to two minutes, far beyond the bound on a save here: a save that waited for Redis would fail the test instead
/// of merely being slow.
/// </summary>
public sealed class RedisOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan s_eventWait = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan s_saveBound = TimeSpan.FromSeconds(30);

    private readonly string _channel = "rw-fault-" + Guid.NewGuid().ToString("N");
    private RedisInstance _redis = default!;
    private AppHost _serverA = default!;
    private AppHost _serverB = default!;

    public async Task InitializeAsync()
    {
        _redis = await RedisInstance.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Realtime:Redis"] = _redis.Configuration + ",asyncTimeout=120000,syncTimeout=120000",
            ["Realtime:Channel"] = _channel,
        };
        _serverA = await AppHost.StartAsync(settings);
        _serverB = await AppHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _serverA.DisposeAsync();
        await _serverB.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task RedisKilled_EachServerKeepsWorking_WhenRedisReturns_ChangesCrossAgain()
    {
        // Each server has its own database here; the two members are distinct records, so whose change arrived is plain.
        var onA = await MemberAsync(_serverA, 0);
        var onB = await MemberAsync(_serverB, 1);
        await using var hubA = await HubClient.ConnectAsync(_serverA.BaseUrl, "arm@demo.ma");
        await hubA.Connection.InvokeAsync<RegionFeed>("JoinRegion", "SM");
        await using var hubB = await HubClient.ConnectAsync(_serverB.BaseUrl, "arm@demo.ma");
        await hubB.Connection.InvokeAsync<RegionFeed>("JoinRegion", "SM");
        await WaitForSubscribersAsync(2);

        // Before: a change on A reaches clients of A and of B.
        var before = await SaveAsync(_serverA, onA, "Avant la panne");
        await ExpectAsync(hubA, onA, before);
        await ExpectAsync(hubB, onA, before);

        await _redis.KillAsync();

        // During: saves succeed on both servers, and each server's own clients see its changes.
        for (var i = 1; i <= 3; i++)
        {
            var onAVersion = await SaveAsync(_serverA, onA, $"Pendant la panne {i} (A)");
            await ExpectAsync(hubA, onA, onAVersion);
            var onBVersion = await SaveAsync(_serverB, onB, $"Pendant la panne {i} (B)");
            await ExpectAsync(hubB, onB, onBVersion);
        }

        await _redis.StartAgainAsync();
        await WaitForSubscribersAsync(2);

        // After: changes cross between the servers again, in both directions.
        var afterA = await SaveAsync(_serverA, onA, "Après la panne (A)");
        await ExpectAsync(hubA, onA, afterA);
        await ExpectAsync(hubB, onA, afterA);
        var afterB = await SaveAsync(_serverB, onB, "Après la panne (B)");
        await ExpectAsync(hubB, onB, afterB);
        await ExpectAsync(hubA, onB, afterB);
    }

    [Fact]
    public async Task RedisFrozen_SavesDoNotWaitForIt_ChangesCrossWhenItWakes()
    {
        var onA = await MemberAsync(_serverA, 0);
        await using var hubA = await HubClient.ConnectAsync(_serverA.BaseUrl, "arm@demo.ma");
        await hubA.Connection.InvokeAsync<RegionFeed>("JoinRegion", "SM");
        await using var hubB = await HubClient.ConnectAsync(_serverB.BaseUrl, "arm@demo.ma");
        await hubB.Connection.InvokeAsync<RegionFeed>("JoinRegion", "SM");
        await WaitForSubscribersAsync(2);

        await _redis.FreezeAsync(true);
        try
        {
            // Redis accepts the bytes and never answers: the save returns all the same, and A's own clients see it.
            var during = await SaveAsync(_serverA, onA, "Redis figé");
            await ExpectAsync(hubA, onA, during);
        }
        finally
        {
            await _redis.FreezeAsync(false);
        }

        var after = await SaveAsync(_serverA, onA, "Redis réveillé");
        await ExpectAsync(hubA, onA, after);
        await ExpectAsync(hubB, onA, after);
    }

    [Fact]
    public async Task ServerStartedWhileRedisIsDown_Works_AndJoinsTheOthersWhenRedisStarts()
    {
        await _redis.KillAsync();
        await using var serverC = await AppHost.StartAsync(new Dictionary<string, string?>
        {
            ["Realtime:Redis"] = _redis.Configuration + ",asyncTimeout=120000,syncTimeout=120000",
            ["Realtime:Channel"] = _channel,
        });
        var onC = await MemberAsync(serverC, 0);
        await using var hubC = await HubClient.ConnectAsync(serverC.BaseUrl, "arm@demo.ma");
        await hubC.Connection.InvokeAsync<RegionFeed>("JoinRegion", "SM");
        await using var hubA = await HubClient.ConnectAsync(_serverA.BaseUrl, "arm@demo.ma");
        await hubA.Connection.InvokeAsync<RegionFeed>("JoinRegion", "SM");

        var alone = await SaveAsync(serverC, onC, "Démarré sans Redis");
        await ExpectAsync(hubC, onC, alone);

        await _redis.StartAgainAsync();
        await WaitForSubscribersAsync(3);

        var together = await SaveAsync(serverC, onC, "Redis enfin là");
        await ExpectAsync(hubC, onC, together);
        await ExpectAsync(hubA, onC, together);
    }

    /// <summary>A member of the Souss-Massa youth body.</summary>
    private static async Task<int> MemberAsync(AppHost host, int index)
    {
        var bodyId = await host.BodyIdAsync("SM", BodyKind.Youth);
        var members = await host.Get<BodiesService>().ListMembersAsync(await host.PrincipalAsync("admin@demo.ma"), bodyId, null, 0, 10);
        return members.Items[index].Id;
    }

    /// <summary>The Souss-Massa officer changes the member's organisation; returns the version saved.</summary>
    private async Task<int> SaveAsync(AppHost host, int memberId, string organisation)
    {
        var service = host.Get<BodiesService>();
        var officer = await host.PrincipalAsync("officer.sm@demo.ma");
        var bodyId = await host.BodyIdAsync("SM", BodyKind.Youth);
        var row = (await service.ListMembersAsync(officer, bodyId, null, 0, 100)).Items.Single(m => m.Id == memberId);
        var input = MemberInput.From(row);
        input.Organisation = organisation;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await service.UpdateMemberAsync(officer, memberId, input).WaitAsync(s_saveBound);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Saving '{organisation}' waited on Redis (still not done after {s_saveBound}).");
        }

        output.WriteLine($"{organisation}: saved in {watch.ElapsedMilliseconds} ms");
        var saved = (await service.ListMembersAsync(officer, bodyId, null, 0, 100)).Items.Single(m => m.Id == memberId);
        Assert.Equal(organisation, saved.Organisation);
        return saved.Version;
    }

    /// <summary>Reads the client's changes until the member's change at <paramref name="version"/> arrives (others are skipped).</summary>
    private static async Task ExpectAsync(HubClient hub, int memberId, int version)
    {
        using var deadline = new CancellationTokenSource(s_eventWait);
        while (true)
        {
            WorkspaceEvent change;
            try
            {
                change = await hub.NextAsync(s_eventWait);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"The change of member {memberId} to version {version} did not reach the client.");
            }

            if (change.EntityType == "Member" && change.EntityId == memberId && change.Version == version)
            {
                return;
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"The change of member {memberId} to version {version} did not reach the client.");
            }
        }
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> connections listen on the channel: both servers have (re)subscribed.</summary>
    private async Task WaitForSubscribersAsync(int count)
    {
        await using var probe = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var server = probe.GetServer(probe.GetEndPoints()[0]);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long listening = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            var reply = (RedisResult[])(await server.ExecuteAsync("PUBSUB", "NUMSUB", _channel))!;
            listening = (long)reply[1];
            if (listening >= count)
            {
                output.WriteLine($"{listening} subscribers after {watch.ElapsedMilliseconds} ms");
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Only {listening} of {count} servers subscribed to the channel again.");
    }
}

using System.Threading.Channels;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Activity;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Features.Shared;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Realtime;

/// <summary>Committed changes reach live subscribers (filtered by what they may see) and the activity feed.</summary>
public sealed class LiveUpdatesTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private AppHost Host => fixture.Host;

    private async Task<(IDisposable Subscription, Channel<IReadOnlyList<WorkspaceEvent>> Bursts)> SubscribeAsync(string email, Func<WorkspaceEvent, bool>? filter = null)
    {
        var actor = await Host.Get<AccessControl>().FindActorAsync(await Host.PrincipalAsync(email));
        var bursts = Channel.CreateUnbounded<IReadOnlyList<WorkspaceEvent>>();
        var subscription = Host.Get<LiveUpdates>().Subscribe(actor!, filter ?? (_ => true), burst =>
        {
            bursts.Writer.TryWrite(burst);
            return Task.CompletedTask;
        });
        return (subscription, bursts);
    }

    private static async Task<IReadOnlyList<WorkspaceEvent>> NextAsync(Channel<IReadOnlyList<WorkspaceEvent>> bursts)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await bursts.Reader.ReadAsync(cts.Token);
    }

    private async Task<(int BodyId, MemberRow Member)> SomeMemberAsync(string region, BodyKind kind)
    {
        var bodyId = await Host.BodyIdAsync(region, kind);
        var member = (await Host.Get<BodiesService>().ListMembersAsync(await Host.PrincipalAsync("leadership@demo.ma"), bodyId, null, 0, 1)).Items[0];
        return (bodyId, member);
    }

    [Fact]
    public async Task UpdateMember_PublishesWhatChangedWhereByWhomAndTheNewVersion()
    {
        var (bodyId, member) = await SomeMemberAsync("RSK", BodyKind.Youth);
        var (subscription, bursts) = await SubscribeAsync("leadership@demo.ma", e => e.Scope == BodiesService.BodyKey(bodyId));
        using var _ = subscription;
        var input = MemberInput.From(member);
        input.Organisation = "Maison des jeunes de Salé";

        await Host.Get<BodiesService>().UpdateMemberAsync(await Host.PrincipalAsync("officer.rsk@demo.ma"), member.Id, input);

        var change = Assert.Single(await NextAsync(bursts));
        Assert.Equal(
            (Capability.Bodies, "Member", member.Id, (int?)4, ChangeKind.Updated, "Khadija Alami", member.Version + 1, $"/bodies/{bodyId}"),
            (change.Capability, change.EntityType, change.EntityId, change.RegionId, change.Kind, change.ActorName, change.Version, change.Link));
    }

    [Fact]
    public async Task ABurstOfChanges_ArrivesInFewBurstsWithNothingLost()
    {
        var bodyId = await Host.BodyIdAsync("SM", BodyKind.EconomicActors);
        var (subscription, bursts) = await SubscribeAsync("cese@demo.ma", e => e.Scope == BodiesService.BodyKey(bodyId));
        using var _ = subscription;
        var officer = await Host.PrincipalAsync("officer.sm@demo.ma");

        for (var i = 0; i < 20; i++)
        {
            await Host.Get<BodiesService>().AddMemberAsync(officer, bodyId, new MemberInput
            {
                FullName = $"Membre rafale {i}",
                SeatType = SeatType.EconomicActor,
                Gender = Gender.Female,
                MandateStart = new DateOnly(2026, 1, 1),
            });
        }

        var received = new List<WorkspaceEvent>();
        var burstCount = 0;
        while (received.Count < 20)
        {
            received.AddRange(await NextAsync(bursts));
            burstCount++;
        }

        Assert.Equal(20, received.Select(e => e.EntityId).Distinct().Count());
        Assert.True(burstCount < 20, $"{burstCount} deliveries for 20 events: bursts were not coalesced");
    }

    [Fact]
    public async Task AccountChanges_ReachAdministratorsOnly()
    {
        var (adminSubscription, adminBursts) = await SubscribeAsync("admin@demo.ma", e => e.Capability == Capability.Accounts);
        var (leaderSubscription, leaderBursts) = await SubscribeAsync("leadership@demo.ma", e => e.Capability == Capability.Accounts);
        using var _ = adminSubscription;
        using var __ = leaderSubscription;

        await Host.Get<AccountsService>().CreateAsync(await Host.PrincipalAsync("admin@demo.ma"), new AccountInput
        {
            Email = "new.trainer@demo.ma",
            DisplayName = "Omar Naciri",
            Role = WorkspaceRole.Trainer,
            Password = "Strong-Pass-1",
        });

        Assert.Equal("new.trainer@demo.ma", Assert.Single(await NextAsync(adminBursts)).Title);
        Assert.False(leaderBursts.Reader.TryRead(out var leaked), $"leadership saw an account change: {leaked?.FirstOrDefault()}");
        var leaderFeed = await Host.Get<ActivityService>().ListAsync(await Host.PrincipalAsync("leadership@demo.ma"), null, Capability.Accounts, 0, 50);
        Assert.Empty(leaderFeed.Items);
    }

    [Fact]
    public async Task ActivityFeed_ListsChangesNewestFirstAndFiltersByRegionAndCapability()
    {
        var (bodyId, member) = await SomeMemberAsync("SM", BodyKind.Youth);
        var input = MemberInput.From(member);
        input.Organisation = "Réseau des étudiants d'Agadir";
        await Host.Get<BodiesService>().UpdateMemberAsync(await Host.PrincipalAsync("officer.sm@demo.ma"), member.Id, input);
        var reader = await Host.PrincipalAsync("trainer@demo.ma");

        var forSm = await Host.Get<ActivityService>().ListAsync(reader, 9, Capability.Bodies, 0, 10);
        var forRsk = await Host.Get<ActivityService>().ListAsync(reader, 4, Capability.Bodies, 0, 10);
        var forRegions = await Host.Get<ActivityService>().ListAsync(reader, 9, Capability.Regions, 0, 10);

        var newest = forSm.Items[0];
        Assert.Equal(("Brahim Ait Lahcen", "Member", ChangeKind.Updated, member.FullName, $"/bodies/{bodyId}"), (newest.ActorName, newest.EntityType, newest.Kind, newest.Title, newest.Link));
        Assert.DoesNotContain(forRsk.Items, a => a.RegionId != 4);
        Assert.DoesNotContain(forRegions.Items, a => a.Capability != Capability.Regions);
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Tests.Realtime;

public sealed class PresenceRegistryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private readonly TwoServerBus _bus = new();
    private PresenceRegistry _presence = default!;

    private static readonly Actor s_khadija = new("u1", "Khadija Alami", WorkspaceRole.RegionalOfficer, 4);
    private static readonly Actor s_samira = new("u2", "Samira Benjelloun", WorkspaceRole.Administrator, null);

    public async Task InitializeAsync()
    {
        _presence = new PresenceRegistry(_bus, _clock, NullLogger<PresenceRegistry>.Instance);
        await _presence.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _presence.StopAsync(CancellationToken.None);
        _presence.Dispose();
    }

    [Fact]
    public void Viewers_OthersOnTheSamePage_AreListedButNotMe()
    {
        _presence.Connect("tab-a", s_khadija);
        _presence.Connect("tab-b", s_samira);
        _presence.SetLocation("tab-a", "body:12");
        _presence.SetLocation("tab-b", "body:12");

        Assert.Equal(["Samira Benjelloun"], _presence.Viewers("body:12", exceptUserId: "u1"));
        Assert.Empty(_presence.Viewers("body:13", exceptUserId: "u1"));
    }

    [Fact]
    public void Disconnect_TheTabDisappears_AndReturnsWithItsPageWhenItReconnects()
    {
        _presence.Connect("tab-b", s_samira);
        _presence.SetLocation("tab-b", "body:12");
        _presence.SetEditing("tab-b", "member:45");

        _presence.Disconnect("tab-b");
        Assert.Empty(_presence.Viewers("body:12", "u1"));
        Assert.Empty(_presence.Editors("member:45", "u1"));
        Assert.Empty(_presence.Online());

        _presence.Connect("tab-b", s_samira);
        Assert.Equal(["Samira Benjelloun"], _presence.Editors("member:45", "u1"));
    }

    [Fact]
    public void Leave_ThenLateUpdatesFromTheClosedTab_DoNotBringItBack()
    {
        _presence.Connect("tab-b", s_samira);
        _presence.Leave("tab-b");

        _presence.SetLocation("tab-b", "body:12");

        Assert.Empty(_presence.Online());
    }

    [Fact]
    public void RemoteSnapshots_AreMergedAndForgottenWhenTheServerFallsSilent()
    {
        _presence.Connect("tab-a", s_khadija);
        _bus.FromOtherServer(new PresenceSnapshot("server-b", [new PresenceEntry("tab-x", "u2", "Samira Benjelloun", "body:12", null)]));

        Assert.Equal(["Khadija Alami", "Samira Benjelloun"], _presence.Online().Select(u => u.DisplayName));
        Assert.Equal(["Samira Benjelloun"], _presence.Viewers("body:12", "u1"));

        _clock.Advance(PresenceRegistry.RemoteLifetime);

        Assert.Equal(["Khadija Alami"], _presence.Online().Select(u => u.DisplayName));
    }

    [Fact]
    public void Changes_AreSentToTheOtherServers()
    {
        _presence.Connect("tab-a", s_khadija);
        _presence.SetLocation("tab-a", "region:4");
        _clock.Advance(PresenceRegistry.Heartbeat);

        Assert.Contains(_bus.Sent, s => s.Entries.Any(e => e is { UserId: "u1", Location: "region:4" }));
    }

    /// <summary>The bus seam with another server on the far side: what it sends, and what we hear from it.</summary>
    private sealed class TwoServerBus : IWorkspaceBus
    {
        private Action<PresenceSnapshot>? _handler;

        public List<PresenceSnapshot> Sent { get; } = [];

        public string ServerId => "server-a";

        public void FromOtherServer(PresenceSnapshot snapshot) => _handler?.Invoke(snapshot);

        public Task PublishAsync(WorkspaceEvent workspaceEvent) => Task.CompletedTask;

        public Task PublishPresenceAsync(PresenceSnapshot snapshot)
        {
            lock (Sent)
            {
                Sent.Add(snapshot);
            }

            return Task.CompletedTask;
        }

        public IDisposable Subscribe(Action<WorkspaceEvent> handler) => new Nothing();

        public IDisposable SubscribePresence(Action<PresenceSnapshot> handler)
        {
            _handler = handler;
            return new Nothing();
        }

        private sealed class Nothing : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}

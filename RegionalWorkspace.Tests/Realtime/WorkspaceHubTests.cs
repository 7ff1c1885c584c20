using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Features.Bodies;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Realtime;

public sealed class WorkspaceHubTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private AppHost Host => fixture.Host;

    private async Task<MemberRow> ChangeAMemberAsync(string region, string officerEmail)
    {
        var bodyId = await Host.BodyIdAsync(region, BodyKind.EquityAndGender);
        var officer = await Host.PrincipalAsync(officerEmail);
        var member = (await Host.Get<BodiesService>().ListMembersAsync(officer, bodyId, null, 0, 1)).Items[0];
        var input = MemberInput.From(member);
        input.Organisation = $"Organisme {Guid.NewGuid():N}"[..30];
        await Host.Get<BodiesService>().UpdateMemberAsync(officer, member.Id, input);
        return member;
    }

    [Fact]
    public async Task JoinRegion_OwnRegion_ReceivesItsChanges()
    {
        await using var client = await HubClient.ConnectAsync(Host.BaseUrl, "officer.rsk@demo.ma");

        var feed = await client.Connection.InvokeAsync<RegionFeed>("JoinRegion", "RSK");
        var member = await ChangeAMemberAsync("RSK", "officer.rsk@demo.ma");

        Assert.Equal(4, feed.RegionId);
        var change = await client.NextAsync();
        Assert.Equal(("Member", member.Id, (int?)4), (change.EntityType, change.EntityId, change.RegionId));
    }

    [Fact]
    public async Task JoinRegion_AnOfficerOfAnotherRegion_IsRefusedAndReceivesNothing()
    {
        await using var client = await HubClient.ConnectAsync(Host.BaseUrl, "officer.rsk@demo.ma");

        var refusal = await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<RegionFeed>("JoinRegion", "SM"));
        await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync("JoinAllRegions"));
        await ChangeAMemberAsync("SM", "officer.sm@demo.ma");

        Assert.Contains("Error.OtherRegion", refusal.Message, StringComparison.Ordinal);
        // Join its own region and change something there: that change, not Souss-Massa's, is the first to arrive.
        await client.Connection.InvokeAsync<RegionFeed>("JoinRegion", "RSK");
        var own = await ChangeAMemberAsync("RSK", "officer.rsk@demo.ma");
        var first = await client.NextAsync();
        Assert.Equal((4, own.Id), (first.RegionId, first.EntityId));
    }

    [Fact]
    public async Task JoinAllRegions_Leadership_ReceivesEveryRegionsChanges()
    {
        await using var client = await HubClient.ConnectAsync(Host.BaseUrl, "leadership@demo.ma");
        await client.Connection.InvokeAsync("JoinAllRegions");

        await ChangeAMemberAsync("SM", "officer.sm@demo.ma");
        await ChangeAMemberAsync("RSK", "officer.rsk@demo.ma");

        var first = await client.NextAsync();
        var second = await client.NextAsync();
        Assert.Equal((9, 4), (first.RegionId, second.RegionId));
    }

    [Fact]
    public async Task JoinRegion_UnknownOrOversizedCode_IsRefused()
    {
        await using var client = await HubClient.ConnectAsync(Host.BaseUrl, "cese@demo.ma");

        await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<RegionFeed>("JoinRegion", "XYZ"));
        await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<RegionFeed>("JoinRegion", "RSK-RSK-RSK"));
    }

    [Fact]
    public async Task Message_OverTheSizeLimit_ClosesTheConnection()
    {
        await using var client = await HubClient.ConnectAsync(Host.BaseUrl, "cese@demo.ma");
        var closed = new TaskCompletionSource<Exception?>();
        client.Connection.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };

        _ = client.Connection.InvokeAsync<RegionFeed>("JoinRegion", new string('R', 20_000)).ContinueWith(_ => { }, TaskScheduler.Default);

        Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Equal(HubConnectionState.Disconnected, client.Connection.State);
    }

    [Fact]
    public async Task Connect_WithoutSignIn_IsRefused()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(Host.BaseUrl, WorkspaceHub.Path)).Build();

        var refusal = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refusal.StatusCode);
    }

    [Fact]
    public async Task Session_WrongPassword_IsRefusedWithoutACookie()
    {
        using var http = Host.CreateClient();

        using var response = await http.PostAsJsonAsync("/api/session", new { email = "arm@demo.ma", password = "nope" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("rw.auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DisabledAccount_LosesItsLiveFeedWithinSeconds()
    {
        var admin = await Host.PrincipalAsync("admin@demo.ma");
        var id = await Host.Get<AccountsService>().CreateAsync(admin, new AccountInput
        {
            Email = "wall.display@demo.ma",
            DisplayName = "Écran du hall",
            Role = WorkspaceRole.Leadership,
            Password = "Strong-Pass-1",
        });
        var cookies = await HubClient.SignInAsync(Host.BaseUrl, "wall.display@demo.ma", "Strong-Pass-1");
        await using var client = await HubClient.ConnectAsync(Host.BaseUrl, cookies);
        await client.Connection.InvokeAsync("JoinAllRegions");
        var closed = new TaskCompletionSource();
        client.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        await Host.Get<AccountsService>().SetDisabledAsync(admin, id, disabled: true);

        Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(15))));
    }
}

using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using RegionalWorkspace.Features.Accounts;
using RegionalWorkspace.Realtime;
using RegionalWorkspace.Tests.Infrastructure;
using static RegionalWorkspace.Tests.Features.Accounts.PermissionsMatrix;

namespace RegionalWorkspace.Tests.Features.Accounts;

/// <summary>
/// Every public method of <see cref="WorkspaceHub"/>, declared with the use case it needs, called over a real SignalR
/// connection as each demo account with Rabat-Salé-Kénitra's code (own region of officer.rsk) and Souss-Massa's
/// (another region for them): allowed calls return, refused ones end in a <see cref="HubException"/>.
/// </summary>
public sealed class PermissionsHubMatrixTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    /// <summary>A hub method: how to call it on a region's code, and the use case it needs on that region (null: any signed-in caller).</summary>
    private sealed record HubMethod(Func<HubConnection, string, Task> Call, UseCase? UseCase, bool RegionScoped);

    private static readonly Dictionary<string, HubMethod> s_methods = new()
    {
        [nameof(WorkspaceHub.JoinRegion)] = new((c, code) => c.InvokeAsync<RegionFeed>(nameof(WorkspaceHub.JoinRegion), code), UseCase.FollowRegionLive, RegionScoped: true),
        [nameof(WorkspaceHub.JoinAllRegions)] = new((c, _) => c.InvokeAsync(nameof(WorkspaceHub.JoinAllRegions)), UseCase.FollowRegionLive, RegionScoped: false),
        // Leaving a feed gives nothing away: anyone signed in may leave any region's.
        [nameof(WorkspaceHub.LeaveRegion)] = new((c, code) => c.InvokeAsync(nameof(WorkspaceHub.LeaveRegion), code), null, RegionScoped: true),
    };

    private static readonly Dictionary<string, int> s_regions = new() { ["RSK"] = Rsk, ["SM"] = Sm };

    [Fact]
    public void Methods_EveryPublicOneOfTheHub_IsDeclared()
    {
        var methods = typeof(WorkspaceHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync)))
            .Select(m => m.Name).ToList();

        Assert.True(methods.All(s_methods.ContainsKey), "Hub methods not declared in PermissionsHubMatrixTests: " + string.Join(", ", methods.Where(m => !s_methods.ContainsKey(m))));
        Assert.All(s_methods.Keys, name => Assert.Contains(name, methods));
    }

    public static TheoryData<string> Emails => new(Callers.Select(c => c.Email));

    [Theory]
    [MemberData(nameof(Emails))]
    public async Task Methods_AsEachAccount_AllowOrRefuseAsDeclared(string email)
    {
        var caller = Caller(email);
        await using var client = await HubClient.ConnectAsync(fixture.Host.BaseUrl, email);
        var failures = new List<string>();
        foreach (var (name, method) in s_methods)
        {
            foreach (var (code, regionId) in s_regions)
            {
                var expected = method.UseCase is not { } useCase || Expected(caller.Role, caller.RegionId, useCase, method.RegionScoped ? regionId : null);
                string? refusal = null;
                try
                {
                    await method.Call(client.Connection, code);
                }
                catch (HubException ex)
                {
                    refusal = ex.Message;
                }

                if (expected != (refusal is null))
                {
                    failures.Add($"{name}({code}) as {email}: expected {(expected ? "allowed" : "refused")}, got {(refusal is null ? "allowed" : "refused: " + refusal)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(HubConnectionState.Connected, client.Connection.State);
    }

    [Fact]
    public async Task Connect_Anonymous_IsRefused()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(fixture.Host.BaseUrl, WorkspaceHub.Path)).Build();
        await using (connection)
        {
            var ex = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, ex.StatusCode);
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using RegionalWorkspace.Realtime;

namespace RegionalWorkspace.Tests.Infrastructure;

/// <summary>A real SignalR client of <c>/hubs/workspace</c>, signed in through <c>POST /api/session</c>.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly Channel<WorkspaceEvent> _received = Channel.CreateUnbounded<WorkspaceEvent>();

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<WorkspaceEvent>(WorkspaceHub.ChangeMethod, e => _received.Writer.TryWrite(e));
    }

    public HubConnection Connection { get; }

    public static async Task<CookieContainer> SignInAsync(Uri baseUrl, string email, string password = RegionalWorkspace.Data.DemoData.Password)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = baseUrl };
        using var response = await http.PostAsJsonAsync("/api/session", new { email, password });
        response.EnsureSuccessStatusCode();
        return cookies;
    }

    public static async Task<HubClient> ConnectAsync(Uri baseUrl, string email)
    {
        var cookies = await SignInAsync(baseUrl, email);
        return await ConnectAsync(baseUrl, cookies);
    }

    public static async Task<HubClient> ConnectAsync(Uri baseUrl, CookieContainer cookies)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, WorkspaceHub.Path), o => o.Cookies = cookies)
            .Build();
        var client = new HubClient(connection);
        await connection.StartAsync();
        return client;
    }

    /// <summary>The next change received, or a <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<WorkspaceEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No change reached the hub client in time.");
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}

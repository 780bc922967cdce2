using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TradingOps.Core.Live;
using TradingOps.Core.Floor;
using TradingOps.Data.Calendar;
using TradingOps.Data.Floor;
using TradingOps.Tests.Floor;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Floor;
using TradingOps.Web.Identity;
using TradingOps.Web.Infrastructure;
using TradingOps.Web.Live;

namespace TradingOps.Tests.ScaleOut;

/// <summary>Two web nodes on loopback sharing one PostgreSQL database and one Redis server.</summary>
public sealed class TwoNodes(PostgreSqlServer postgres) : IAsyncLifetime
{
    public RedisServer Redis { get; } = new();
    public TradingOpsApp A { get; private set; } = null!;
    public TradingOpsApp B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["Database:ConnectionString"] = postgres.ConnectionString($"twonodes_{Guid.NewGuid():N}"),
            ["Redis:ConnectionString"] = Redis.ConnectionString,
            ["Redis:ChannelPrefix"] = $"test-{Guid.NewGuid():N}",
        };
        A = new TradingOpsApp { Settings = settings };
        _ = A.Server; // migrates and seeds first
        B = new TradingOpsApp { Settings = settings };
        _ = B.Server;
        await Task.WhenAll(ConnectedAsync(A), ConnectedAsync(B));
    }

    public static Task ConnectedAsync(TradingOpsApp node) => Eventually.FoundAsync(
        () => Task.FromResult(node.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected ? "connected" : null),
        TimeSpan.FromSeconds(30), "the node is connected to Redis");

    public async Task DisposeAsync()
    {
        A.Dispose();
        B.Dispose();
        await Redis.DisposeAsync();
    }
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class TwoNodeTests(PostgreSqlServer postgres) : IAsyncLifetime
{
    private readonly TwoNodes _nodes = new(postgres);

    public Task InitializeAsync() => _nodes.InitializeAsync();
    public Task DisposeAsync() => _nodes.DisposeAsync();

    /// <summary>Changes the calendar on node A (as an admin would) and waits for node B's circuits to hear of it.</summary>
    private async Task<WorkCalendarChanged?> ChangeOnAAndHearOnBAsync(int year, TimeSpan within)
    {
        var heard = new TaskCompletionSource<WorkCalendarChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _nodes.B.Services.GetRequiredService<ILiveEventSubscriptions>()
            .Subscribe<WorkCalendarChanged>(e => { if (e.Year == year) heard.TrySetResult(e); return Task.CompletedTask; });
        await using (var scope = _nodes.A.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(TradingOps.Core.Auditing.Actor.System("test"));
            await scope.ServiceProvider.GetRequiredService<CalendarAdminService>().SaveYearAsync(year, $"{year} 年节假日安排");
        }
        try
        {
            return await heard.Task.WaitAsync(within);
        }
        catch (TimeoutException)
        {
            return null; // not heard within the time allowed
        }
    }

    [Fact]
    public async Task A_change_made_on_node_A_reaches_the_circuits_of_node_B_within_one_second()
    {
        Assert.NotNull(await ChangeOnAAndHearOnBAsync(2031, TimeSpan.FromSeconds(1)));
        // ...and node B's cached calendar follows: it now knows the year entered on node A.
        var calendar = await _nodes.B.Services.GetRequiredService<TradingOps.Core.Calendar.IWorkdayCalendarProvider>().GetAsync();
        Assert.True(calendar.IsYearKnown(2031));
    }

    [Fact]
    public async Task A_hub_client_connected_to_node_B_receives_a_change_made_on_node_A_within_one_second()
    {
        var booking = await FloorTestSupport.BookingAsync(_nodes.A.Services, "K205", SessionPhase.CheckedIn);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_nodes.B.Server.BaseAddress, FloorHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => _nodes.B.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling; // the in-memory test server has no sockets
            })
            .Build();
        var received = new TaskCompletionSource<FloorPush>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<FloorPush>(nameof(IFloorClient.FloorChanged), push =>
        {
            if (push.BookingId == booking.Id) received.TrySetResult(push);
        });
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(FloorHub.JoinRoom), booking.RoomId);

        await FloorTestSupport.CommandAsync(_nodes.A.Services, booking.Id, SessionCommand.Start);

        var push = await received.Task.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(booking.RoomId, push.RoomId);
        Assert.Equal("start", push.Change);
    }

    [Fact]
    public async Task A_sign_in_on_node_A_is_honoured_by_node_B()
    {
        using var a = _nodes.A.NewClient();
        var signedIn = await TradingOpsApp.SignInAsync(a, "duty", IdentitySeeder.DemoPassword);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("TradingOps.Auth=")).Split(';')[0];

        using var b = _nodes.B.NewClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/projects");
        request.Headers.Add("Cookie", cookie);
        var response = await b.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task With_Redis_down_both_nodes_keep_serving_say_what_is_degraded_and_resume_cross_node_updates_when_it_returns()
    {
        await _nodes.Redis.StopAsync();
        await Eventually.FoundAsync(() => Task.FromResult(
                _nodes.A.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected ? null : "down"),
            TimeSpan.FromSeconds(30), "node A notices Redis is gone");

        // Each node keeps serving its own users: a change on A saves and does not fail.
        Assert.Null(await ChangeOnAAndHearOnBAsync(2032, TimeSpan.FromMilliseconds(500)));
        using var client = _nodes.A.NewClient();
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode); // degraded, still ready to serve
        var body = await ready.Content.ReadAsStringAsync();
        Assert.Contains("\"Degraded\"", body);
        Assert.Contains("跨节点实时更新暂停", body);
        Assert.Equal(HttpStatusCode.OK, (await _nodes.B.NewClient().GetAsync("/account/login")).StatusCode);

        await _nodes.Redis.StartAsync();
        await Task.WhenAll(TwoNodes.ConnectedAsync(_nodes.A), TwoNodes.ConnectedAsync(_nodes.B));
        var resumed = await Eventually.FoundAsync(() => ChangeOnAAndHearOnBAsync(2033, TimeSpan.FromSeconds(2)),
            TimeSpan.FromSeconds(30), "cross-node updates resume after Redis returns");
        Assert.Equal(2033, resumed.Year);
    }
}

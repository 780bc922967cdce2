using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Data;
using TradingOps.Data.Queue;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Floor;
using TradingOps.Web.Wall;
using TradingOps.Web.Live;
using TradingOps.Web.Queue;

namespace TradingOps.Tests.Queue;

/// <summary>
/// A change costs the database the action's own commands, whatever is open: 12 window consoles, the wall's queue
/// panel, 4 door plates and 2 hall displays (fed through the hall hub's forwarder) read this node's queue model,
/// which applies the change from the event itself. Commands are counted by an EF Core command interceptor.
/// </summary>
public sealed class QueueRoundTripTests : SqliteLiveBunitContext, IAsyncLifetime
{
    public const int Windows = 12;
    private readonly DbCommandCounter _commands = new();
    private readonly StubHallHub _hall = new();

    protected override void AddServices(IServiceCollection services)
    {
        services.ConfigureDbContext<SqliteTradingOpsDbContext>((_, o) => o.AddInterceptors(_commands), ServiceLifetime.Scoped);
        // The bus as the web host has it for hall displays: ticket changes go to the hall hub's groups.
        services.AddSingleton<LiveEventBus>(_ => new LiveEventBus([new QueueHallForwarder(_hall, NullLogger<QueueHallForwarder>.Instance)],
            NullLogger<LiveEventBus>.Instance));
        AddAuthorization().SetAuthorized("clerk"); // the consoles' status bars ask who is looking
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync(); // MudBlazor's services are async-disposable only

    public sealed record Counter(Zone Zone, ServiceType Type, IReadOnlyList<ServiceWindow> Windows, IReadOnlyList<Staff> Clerks, IReadOnlyList<Room> Rooms);

    /// <summary>A hall of <paramref name="windows"/> windows serving one type, a clerk signed on at each, 4 rooms with door plates.</summary>
    public static async Task<Counter> CounterAsync(IServiceProvider services, int windows = Windows)
    {
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var center = new Center("W", "测试中心", null);
        var zone = new Zone(center.Id, "公共服务区", ZoneKind.PublicService, "1F");
        var type = new ServiceType("A", "项目登记受理", 1);
        var clerks = Enumerable.Range(1, windows).Select(i => Clerks.NewStaff($"E{i:000}", $"窗口人员{i}")).ToList();
        var all = Enumerable.Range(1, windows).Select(i => new ServiceWindow(zone.Id, i, $"{i}号窗口", [type])).ToList();
        for (var i = 0; i < windows; i++) all[i].SignOn(WindowClerk.Of(clerks[i]), DateTimeOffset.UtcNow);
        var rooms = Enumerable.Range(1, 4).Select(i => new Room(zone.Id, $"K20{i}", $"第{i}开标室", RoomType.BidOpeningRoom, 40, 0)).ToList();
        await using var db = await services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        db.AddRange(center, zone, type);
        db.AddRange(all);
        db.AddRange(rooms);
        db.AddClerks([.. clerks]);
        await db.SaveChangesAsync();
        return new Counter(zone, type, all, clerks, rooms);
    }

    /// <summary>Commands the action costs, counted until every screen has handled what it published.</summary>
    private async Task<long> CommandsAsync(Func<Task> action)
    {
        var bus = Services.GetRequiredService<LiveEventBus>();
        await bus.DeliveredAsync();
        _commands.Reset();
        await action();
        await bus.DeliveredAsync(); // the model applied the change and told the screens
        await bus.DeliveredAsync(); // the screens handled the model's notice
        return _commands.Count;
    }

    private readonly List<IRenderedComponent<WindowConsole>> _consoles = [];
    private IRenderedComponent<QueueWallPanel>? _wall;

    private void OpenEverything(Counter counter)
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        JSInterop.Mode = JSRuntimeMode.Loose;
        for (var i = 1; i <= Windows; i++)
        {
            var number = i;
            _consoles.Add(Render<WindowConsole>(p => p.Add(c => c.Number, number)));
        }
        _wall = Render<QueueWallPanel>();
        foreach (var room in counter.Rooms) Render<DoorPlate>(p => p.Add(c => c.Code, room.Code));
        for (var i = 0; i < 2; i++) Render<HallDisplay>(p => p.Add(c => c.ZoneId, counter.Zone.Id));
    }

    [Fact]
    public async Task Call_next_costs_the_same_commands_with_twelve_consoles_the_wall_door_plates_and_hall_displays_open_as_with_nothing_open()
    {
        var counter = await CounterAsync(Services);
        var kiosk = Services.GetRequiredService<QueueService>();
        for (var i = 0; i < 4; i++) await kiosk.IssueAsync(counter.Type.Id, TicketChannel.Kiosk);

        // Nothing open: window 1 calls.
        var alone = await CommandsAsync(() => Services.QueueAs(counter.Clerks[0]).CallNextAsync(counter.Windows[0].Id));

        OpenEverything(counter);
        var model = Services.GetRequiredService<QueueReadModel>();
        await Services.GetRequiredService<LiveEventBus>().DeliveredAsync();
        var builds = model.Builds;

        // Everything open: window 2 calls (the same action on the same queue).
        var open = await CommandsAsync(() => Services.QueueAs(counter.Clerks[1]).CallNextAsync(counter.Windows[1].Id));

        Assert.True(open <= alone, $"call next cost {alone} commands alone, {open} with every screen open:\n{string.Join("\n", _commands.Log)}");
        Assert.Equal(builds, model.Builds); // the model applied the call from the event: no re-read
        Assert.Equal(1, builds);           // and was read once, when the first screen opened
        // Every screen shows it: the wall has both windows' tickets, window 2's console its ticket, the halls got the call.
        Assert.Contains(_hall.Sent, m => m.IsCall && m.Code == "A002" && m.WindowNumber == 2 && m.Waiting is { Count: 1 } w && w[0].Waiting == 2);
        var wall = _wall!;
        wall.WaitForAssertion(() => Assert.Contains("A002", wall.Find("[data-testid=wall-window-2]").TextContent));
        var console2 = _consoles[1];
        console2.WaitForAssertion(() => Assert.Contains("A002", console2.Markup));
    }

    [Fact]
    public async Task Finish_and_transfer_cost_the_same_commands_whatever_is_open()
    {
        var counter = await CounterAsync(Services);
        var kiosk = Services.GetRequiredService<QueueService>();
        for (var i = 0; i < 4; i++) await kiosk.IssueAsync(counter.Type.Id, TicketChannel.Kiosk);
        var first = Services.QueueAs(counter.Clerks[0]);
        var second = Services.QueueAs(counter.Clerks[1]);
        var a = (await first.CallNextAsync(counter.Windows[0].Id))!;
        var b = (await second.CallNextAsync(counter.Windows[1].Id))!;
        await first.StartServingAsync(a.Id);

        var finishAlone = await CommandsAsync(() => first.FinishAsync(a.Id, ServiceOutcome.Completed, null));
        var transferAlone = await CommandsAsync(() => second.TransferAsync(b.Id, counter.Type.Id, counter.Windows[2].Id));

        var c = (await Services.QueueAs(counter.Clerks[0]).CallNextAsync(counter.Windows[0].Id))!;
        var d = (await Services.QueueAs(counter.Clerks[3]).CallNextAsync(counter.Windows[3].Id))!;
        await first.StartServingAsync(c.Id);
        OpenEverything(counter);
        await Services.GetRequiredService<LiveEventBus>().DeliveredAsync();

        var finishOpen = await CommandsAsync(() => first.FinishAsync(c.Id, ServiceOutcome.Completed, null));
        var transferOpen = await CommandsAsync(() => Services.QueueAs(counter.Clerks[3]).TransferAsync(d.Id, counter.Type.Id, counter.Windows[2].Id));

        Assert.True(finishOpen <= finishAlone, $"finish: {finishAlone} alone, {finishOpen} open");
        Assert.True(transferOpen <= transferAlone, $"transfer: {transferAlone} alone, {transferOpen} open");
        // Window 3's console shows both tickets sent to it as next up, from the events alone.
        var console3 = _consoles[2];
        console3.WaitForAssertion(() => Assert.Contains(d.Code, console3.Find("[data-testid=next-up]").TextContent));
    }
}

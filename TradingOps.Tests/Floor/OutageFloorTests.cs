using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Floor;
using TradingOps.Web.Live;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Floor;

/// <summary>Outages on the live floor: the read model holds them from their events and derives OutOfService on its clock.</summary>
public sealed class OutageFloorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(Nine.AddHours(-1)); // 08:00 local
    private ServiceProvider _services = default!;
    private readonly LiveEventBus _bus = new([], NullLogger<LiveEventBus>.Instance);
    private readonly List<FloorChanged> _changes = [];
    private Room _room = default!, _evaluation = default!;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), Actor.User("u1", "desk"), clock: _clock);
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("TEST", "测试中心", "测试地址");
        var zone = new Zone(center.Id, "评标区", ZoneKind.Evaluation, "3F");
        _room = new Room(zone.Id, "P301", "第一评标室", RoomType.EvaluationRoom, 13, 9);
        _evaluation = new Room(zone.Id, "P302", "第二评标室", RoomType.EvaluationRoom, 13, 9);
        db.AddRange(center, zone, _room, _evaluation);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private OutageService Outages()
    {
        var scope = _services.CreateScope().ServiceProvider;
        return new OutageService(scope.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>(), scope.GetRequiredService<ICurrentActor>(),
            _bus, _clock, Options.Create(new FloorOptions()));
    }

    [Fact]
    public async Task A_whole_room_outage_shows_the_room_out_of_service_only_while_active_and_the_clock_watcher_pushes_its_start_and_end()
    {
        using var _ = _bus.Subscribe<FloorChanged>(e => { lock (_changes) _changes.Add(e); return Task.CompletedTask; });
        using var model = new SharedFloorSnapshot(_services.GetRequiredService<IServiceScopeFactory>(), _clock, _bus);
        var watcher = new FloorClockWatcher(model, _bus, _bus, NullLogger<FloorClockWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);
        await TickAsync();
        var reads = model.Reads;

        var outage = (await Outages().CreateAsync(new OutageRequest(_room.Id, Nine, Nine.AddHours(2), null, "空调故障维修"))).Outage;
        await Outages().CreateAsync(new OutageRequest(_evaluation.Id, Nine, Nine.AddHours(2), 3, "三台评标终端故障"));
        await _bus.DeliveredAsync();
        Assert.Equal(["outage", "outage"], _changes.Select(c => c.Change));

        var floor = await model.TodayAsync();
        Assert.Equal(reads, model.Reads); // applied from the events, no read
        Assert.Equal(RoomState.Free, State(floor, "P301"));

        _clock.Advance(TimeSpan.FromMinutes(61)); // 09:01: the outage has begun
        await TickAsync();
        floor = await model.TodayAsync();
        Assert.Equal(RoomState.OutOfService, State(floor, "P301"));
        Assert.Equal(RoomState.Free, State(floor, "P302")); // some seats out: the room is still in service
        var started = Assert.IsType<RoomStateChanged>(_changes.Last());
        Assert.Equal((_room.Id, RoomState.OutOfService), (started.RoomId, started.To));
        var shown = floor.Rooms.Single(r => r.Code == "P301").Public(_clock.GetUtcNow(), model.UpcomingWindow).Shown;
        Assert.Equal((RoomState.OutOfService, "空调故障维修"), (shown.State, shown.OutOfServiceReason));

        _clock.Advance(TimeSpan.FromMinutes(30));
        await Outages().ReturnToServiceAsync(outage.Id); // back early at 09:31
        await _bus.DeliveredAsync();
        floor = await model.TodayAsync();
        Assert.Equal(RoomState.Free, State(floor, "P301"));
        Assert.Equal(reads, model.Reads);
        await watcher.StopAsync(CancellationToken.None);

        RoomState State(FloorSnapshot floor, string code) => floor.Rooms.Single(r => r.Code == code).StatusAt(_clock.GetUtcNow(), TimeSpan.Zero).State;
    }

    private async Task TickAsync()
    {
        await _bus.PublishAsync(new ClockTick(_clock.GetUtcNow()));
        await _bus.DeliveredAsync();
        await _bus.DeliveredAsync();
    }
}

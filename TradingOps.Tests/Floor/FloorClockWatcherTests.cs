using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Floor;
using TradingOps.Web.Live;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Floor;

public sealed class FloorClockWatcherTests
{
    [FullLane]
    [Fact]
    public async Task When_the_clock_passes_a_sessions_end_the_room_is_pushed_as_changed_with_no_command()
    {
        var clock = new FakeTimeProvider(Nine.AddMinutes(50));
        await using var services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), clock: clock);
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        Guid roomId;
        await using (var db = await services.NewContextAsync())
        {
            var center = new Center("TEST", "测试中心", "测试地址");
            var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
            var room = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
            db.AddRange(center, zone, room, Running(room, Nine, Nine.AddHours(1)));
            await db.SaveChangesAsync();
            roomId = room.Id;
        }
        var bus = new LiveEventBus([], NullLogger<LiveEventBus>.Instance);
        var changes = new List<FloorChanged>();
        using var _ = bus.Subscribe<FloorChanged>(e => { lock (changes) changes.Add(e); return Task.CompletedTask; });
        using var model = new SharedFloorSnapshot(services.GetRequiredService<IServiceScopeFactory>(), clock, bus);
        var watcher = new FloorClockWatcher(model, bus, bus, NullLogger<FloorClockWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);

        await TickAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        await TickAsync();
        Assert.Empty(changes); // still in session

        clock.Advance(TimeSpan.FromMinutes(6)); // 10:01, past the booked end
        await TickAsync();
        var change = Assert.Single(changes);
        Assert.Equal(roomId, change.RoomId);
        Assert.Equal("state", change.Change);
        Assert.Contains(LiveTopics.Room(roomId), change.Topics);
        await watcher.StopAsync(CancellationToken.None);

        async Task TickAsync()
        {
            await bus.PublishAsync(new ClockTick(clock.GetUtcNow()));
            await bus.DeliveredAsync(); // the watcher has handled the tick (and queued what it published)
            await bus.DeliveredAsync(); // ... and the test's subscriber has handled that
        }
    }
}

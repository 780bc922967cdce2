using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Floor;

/// <summary>The booking form's reads: every fitting room's free slots of a day, and the check of one room and times.</summary>
public sealed class AvailabilityQueriesTests : IAsyncLifetime
{
    private static readonly DateOnly Tomorrow = new(2026, 11, 24);
    private readonly FakeTimeProvider _clock = new(Nine.AddHours(-2)); // 07:00 on 2026-11-23
    private readonly DbCommandCounter _commands = new();
    private ServiceProvider _services = default!;
    private Zone _zone = default!;

    private static DateTimeOffset At(int h, int m = 0) => CenterTime.At(Tomorrow, new(h, m));

    private static string Text(IEnumerable<FreeSlot> slots) =>
        string.Join(",", slots.Select(s => $"{CenterTime.ToLocal(s.From):HH:mm}-{CenterTime.ToLocal(s.Until):HH:mm}"));

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), Actor.User("u1", "desk"), clock: _clock,
            configure: s => s.AddDbInterceptors(_commands));
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("TEST", "测试中心", null);
        _zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        var k201 = new Room(_zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        var k202 = new Room(_zone.Id, "K202", "第二开标室", RoomType.BidOpeningRoom, 30, 0);
        var k203 = new Room(_zone.Id, "K203", "第三开标室", RoomType.BidOpeningRoom, 40, 0);
        k203.TakeOutOfService("音响系统改造");
        var p301 = new Room(_zone.Id, "P301", "第一评标室", RoomType.EvaluationRoom, 12, 7);
        var booked = new RoomBooking(k201, null, "GC-2026-0001", "示范工程施工", "华信招标代理有限公司", BookingPurpose.BidOpening, 20,
            At(9), At(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "desk", _clock.GetUtcNow());
        var cancelled = new RoomBooking(k201, null, "GC-2026-0002", "已取消的项目", null, BookingPurpose.BidOpening, 20,
            At(15), At(16), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "desk", _clock.GetUtcNow());
        cancelled.Cancel("项目暂停", _clock.GetUtcNow());
        var outage = new RoomOutage(k202, At(12), At(14), null, "空调维修", "desk", _clock.GetUtcNow());
        db.AddRange(center, _zone, k201, k202, k203, p301, booked, cancelled, outage);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private AvailabilityQueries Queries() => _services.CreateScope().ServiceProvider.GetRequiredService<AvailabilityQueries>();

    [Fact]
    public async Task Every_fitting_room_is_listed_with_its_free_slots_around_bookings_and_outages_and_unfit_rooms_are_left_out()
    {
        var day = await Queries().DayAsync(Tomorrow, BookingPurpose.BidOpening, 20);

        Assert.Equal(["K201", "K202"], day.Rooms.Select(r => r.Code)); // K203 out of service, P301 an evaluation room
        Assert.Equal("07:30-08:30,10:30-21:30", Text(day.Rooms[0].Free)); // the cancelled 15:00 booking holds nothing
        Assert.Equal("GC-2026-0001", Assert.Single(day.Rooms[0].Bookings).ProjectCode);
        Assert.Equal("07:30-11:45,14:15-21:30", Text(day.Rooms[1].Free));
        Assert.Equal("空调维修", Assert.Single(day.Rooms[1].Outages).Reason);

        var big = await Queries().DayAsync(Tomorrow, BookingPurpose.BidOpening, 35);
        Assert.Equal(["K201"], big.Rooms.Select(r => r.Code)); // K202 holds 30
        var evaluation = await Queries().DayAsync(Tomorrow, BookingPurpose.Evaluation, 7);
        Assert.Equal(["P301"], evaluation.Rooms.Select(r => r.Code));
    }

    [Fact]
    public async Task Free_slots_of_a_day_cost_three_reads_whatever_the_number_of_rooms()
    {
        _commands.Reset();
        await Queries().DayAsync(Tomorrow, BookingPurpose.BidOpening, 20);
        Assert.True(_commands.Count == 3, _commands.Since(0));

        await using (var db = await _services.NewContextAsync())
        {
            var more = Enumerable.Range(11, 20).Select(i => new Room(_zone.Id, $"K2{i}", $"开标室{i}", RoomType.BidOpeningRoom, 40, 0)).ToList();
            db.AddRange(more);
            db.AddRange(more.Select(r => new RoomBooking(r, null, $"GC-2026-{r.Code}", "示范工程施工", null, BookingPurpose.BidOpening, 20,
                At(10), At(11), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "desk", _clock.GetUtcNow())));
            await db.SaveChangesAsync();
        }
        _commands.Reset();
        var day = await Queries().DayAsync(Tomorrow, BookingPurpose.BidOpening, 20);
        Assert.Equal(22, day.Rooms.Count);
        Assert.True(_commands.Count == 3, _commands.Since(0));
    }

    [Fact]
    public async Task A_chosen_room_and_times_are_checked_naming_the_conflicting_booking_and_buffer_the_outage_or_opening_hours()
    {
        var rooms = (await Queries().DayAsync(Tomorrow, BookingPurpose.BidOpening, 20)).Rooms;
        var k201 = rooms.Single(r => r.Code == "K201").RoomId;
        var k202 = rooms.Single(r => r.Code == "K202").RoomId;

        var conflict = await Queries().CheckAsync(k201, BookingPurpose.BidOpening, 20, At(10, 20), At(11));
        Assert.False(conflict.Ok);
        Assert.Equal("GC-2026-0001", Assert.Single(conflict.Conflicts).ProjectCode);
        Assert.Contains("与 GC-2026-0001（09:00-10:00，清场至 10:15）冲突", Assert.Single(conflict.Refusals).Message);

        var outage = await Queries().CheckAsync(k202, BookingPurpose.BidOpening, 20, At(13), At(15));
        Assert.Equal("第二开标室 在 11-24 12:00 至 11-24 14:00 停用：空调维修", Assert.Single(outage.Refusals).Message);

        var late = await Queries().CheckAsync(k202, BookingPurpose.BidOpening, 20, At(21), At(22));
        Assert.Equal("Booking.OutsideOpeningHours", Assert.Single(late.Refusals).Code);

        var free = await Queries().CheckAsync(k201, BookingPurpose.BidOpening, 20, At(10, 30), At(12));
        Assert.True(free.Ok);
        Assert.Empty(free.Conflicts);
    }
}

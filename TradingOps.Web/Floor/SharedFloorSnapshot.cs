using Microsoft.Extensions.Options;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Data.Floor;
using TradingOps.Web.Live;

namespace TradingOps.Web.Floor;

/// <summary>
/// The floor read model of this node: today's floor, read from the database once and then kept up to date in memory
/// from the changes themselves (each <see cref="BookingChanged"/> carries the booking's new row). Every floor screen
/// of the node reads it: the floor board, the wall's floor panels, door plates (one room), the public page and feed
/// (through <see cref="PublicFloorModel"/>), and the clock watcher that derives time-driven states. A change costs no
/// read; the floor is read again at start, on <see cref="LiveResync"/>, at the day's rollover, and when a change is
/// about a room the model does not hold (see <see cref="LiveReadModel{TState, TChange}"/>). A change builds the next
/// snapshot; rooms it does not touch are shared with the previous one.
/// </summary>
public sealed class SharedFloorSnapshot : LiveReadModel<FloorSnapshot, FloorChanged>
{
    private readonly TimeProvider _clock;

    public SharedFloorSnapshot(IServiceScopeFactory scopes, TimeProvider clock, ILiveEventSubscriptions live) : base(scopes, live)
    {
        _clock = clock;
        using var scope = scopes.CreateScope();
        UpcomingWindow = TimeSpan.FromMinutes(scope.ServiceProvider.GetRequiredService<IOptions<FloorOptions>>().Value.UpcomingMinutes);
    }

    /// <summary>How long before its start a booking makes its room "upcoming" (Floor:UpcomingMinutes).</summary>
    public TimeSpan UpcomingWindow { get; }

    /// <summary>
    /// Today's floor including <paramref name="change"/> (the change a screen is reacting to); without it, the
    /// model as it stands. Reads the database only when the model is not built (start, resync, new day).
    /// </summary>
    public Task<FloorSnapshot> TodayAsync(FloorChanged? change = null) => CurrentAsync(change);

    protected override Task<FloorSnapshot> ReadAsync(IServiceProvider services) =>
        services.GetRequiredService<FloorQueries>().TodayAsync();

    protected override bool IsCurrent(FloorSnapshot floor) => floor.Day == CenterTime.Today(_clock);

    /// <summary>The floor with the booking's new row in place (a state moved with the clock changes nothing held),
    /// or null when the model does not hold the booking's room.</summary>
    protected override FloorSnapshot? Applied(FloorSnapshot floor, FloorChanged change)
    {
        if (change is RoomOutageChanged outageChanged) return WithOutage(floor, outageChanged.Outage);
        if (change is not BookingChanged changed) return floor;
        var row = changed.Booking;
        if (!floor.Rooms.Any(r => r.Id == row.RoomId)) return null;
        var booking = RoomBooking.FromRow(row);
        var shown = booking.IsOnFloor(floor.DayStart, floor.DayEnd);
        var rooms = floor.Rooms.Select(room =>
        {
            var had = room.Bookings.Any(b => b.Id == row.Id);
            var gets = shown && room.Id == row.RoomId;
            if (!had && !gets) return room; // untouched rooms are shared with the previous snapshot
            var bookings = room.Bookings.Where(b => b.Id != row.Id);
            if (gets) bookings = bookings.Append(booking);
            return room with { Bookings = bookings.OrderBy(b => b.StartsAt).ToList() };
        }).ToList();
        return floor with { Rooms = rooms };
    }

    /// <summary>The floor with the outage's new row in place (kept while it touches the day), or null when the model
    /// does not hold its room.</summary>
    private static FloorSnapshot? WithOutage(FloorSnapshot floor, OutageRow row)
    {
        if (!floor.Rooms.Any(r => r.Id == row.RoomId)) return null;
        var outage = RoomOutage.FromRow(row);
        var touches = outage.Covers(floor.DayStart, floor.DayEnd);
        var rooms = floor.Rooms.Select(room =>
        {
            if (room.Id != row.RoomId) return room;
            var outages = room.Outages.Where(o => o.Id != row.Id);
            if (touches) outages = outages.Append(outage);
            return room with { Outages = outages.OrderBy(o => o.From).ToList() };
        }).ToList();
        return floor with { Rooms = rooms };
    }
}

/// <summary>
/// The floor read model as anonymous screens may read it: the public page and feed, door plates. Only the public
/// projection comes out (rooms and <see cref="ShownRoom"/>s, never bookings), so none of them can show what it drops.
/// </summary>
public sealed class PublicFloorModel(SharedFloorSnapshot model, TimeProvider clock)
{
    /// <summary>Today's floor through the public projection.</summary>
    public async Task<PublicFloor> TodayAsync() => (await model.TodayAsync()).Public(clock.GetUtcNow(), model.UpcomingWindow);

    /// <summary>One room through the public projection (a door plate projects its room alone); null for an unknown code.</summary>
    public async Task<PublicRoom?> RoomAsync(string code)
    {
        var floor = await model.TodayAsync();
        var room = floor.Rooms.FirstOrDefault(r => string.Equals(r.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
        return room?.Public(clock.GetUtcNow(), model.UpcomingWindow);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Floor;

public sealed record FloorRoom(Guid Id, string Code, string Name, RoomType Type, int Capacity, int EvaluationSeats,
    bool InService, string? OutOfServiceReason, Guid ZoneId, string ZoneName, string? ZoneFloor, IReadOnlyList<RoomBooking> Bookings)
{
    /// <summary>The room's outages touching the day (whole room or seats, planned, active or ended early).</summary>
    public IReadOnlyList<RoomOutage> Outages { get; init; } = [];

    /// <summary>In service at <paramref name="now"/>: not taken out indefinitely, and no whole-room outage active then.</summary>
    public bool InServiceAt(DateTimeOffset now) => InService && RoomOutage.TakingRoomAt(Outages, now) is null;

    /// <summary>Why the room is out of service at <paramref name="now"/> (the indefinite reason, else the active outage's).</summary>
    public string? OutOfServiceReasonAt(DateTimeOffset now) =>
        !InService ? OutOfServiceReason : RoomOutage.TakingRoomAt(Outages, now)?.Reason;

    public RoomStatus StatusAt(DateTimeOffset now, TimeSpan upcomingWindow) => RoomStates.Derive(InServiceAt(now), Bookings, now, upcomingWindow);

    /// <summary>The room as a screen for <paramref name="audience"/> may show it (the one public projection).</summary>
    public ShownRoom Shown(DateTimeOffset now, TimeSpan upcomingWindow, FloorAudience audience) =>
        PublicProjection.Room(Type, InServiceAt(now), OutOfServiceReasonAt(now), Bookings, now, upcomingWindow, audience);

    /// <summary>The room as a public screen (door plate, public page and feed) has it.</summary>
    public PublicRoom Public(DateTimeOffset now, TimeSpan upcomingWindow) =>
        new(Id, Code, Name, Type, Capacity, ZoneName, Shown(now, upcomingWindow, FloorAudience.Public));
}

/// <summary>
/// Today's floor for anonymous screens (door plates, the public page, the public feed), already through the public
/// projection: they get rooms and <see cref="ShownRoom"/>s, never bookings, so none can show what the projection drops.
/// </summary>
public sealed class PublicFloorQueries(FloorQueries floor, TimeProvider clock)
{
    public async Task<PublicFloor> TodayAsync(CancellationToken ct = default)
    {
        var snapshot = await floor.TodayAsync(ct: ct);
        return snapshot.Public(clock.GetUtcNow(), floor.UpcomingWindow);
    }
}

/// <summary>Today's floor as read once: every bookable room with its bookings of the day. States are derived
/// from it against the clock, so a clock tick needs no new read.</summary>
public sealed record FloorSnapshot(DateOnly Day, DateTimeOffset DayStart, DateTimeOffset DayEnd, IReadOnlyList<FloorRoom> Rooms, DateTimeOffset ReadAt)
{
    /// <summary>The floor as public screens get it (through the public projection, rooms and no bookings).</summary>
    public PublicFloor Public(DateTimeOffset now, TimeSpan upcomingWindow) =>
        new(Day, now, Rooms.Select(r => r.Public(now, upcomingWindow)).ToList());
}

public sealed class FloorQueries(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock, IOptions<FloorOptions> options)
{
    public TimeSpan UpcomingWindow => TimeSpan.FromMinutes(options.Value.UpcomingMinutes);

    public async Task<FloorSnapshot> TodayAsync(Guid? roomId = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var day = CenterTime.Today(clock);
        var (start, end) = CenterTime.DayBounds(day);
        await using var db = await factory.CreateDbContextAsync(ct);
        // Every value the queries use is a plain local: EF Core evaluates any other expression over captured values
        // (a "roomId == null" test, a date computed in the query) by compiling it on every run, and the discarded
        // dynamic methods then cost the finalizer more than the query itself. Walls read this on every change.
        var roomQuery = db.Rooms.AsNoTracking();
        var bookingQuery = db.RoomBookings.AsNoTracking();
        if (roomId is { } only)
        {
            roomQuery = roomQuery.Where(r => r.Id == only);
            bookingQuery = bookingQuery.Where(b => b.RoomId == only);
        }
        var rooms = await roomQuery
            .Join(db.Zones, r => r.ZoneId, z => z.Id, (r, z) => new { Room = r, Zone = z })
            .ToListAsync(ct);
        var bookings = await bookingQuery
            .Where(RoomBooking.OnFloor(start, end))
            .ToListAsync(ct);
        var byRoom = bookings.ToLookup(b => b.RoomId);
        var outageQuery = db.RoomOutages.AsNoTracking();
        if (roomId is { } one) outageQuery = outageQuery.Where(o => o.RoomId == one);
        var outages = (await outageQuery.Where(o => o.From < end && o.Until > start).ToListAsync(ct))
            .Where(o => o.EffectiveUntil > start).ToLookup(o => o.RoomId);
        var list = rooms
            .OrderBy(x => x.Zone.Floor).ThenBy(x => x.Zone.Name).ThenBy(x => x.Room.Code)
            .Select(x => new FloorRoom(x.Room.Id, x.Room.Code, x.Room.Name, x.Room.Type, x.Room.Capacity, x.Room.EvaluationSeats,
                x.Room.InService, x.Room.OutOfServiceReason, x.Zone.Id, x.Zone.Name, x.Zone.Floor,
                byRoom[x.Room.Id].OrderBy(b => b.StartsAt).ToList()) { Outages = outages[x.Room.Id].OrderBy(o => o.From).ToList() })
            .ToList();
        return new FloorSnapshot(day, start, end, list, now);
    }
}

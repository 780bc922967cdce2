using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Floor;

public sealed record FloorRoom(Guid Id, string Code, string Name, RoomType Type, int Capacity, int EvaluationSeats,
    bool InService, string? OutOfServiceReason, Guid ZoneId, string ZoneName, string? ZoneFloor, IReadOnlyList<RoomBooking> Bookings)
{
    public RoomStatus StatusAt(DateTimeOffset now, TimeSpan upcomingWindow) => RoomStates.Derive(InService, Bookings, now, upcomingWindow);

    /// <summary>The room as a screen for <paramref name="audience"/> may show it (the one public projection).</summary>
    public ShownRoom Shown(DateTimeOffset now, TimeSpan upcomingWindow, FloorAudience audience) =>
        PublicProjection.Room(Type, InService, OutOfServiceReason, Bookings, now, upcomingWindow, audience);
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
        var now = clock.GetUtcNow();
        return new PublicFloor(snapshot.Day, now, snapshot.Rooms
            .Select(r => new PublicRoom(r.Id, r.Code, r.Name, r.Type, r.Capacity, r.ZoneName, r.Shown(now, floor.UpcomingWindow, FloorAudience.Public)))
            .ToList());
    }
}

/// <summary>Today's floor as read once: every bookable room with its bookings of the day. States are derived
/// from it against the clock, so a clock tick needs no new read.</summary>
public sealed record FloorSnapshot(DateOnly Day, DateTimeOffset DayStart, DateTimeOffset DayEnd, IReadOnlyList<FloorRoom> Rooms, DateTimeOffset ReadAt);

public sealed class FloorQueries(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock, IOptions<FloorOptions> options)
{
    private static readonly BookingStatus[] Shown =
        [BookingStatus.Requested, BookingStatus.Confirmed, BookingStatus.Changed, BookingStatus.Extended, BookingStatus.Completed];

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
        var from = start.AddHours(-2);
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
            .Where(b => Shown.Contains(b.Status)
                        && ((b.StartsAt < end && b.EndsAt > from)
                            || b.Phase == SessionPhase.InSession || b.Phase == SessionPhase.Suspended))
            .ToListAsync(ct);
        var byRoom = bookings.ToLookup(b => b.RoomId);
        var list = rooms
            .OrderBy(x => x.Zone.Floor).ThenBy(x => x.Zone.Name).ThenBy(x => x.Room.Code)
            .Select(x => new FloorRoom(x.Room.Id, x.Room.Code, x.Room.Name, x.Room.Type, x.Room.Capacity, x.Room.EvaluationSeats,
                x.Room.InService, x.Room.OutOfServiceReason, x.Zone.Id, x.Zone.Name, x.Zone.Floor,
                byRoom[x.Room.Id].OrderBy(b => b.StartsAt).ToList()))
            .ToList();
        return new FloorSnapshot(day, start, end, list, now);
    }
}

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
}

/// <summary>Today's floor as read once: every bookable room with its bookings of the day. States are derived
/// from it against the clock, so a clock tick needs no new read.</summary>
public sealed record FloorSnapshot(DateOnly Day, DateTimeOffset DayStart, DateTimeOffset DayEnd, IReadOnlyList<FloorRoom> Rooms, DateTimeOffset ReadAt);

public sealed class FloorQueries(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock, IOptions<FloorOptions> options)
{
    public TimeSpan UpcomingWindow => TimeSpan.FromMinutes(options.Value.UpcomingMinutes);

    public async Task<FloorSnapshot> TodayAsync(Guid? roomId = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var day = CenterTime.Today(clock);
        var (start, end) = CenterTime.DayBounds(day);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rooms = await db.Rooms.AsNoTracking()
            .Where(r => roomId == null || r.Id == roomId)
            .Join(db.Zones, r => r.ZoneId, z => z.Id, (r, z) => new { Room = r, Zone = z })
            .ToListAsync(ct);
        var shown = new[] { BookingStatus.Requested, BookingStatus.Confirmed, BookingStatus.Changed, BookingStatus.Extended, BookingStatus.Completed };
        var bookings = await db.RoomBookings.AsNoTracking()
            .Where(b => (roomId == null || b.RoomId == roomId) && shown.Contains(b.Status)
                        && ((b.StartsAt < end && b.EndsAt > start.AddHours(-2))
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

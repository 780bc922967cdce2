using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Floor;

/// <summary>A room as the booking page names and offers it.</summary>
public sealed record RoomChoice(Guid Id, string Code, string Name, string ZoneName, RoomType Type, int Capacity, int EvaluationSeats);

/// <summary>
/// One booking as the desk's booking page shows it: the booking (with its contact: staff only), its room and zone, its
/// history, the messages sent to the agency about it, and the rooms it could move to (same purpose, enough
/// capacity and seats, in service).
/// </summary>
public sealed record BookingDetails(
    RoomBooking Booking, RoomChoice Room, IReadOnlyList<BookingChange> History, IReadOnlyList<OutboxMessage> Messages,
    IReadOnlyList<RoomChoice> FittingRooms, IReadOnlyDictionary<Guid, string> RoomNames, IReadOnlyList<RoomBooking> Parts)
{
    public string RoomName(Guid? id) => id is { } r && RoomNames.TryGetValue(r, out var name) ? name : "—";
}

public sealed class BookingDetailsQueries(IDbContextFactory<TradingOpsDbContext> factory)
{
    public async Task<BookingDetails?> GetAsync(Guid bookingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var booking = await db.RoomBookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null) return null;
        var rooms = await db.Rooms.AsNoTracking()
            .Join(db.Zones.AsNoTracking(), r => r.ZoneId, z => z.Id, (r, z) => new { Room = r, ZoneName = z.Name })
            .ToListAsync(ct);
        RoomChoice Choice(Room r, string zone) => new(r.Id, r.Code, r.Name, zone, r.Type, r.Capacity, r.EvaluationSeats);
        var room = rooms.Single(r => r.Room.Id == booking.RoomId);
        var history = (await db.BookingChanges.AsNoTracking().Where(c => c.BookingId == bookingId).ToListAsync(ct))
            .OrderBy(c => c.At).ThenBy(c => c.Id).ToList();
        var messages = (await db.OutboxMessages.AsNoTracking().Where(m => m.BookingId == bookingId).ToListAsync(ct))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Channel).ToList();
        var fitting = rooms.Where(r => r.Room.Id == booking.RoomId || Availability.Suits(r.Room, booking.Purpose, booking.Attendees))
            .OrderBy(r => r.Room.Id == booking.RoomId ? 0 : 1).ThenBy(r => r.Room.Code)
            .Select(r => Choice(r.Room, r.ZoneName)).ToList();
        var related = history.Where(c => c.RelatedBookingId is not null).Select(c => c.RelatedBookingId!.Value).Distinct().ToList();
        var parts = related.Count == 0 ? [] : await db.RoomBookings.AsNoTracking().Where(b => related.Contains(b.Id)).ToListAsync(ct);
        return new BookingDetails(booking, Choice(room.Room, room.ZoneName), history, messages, fitting,
            rooms.ToDictionary(r => r.Room.Id, r => $"{r.Room.Name}（{r.Room.Code}）"), parts.OrderBy(p => p.StartsAt).ToList());
    }
}

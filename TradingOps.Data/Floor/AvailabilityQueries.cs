using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Floor;

/// <summary>A room that suits the request, with its free spans of the day and what holds it (bookings, outages).</summary>
public sealed record RoomAvailability(Guid RoomId, string Code, string Name, RoomType Type, int Capacity, int EvaluationSeats,
    string ZoneName, string? ZoneFloor, IReadOnlyList<FreeSlot> Free, IReadOnlyList<RoomBooking> Bookings, IReadOnlyList<RoomOutage> Outages);

/// <summary>Every room that suits a purpose and size on one day, with its free spans (<see cref="Availability.FreeSlots"/>).</summary>
public sealed record DayAvailability(DateOnly Day, BookingPurpose Purpose, int Attendees, OpeningHours Hours,
    int SetupMinutes, int CleanupMinutes, IReadOnlyList<RoomAvailability> Rooms);

/// <summary>
/// A room and times as typed, checked against the rules a booking is checked with (<see cref="BookingCheck"/>): no
/// refusals means the booking can be made; otherwise each refusal names its reason, and <see cref="Conflicts"/> the
/// bookings whose spans (buffers included) the times hit.
/// </summary>
public sealed record SlotCheck(Guid RoomId, string RoomName, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    IReadOnlyList<DomainException> Refusals, IReadOnlyList<RoomBooking> Conflicts)
{
    public bool Ok => Refusals.Count == 0;
}

/// <summary>
/// Where the booking form can book: the free spans of every fitting room for a day (three reads whatever the number
/// of rooms: rooms, holding bookings, outages) and the check of one chosen room and times (three reads).
/// </summary>
public sealed class AvailabilityQueries(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock, IOptions<FloorOptions> options)
{
    private static readonly BookingStatus[] Holding = RoomBooking.HoldingStatuses;

    /// <summary>Buffers are at most two hours each side and a booking at most 36 hours: the reach of a clash around a span.</summary>
    private static readonly TimeSpan Reach = RoomBooking.MaxOvernightDuration + TimeSpan.FromHours(2);

    public async Task<DayAvailability> DayAsync(DateOnly day, BookingPurpose purpose, int attendees, CancellationToken ct = default)
    {
        var o = options.Value;
        var hours = o.OpeningHours;
        var (opens, closes) = hours.On(day);
        if (purpose == BookingPurpose.OvernightEvaluation) closes = closes.Add(RoomBooking.MaxOvernightDuration);
        var from = opens - Reach;
        var until = closes + TimeSpan.FromHours(2);
        var holding = Holding;

        await using var db = await factory.CreateDbContextAsync(ct);
        var rooms = await db.Rooms.AsNoTracking()
            .Join(db.Zones, r => r.ZoneId, z => z.Id, (r, z) => new { Room = r, ZoneName = z.Name, ZoneFloor = z.Floor })
            .ToListAsync(ct);
        var fitting = rooms.Where(x => Availability.Suits(x.Room, purpose, attendees)).ToList();
        if (fitting.Count == 0) return new DayAvailability(day, purpose, attendees, hours, o.SetupMinutes, o.CleanupMinutes, []);

        var bookings = (await db.RoomBookings.AsNoTracking()
            .Where(b => holding.Contains(b.Status) && b.StartsAt < until && b.EndsAt > from)
            .ToListAsync(ct)).ToLookup(b => b.RoomId);
        var outages = (await db.RoomOutages.AsNoTracking()
            .Where(x => x.From < until && x.Until > from)
            .ToListAsync(ct)).ToLookup(x => x.RoomId);

        var now = clock.GetUtcNow();
        var setup = TimeSpan.FromMinutes(o.SetupMinutes);
        var cleanup = TimeSpan.FromMinutes(o.CleanupMinutes);
        var list = fitting
            .OrderBy(x => x.ZoneFloor).ThenBy(x => x.ZoneName).ThenBy(x => x.Room.Code)
            .Select(x => new RoomAvailability(x.Room.Id, x.Room.Code, x.Room.Name, x.Room.Type, x.Room.Capacity, x.Room.EvaluationSeats,
                x.ZoneName, x.ZoneFloor,
                Availability.FreeSlots(x.Room, day, bookings[x.Room.Id], outages[x.Room.Id], purpose, attendees, setup, cleanup, hours, now),
                bookings[x.Room.Id].OrderBy(b => b.StartsAt).ToList(),
                outages[x.Room.Id].OrderBy(u => u.From).ToList()))
            .ToList();
        return new DayAvailability(day, purpose, attendees, hours, o.SetupMinutes, o.CleanupMinutes, list);
    }

    /// <summary>Whether <paramref name="roomId"/> can be booked for such a booking at the given times, and if not, why.</summary>
    public async Task<SlotCheck> CheckAsync(Guid roomId, BookingPurpose purpose, int attendees, DateTimeOffset startsAt, DateTimeOffset endsAt,
        CancellationToken ct = default)
    {
        var o = options.Value;
        await using var db = await factory.CreateDbContextAsync(ct);
        var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roomId, ct)
            ?? throw new DomainException("Booking.RoomNotFound", "场地不存在");
        var from = startsAt.ToUniversalTime() - Reach;
        var until = endsAt.ToUniversalTime() + TimeSpan.FromHours(2);
        var holding = Holding;
        var bookings = await db.RoomBookings.AsNoTracking()
            .Where(b => b.RoomId == roomId && holding.Contains(b.Status) && b.StartsAt < until && b.EndsAt > from)
            .ToListAsync(ct);
        var outages = await db.RoomOutages.AsNoTracking()
            .Where(x => x.RoomId == roomId && x.From < until && x.Until > from)
            .ToListAsync(ct);

        var refusals = BookingCheck.Refusals(room, purpose, attendees, startsAt, endsAt, o.SetupMinutes, o.CleanupMinutes,
            bookings, outages, o.OpeningHours, clock.GetUtcNow());
        var conflicts = endsAt > startsAt
            ? BookingRules.Clashes(room.Id, startsAt.AddMinutes(-o.SetupMinutes), endsAt.AddMinutes(o.CleanupMinutes), bookings)
            : [];
        return new SlotCheck(room.Id, room.Name, startsAt, endsAt, refusals, conflicts);
    }
}

using TradingOps.Core.Common;
using TradingOps.Core.Organisation;

namespace TradingOps.Core.Floor;

/// <summary>A span in which a booking's own times (start to end) can lie: its buffers then clash with nothing.</summary>
public sealed record FreeSlot(Guid RoomId, DateTimeOffset From, DateTimeOffset Until)
{
    public TimeSpan Length => Until - From;

    public bool Holds(DateTimeOffset start, DateTimeOffset end) => From <= start && end <= Until;
}

/// <summary>The hours in which rooms may be booked (center local time); overnight evaluation alone runs past them.</summary>
public readonly record struct OpeningHours(TimeOnly Opens, TimeOnly Closes)
{
    public static OpeningHours Parse(string opens, string closes)
    {
        if (!TimeOnly.TryParseExact(opens, "HH:mm", out var o) || !TimeOnly.TryParseExact(closes, "HH:mm", out var c) || c <= o)
            throw new DomainException("Floor.OpeningHours", $"场地开放时间“{opens}-{closes}”无效（格式 HH:mm，结束晚于开始）");
        return new(o, c);
    }

    public (DateTimeOffset Opens, DateTimeOffset Closes) On(DateOnly day) => (CenterTime.At(day, Opens), CenterTime.At(day, Closes));

    public override string ToString() => $"{Opens:HH\\:mm}-{Closes:HH\\:mm}";
}

/// <summary>
/// Where a room is free: the one home of "which times can this booking take", used by the booking form's free slots,
/// the out-of-service and overrun proposals and the schedule grid. Pure: the caller reads the room's bookings and
/// outages of the day (and a day either side for long bookings) and passes them in.
/// </summary>
public static class Availability
{
    /// <summary>Spans shorter than this are not offered.</summary>
    public static readonly TimeSpan MinimumSlot = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The free spans of <paramref name="room"/> on <paramref name="day"/> for a booking of the given purpose and size:
    /// within opening hours, not before <paramref name="now"/>, its set-up and clean-up clear of every other holding
    /// booking's occupied span (buffers included) and of every outage that leaves too little of the room.
    /// Empty when the room does not suit the purpose or size, or is out of service.
    /// </summary>
    public static IReadOnlyList<FreeSlot> FreeSlots(Room room, DateOnly day, IEnumerable<RoomBooking> bookings, IEnumerable<RoomOutage> outages,
        BookingPurpose purpose, int attendees, TimeSpan setup, TimeSpan cleanup, OpeningHours hours, DateTimeOffset now, Guid? ignoreBookingId = null)
    {
        if (!Suits(room, purpose, attendees)) return [];
        var (opens, closes) = hours.On(day);
        if (purpose == BookingPurpose.OvernightEvaluation) closes = closes.AddHours(RoomBooking.MaxOvernightDuration.TotalHours);
        var from = RoundUp(now > opens ? now : opens, TimeSpan.FromMinutes(5));
        if (from >= closes) return [];

        // A booking [s, e) clashes with an occupied span [a, b) when s - setup < b and a < e + cleanup,
        // so its own times must stay out of [a - cleanup, b + setup).
        var blocked = bookings
            .Where(b => b.RoomId == room.Id && b.HoldsRoom && b.Id != ignoreBookingId)
            .Select(b => (From: b.OccupiedFrom - cleanup, Until: b.OccupiedUntil + setup))
            .Concat(outages.Where(o => o.RoomId == room.Id && Blocks(o, room, purpose, attendees))
                .Select(o => (From: o.From - cleanup, Until: o.EffectiveUntil + setup)))
            .Where(x => x.Until > from && x.From < closes)
            .OrderBy(x => x.From)
            .ToList();

        var free = new List<FreeSlot>();
        var cursor = from;
        foreach (var (a, b) in blocked)
        {
            if (a > cursor) Add(free, room.Id, cursor, a);
            if (b > cursor) cursor = b;
        }
        Add(free, room.Id, cursor, closes);
        return free;
    }

    /// <summary>Whether the room can hold such a booking at all (type, capacity, seats, in service).</summary>
    public static bool Suits(Room room, BookingPurpose purpose, int attendees) =>
        room.InService && BookingRules.RoomTypesFor(purpose).Contains(room.Type) && attendees <= room.Capacity
        && (purpose is not (BookingPurpose.Evaluation or BookingPurpose.OvernightEvaluation) || attendees <= room.EvaluationSeats);

    /// <summary>An outage blocks a booking when it takes the whole room, or leaves fewer seats than an evaluation needs.</summary>
    public static bool Blocks(RoomOutage outage, Room room, BookingPurpose purpose, int attendees) =>
        outage.WholeRoom
        || (purpose is BookingPurpose.Evaluation or BookingPurpose.OvernightEvaluation && outage.SeatsLeft(room) < attendees);

    /// <summary>The first outage of the room that blocks the booking's occupied span (buffers included), or null.</summary>
    public static RoomOutage? BlockingOutage(RoomBooking booking, Room room, IEnumerable<RoomOutage> outages) =>
        BlockingOutage(room, booking.Purpose, booking.Attendees, booking.OccupiedFrom, booking.OccupiedUntil, outages);

    /// <summary>The first outage of the room that blocks such a booking holding the room over [occupiedFrom, occupiedUntil), or null.</summary>
    public static RoomOutage? BlockingOutage(Room room, BookingPurpose purpose, int attendees, DateTimeOffset occupiedFrom, DateTimeOffset occupiedUntil,
        IEnumerable<RoomOutage> outages) =>
        outages.Where(o => o.RoomId == room.Id && Blocks(o, room, purpose, attendees) && o.Covers(occupiedFrom, occupiedUntil))
            .OrderBy(o => o.From).FirstOrDefault();

    public static DomainException OutageError(Room room, RoomOutage outage) =>
        new("Booking.RoomOutOfService",
            $"{room.Name} 在 {CenterTime.ToLocal(outage.From):MM-dd HH:mm} 至 {CenterTime.ToLocal(outage.EffectiveUntil):MM-dd HH:mm} 停用" +
            (outage.WholeRoom ? "" : $"（{outage.SeatsOut} 个评标工位）") + $"：{outage.Reason}");

    /// <summary>Refuses times outside opening hours (overnight evaluation excepted), naming the hours.</summary>
    public static void EnsureWithinOpeningHours(BookingPurpose purpose, DateTimeOffset start, DateTimeOffset end, OpeningHours hours)
    {
        if (purpose == BookingPurpose.OvernightEvaluation) return;
        var day = DateOnly.FromDateTime(CenterTime.ToLocal(start).DateTime);
        var (opens, closes) = hours.On(day);
        if (start < opens || end > closes)
            throw new DomainException("Booking.OutsideOpeningHours", $"场地开放时间为 {hours}，所选时间超出开放时间（跨夜评标请选择“跨夜评标”）");
    }

    private static void Add(List<FreeSlot> free, Guid roomId, DateTimeOffset from, DateTimeOffset until)
    {
        if (until - from >= MinimumSlot) free.Add(new FreeSlot(roomId, from, until));
    }

    private static DateTimeOffset RoundUp(DateTimeOffset t, TimeSpan step)
    {
        var ticks = (t.UtcTicks + step.Ticks - 1) / step.Ticks * step.Ticks;
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }
}

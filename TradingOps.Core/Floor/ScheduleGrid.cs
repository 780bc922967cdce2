using TradingOps.Core.Common;
using TradingOps.Core.Organisation;

namespace TradingOps.Core.Floor;

/// <summary>How a booking is shown on the schedule grid: its booking status, or, while its session runs, the session's phase.</summary>
public enum ScheduleShade
{
    Requested,
    Confirmed,
    Changed,
    Extended,
    CheckedIn,
    InSession,
    Suspended,
    Overrunning,
    Completed,
}

/// <summary>A free half-hour cell of a room's day: a click books from <see cref="From"/> (the cell's start, or later when its first minutes are taken).</summary>
public sealed record FreeCell(Guid RoomId, DateTimeOffset CellStart, DateTimeOffset From)
{
    /// <summary>The end the booking form is prefilled with.</summary>
    public DateTimeOffset Until => From + ScheduleGrid.OfferedLength;
}

/// <summary>
/// The rules of the venue desk's schedule grid (场地日程): which week a day belongs to, how a booking is shaded, how far
/// it reaches on screen, and which half-hour cells are free to book (from <see cref="Availability.FreeSlots"/>, the one
/// home of free time).
/// </summary>
public static class ScheduleGrid
{
    /// <summary>One column of the day grid.</summary>
    public static readonly TimeSpan CellLength = TimeSpan.FromMinutes(30);

    /// <summary>A click on a free cell proposes a booking this long.</summary>
    public static readonly TimeSpan OfferedLength = TimeSpan.FromMinutes(60);

    /// <summary>The Monday of the week (Monday to Sunday, as the center's calendar runs) holding <paramref name="day"/>.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The seven days of the week holding <paramref name="day"/>.</summary>
    public static IReadOnlyList<DateOnly> WeekDays(DateOnly day)
    {
        var monday = WeekOf(day);
        return Enumerable.Range(0, 7).Select(monday.AddDays).ToList();
    }

    /// <summary>The running session's phase when there is one (overrunning once the clock passes the booked end), else the booking's status.</summary>
    public static ScheduleShade Shade(RoomBooking booking, DateTimeOffset now) => booking.Phase switch
    {
        SessionPhase.Suspended => ScheduleShade.Suspended,
        SessionPhase.InSession => now > booking.EndsAt ? ScheduleShade.Overrunning : ScheduleShade.InSession,
        SessionPhase.CheckedIn => ScheduleShade.CheckedIn,
        SessionPhase.Ended => ScheduleShade.Completed,
        _ => booking.Status switch
        {
            BookingStatus.Confirmed => ScheduleShade.Confirmed,
            BookingStatus.Changed => ScheduleShade.Changed,
            BookingStatus.Extended => ScheduleShade.Extended,
            BookingStatus.Completed => ScheduleShade.Completed,
            _ => ScheduleShade.Requested,
        },
    };

    /// <summary>Where the booking's own time ends on screen: the actual end of an ended session, "now" for one running late, else the booked end.</summary>
    public static DateTimeOffset ShownUntil(RoomBooking booking, DateTimeOffset now) => booking.Phase switch
    {
        SessionPhase.Ended when booking.EndedAt is { } ended => ended,
        SessionPhase.InSession or SessionPhase.Suspended when now > booking.EndsAt => now,
        _ => booking.EndsAt,
    };

    /// <summary>The room's occupied span as the grid draws it: set-up before, clean-up after <see cref="ShownUntil"/>.</summary>
    public static (DateTimeOffset From, DateTimeOffset Until) ShownSpan(RoomBooking booking, DateTimeOffset now) =>
        (booking.OccupiedFrom, ShownUntil(booking, now).AddMinutes(booking.CleanupMinutes));

    /// <summary>The purpose a free cell of such a room is offered for (what the room is built for); null when it serves none.</summary>
    public static BookingPurpose? OfferedPurpose(RoomType type) =>
        new[] { BookingPurpose.BidOpening, BookingPurpose.Evaluation, BookingPurpose.Negotiation }
            .Cast<BookingPurpose?>()
            .FirstOrDefault(p => BookingRules.RoomTypesFor(p!.Value).Contains(type));

    /// <summary>
    /// The half-hour cells of <paramref name="day"/>'s opening hours in which the room can take a booking of its own kind
    /// (one person, the usual set-up and clean-up), at least <see cref="Availability.MinimumSlot"/> of the cell free and
    /// not in the past. None for a room out of service or of no bookable type.
    /// </summary>
    public static IReadOnlyList<FreeCell> FreeCells(Room room, DateOnly day, IEnumerable<RoomBooking> bookings, IEnumerable<RoomOutage> outages,
        OpeningHours hours, TimeSpan setup, TimeSpan cleanup, DateTimeOffset now)
    {
        if (OfferedPurpose(room.Type) is not { } purpose) return [];
        var slots = Availability.FreeSlots(room, day, bookings, outages, purpose, 1, setup, cleanup, hours, now);
        if (slots.Count == 0) return [];
        var (opens, closes) = hours.On(day);
        var cells = new List<FreeCell>();
        for (var cell = opens; cell < closes; cell += CellLength)
        {
            var cellEnd = cell + CellLength;
            var slot = slots.FirstOrDefault(s => s.From < cellEnd && s.Until > cell
                                                 && Min(s.Until, cellEnd) - Max(s.From, cell) >= Availability.MinimumSlot);
            if (slot is not null) cells.Add(new FreeCell(room.Id, cell, Max(slot.From, cell)));
        }
        return cells;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

using TradingOps.Core.Common;
using TradingOps.Core.Organisation;

namespace TradingOps.Core.Floor;

/// <summary>
/// What stands in the way of a new booking of a room at given times: the one home of the refusals the booking form
/// shows while the desk types and <c>BookingService.BookAsync</c> throws (the first of them) under the room's lock.
/// In order: the room (out of service, wrong type, over capacity or seats), the times (end before start, too long),
/// a past date or a span already over, opening hours, an outage, then every clashing booking with its buffer.
/// </summary>
public static class BookingCheck
{
    public static IReadOnlyList<DomainException> Refusals(Room room, BookingPurpose purpose, int attendees,
        DateTimeOffset startsAt, DateTimeOffset endsAt, int setupMinutes, int cleanupMinutes,
        IEnumerable<RoomBooking> sameRoom, IEnumerable<RoomOutage> outages, OpeningHours hours, DateTimeOffset now, Guid? ignoreBookingId = null)
    {
        var refusals = new List<DomainException>();
        try
        {
            BookingRules.EnsureFits(room, purpose, attendees);
        }
        catch (DomainException e)
        {
            refusals.Add(e);
        }
        try
        {
            (startsAt, endsAt) = RoomBooking.ValidTimes(startsAt, endsAt, purpose);
        }
        catch (DomainException e)
        {
            refusals.Add(e);
            return refusals; // no span to check further
        }

        var today = DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);
        var day = DateOnly.FromDateTime(CenterTime.ToLocal(startsAt).DateTime);
        if (day < today)
            refusals.Add(new DomainException("Booking.PastDate", $"不能预约过去的日期（{day:yyyy-MM-dd}，今天是 {today:yyyy-MM-dd}）"));
        else if (endsAt <= now)
            refusals.Add(new DomainException("Booking.InPast", "不能预约已经过去的时段"));

        try
        {
            Availability.EnsureWithinOpeningHours(purpose, startsAt, endsAt, hours);
        }
        catch (DomainException e)
        {
            refusals.Add(e);
        }

        var occupiedFrom = startsAt.AddMinutes(-setupMinutes);
        var occupiedUntil = endsAt.AddMinutes(cleanupMinutes);
        var outage = Availability.BlockingOutage(room, purpose, attendees, occupiedFrom, occupiedUntil, outages);
        if (outage is not null) refusals.Add(Availability.OutageError(room, outage));

        var clashes = BookingRules.Clashes(room.Id, occupiedFrom, occupiedUntil, sameRoom, ignoreBookingId);
        if (clashes.Count > 0) refusals.Add(BookingRules.ConflictError(startsAt, endsAt, setupMinutes, cleanupMinutes, clashes));
        return refusals;
    }

    /// <summary>The refusals of a booking built but not yet saved (its own row never counts against it).</summary>
    public static IReadOnlyList<DomainException> Refusals(RoomBooking candidate, Room room, IEnumerable<RoomBooking> sameRoom,
        IEnumerable<RoomOutage> outages, OpeningHours hours, DateTimeOffset now) =>
        Refusals(room, candidate.Purpose, candidate.Attendees, candidate.StartsAt, candidate.EndsAt, candidate.SetupMinutes, candidate.CleanupMinutes,
            sameRoom, outages, hours, now, candidate.Id);
}

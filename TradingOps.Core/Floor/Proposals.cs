using TradingOps.Core.Common;
using TradingOps.Core.Organisation;

namespace TradingOps.Core.Floor;

/// <summary>Why a proposal is the one offered (the order in which they are searched).</summary>
public enum ProposalKind
{
    /// <summary>Same times, another fitting room (nearest by zone, then capacity closest).</summary>
    SameTimeOtherRoom,

    /// <summary>The same room at another time of the same day (the nearest one).</summary>
    SameRoomOtherTime,

    /// <summary>Another room at another time of the same day (the nearest one).</summary>
    OtherRoomOtherTime,

    /// <summary>A later day (the first day with a fitting slot, nearest to the booked time of day).</summary>
    LaterDay,
}

/// <summary>Where and when a booking hit by an outage or put at risk by an overrun could go instead.</summary>
public sealed record Proposal(Guid BookingId, Guid RoomId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, ProposalKind Kind);

/// <summary>
/// 调整建议: for a booking hit by an outage (or put at risk by an overrunning session), the nearest fitting free room
/// and time. Fitting and free are <see cref="Availability"/>'s rules (type for the purpose, capacity, evaluation seats,
/// in service, buffers kept clear of the candidate room's holding bookings and blocking outages, opening hours, not in
/// the past); the duration stays the same. The ranking: the same time in another room first (same room type, same
/// zone, capacity closest to the booked room), then the nearest other time the same day (the same room preferred on a
/// tie, later before earlier), then the following days up to <see cref="SearchDays"/>. Pure: the caller passes the
/// rooms, the holding bookings and the outages around the booking.
/// </summary>
public static class Proposals
{
    /// <summary>How many days after the booked day are searched.</summary>
    public const int SearchDays = 7;

    /// <summary>An overrunning session is assumed to need the room this much longer than now (its projected end).</summary>
    public static readonly TimeSpan OverrunMargin = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Proposals for several bookings that do not collide with each other: the earliest booking is placed first and its
    /// proposal then holds that slot (in place of its old one) for the next. A booking with nowhere to go gets none.
    /// </summary>
    public static IReadOnlyList<Proposal> Plan(IEnumerable<RoomBooking> hit, IReadOnlyList<Room> rooms, IEnumerable<RoomBooking> bookings,
        IEnumerable<RoomOutage> outages, OpeningHours hours, DateTimeOffset now)
    {
        var holding = bookings.Where(b => b.HoldsRoom).ToList();
        var blocking = outages.ToList();
        var plan = new List<Proposal>();
        foreach (var booking in hit.OrderBy(b => b.StartsAt).ThenBy(b => b.Id))
        {
            var proposal = For(booking, rooms, holding, blocking, hours, now);
            if (proposal is null) continue;
            plan.Add(proposal);
            holding.RemoveAll(b => b.Id == booking.Id);
            holding.Add(Placed(booking, proposal));
        }
        return plan;
    }

    /// <summary>The nearest fitting free room and time for one booking, or null when none within the search.</summary>
    public static Proposal? For(RoomBooking booking, IReadOnlyList<Room> rooms, IReadOnlyCollection<RoomBooking> bookings,
        IReadOnlyCollection<RoomOutage> outages, OpeningHours hours, DateTimeOffset now)
    {
        if (booking.Phase != SessionPhase.NotStarted || !booking.HoldsRoom) return null;
        var own = rooms.FirstOrDefault(r => r.Id == booking.RoomId);
        var candidates = rooms.Where(r => Availability.Suits(r, booking.Purpose, booking.Attendees))
            .OrderBy(r => r.Id == booking.RoomId ? 0 : 1)
            .ThenBy(r => own is not null && r.Type == own.Type ? 0 : 1)
            .ThenBy(r => own is not null && r.ZoneId == own.ZoneId ? 0 : 1)
            .ThenBy(r => Math.Abs(r.Capacity - (own?.Capacity ?? booking.Attendees)))
            .ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
        var setup = TimeSpan.FromMinutes(booking.SetupMinutes);
        var cleanup = TimeSpan.FromMinutes(booking.CleanupMinutes);
        var length = booking.EndsAt - booking.StartsAt;
        var day = DayOf(booking.StartsAt);

        IReadOnlyList<FreeSlot> Free(Room room, DateOnly d) =>
            Availability.FreeSlots(room, d, bookings, outages, booking.Purpose, booking.Attendees, setup, cleanup, hours, now, booking.Id);

        // 1. The same times in another room.
        foreach (var room in candidates.Where(r => r.Id != booking.RoomId))
            if (Free(room, day).Any(s => s.Holds(booking.StartsAt, booking.EndsAt)))
                return new Proposal(booking.Id, room.Id, booking.StartsAt, booking.EndsAt, ProposalKind.SameTimeOtherRoom);

        // 2. The nearest other time the same day, then 3. the following days.
        for (var offset = 0; offset <= SearchDays; offset++)
        {
            var target = booking.StartsAt.AddDays(offset);
            (Room Room, DateTimeOffset Start, TimeSpan Distance, int Rank)? best = null;
            for (var rank = 0; rank < candidates.Count; rank++)
            {
                var room = candidates[rank];
                foreach (var slot in Free(room, day.AddDays(offset)))
                {
                    if (Nearest(slot, target, length) is not { } start) continue;
                    var distance = (start - target).Duration();
                    if (best is null || Better(distance, start, rank, best.Value.Distance, best.Value.Start, best.Value.Rank))
                        best = (room, start, distance, rank);
                }
            }
            if (best is { } found)
            {
                var kind = offset > 0 ? ProposalKind.LaterDay
                    : found.Room.Id == booking.RoomId ? ProposalKind.SameRoomOtherTime : ProposalKind.OtherRoomOtherTime;
                return new Proposal(booking.Id, found.Room.Id, found.Start, found.Start + length, kind);
            }
        }
        return null;
    }

    /// <summary>
    /// Whether the proposal's target still holds the booking now: the room fits it, and its times are free of the room's
    /// current holding bookings and outages (the check under the rooms' locks before a proposal is accepted).
    /// </summary>
    public static bool StillFree(Proposal proposal, RoomBooking booking, Room target, IEnumerable<RoomBooking> bookings,
        IEnumerable<RoomOutage> outages, OpeningHours hours, DateTimeOffset now) =>
        Availability.FreeSlots(target, DayOf(proposal.StartsAt), bookings, outages, booking.Purpose, booking.Attendees,
                TimeSpan.FromMinutes(booking.SetupMinutes), TimeSpan.FromMinutes(booking.CleanupMinutes), hours, now, booking.Id)
            .Any(s => s.Holds(proposal.StartsAt, proposal.EndsAt));

    /// <summary>The projected end of an overrunning session: now, or its booked (extended) end if that is later.</summary>
    public static DateTimeOffset ProjectedEnd(RoomBooking running, DateTimeOffset now) => running.EndsAt > now ? running.EndsAt : now;

    /// <summary>
    /// Whether a session is overrunning: running (or suspended) past its booked end.
    /// </summary>
    public static bool Overruns(RoomBooking booking, DateTimeOffset now) =>
        booking.Phase is SessionPhase.InSession or SessionPhase.Suspended && now > booking.EndsAt;

    /// <summary>
    /// The later bookings of an overrunning session's room put at risk: holding, not started, and their occupied span
    /// (set-up included) starts before the session's projected end plus <see cref="OverrunMargin"/> plus its clean-up.
    /// </summary>
    public static IReadOnlyList<RoomBooking> AtRisk(RoomBooking running, IEnumerable<RoomBooking> sameRoom, DateTimeOffset now)
    {
        if (!Overruns(running, now)) return [];
        var clearFrom = RiskHorizon(running, now);
        return sameRoom.Where(b => b.Id != running.Id && b.RoomId == running.RoomId && b.HoldsRoom && b.Phase == SessionPhase.NotStarted
                                   && b.StartsAt >= running.StartsAt && b.OccupiedFrom < clearFrom)
            .OrderBy(b => b.StartsAt).ToList();
    }

    /// <summary>Until when an overrunning session is taken to hold its room, clean-up included.</summary>
    public static DateTimeOffset RiskHorizon(RoomBooking running, DateTimeOffset now) =>
        ProjectedEnd(running, now) + OverrunMargin + TimeSpan.FromMinutes(running.CleanupMinutes);

    /// <summary>
    /// The overrunning session as the search must see it: holding its room until its projected end plus the margin
    /// (its booked end is already past, so as booked it would leave the room looking free).
    /// </summary>
    public static RoomBooking AsProjected(RoomBooking running, DateTimeOffset now) =>
        Overruns(running, now)
            ? RoomBooking.FromRow(running.ToRow() with { EndsAt = ProjectedEnd(running, now) + OverrunMargin })
            : running;

    /// <summary>The booking as it would stand once the proposal is accepted (for planning only, never saved).</summary>
    public static RoomBooking Placed(RoomBooking booking, Proposal proposal) =>
        RoomBooking.FromRow(booking.ToRow() with { RoomId = proposal.RoomId, StartsAt = proposal.StartsAt, EndsAt = proposal.EndsAt });

    private static bool Better(TimeSpan distance, DateTimeOffset start, int rank, TimeSpan bestDistance, DateTimeOffset bestStart, int bestRank)
    {
        if (distance != bestDistance) return distance < bestDistance;
        if (rank != bestRank) return rank < bestRank; // the same room, then the nearest other room
        return start > bestStart;                     // later before earlier
    }

    /// <summary>The start in the slot nearest the target (on the 5-minute grid), or null when the slot is too short.</summary>
    private static DateTimeOffset? Nearest(FreeSlot slot, DateTimeOffset target, TimeSpan length)
    {
        var latest = Floor(slot.Until - length);
        var earliest = Ceiling(slot.From);
        if (latest < earliest) return null;
        var start = target < earliest ? earliest : target > latest ? latest : Floor(target);
        if (start < earliest) start = earliest;
        return start;
    }

    private static DateOnly DayOf(DateTimeOffset t) => DateOnly.FromDateTime(CenterTime.ToLocal(t).DateTime);

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks / Step.Ticks * Step.Ticks, TimeSpan.Zero);

    private static DateTimeOffset Ceiling(DateTimeOffset t) => new((t.UtcTicks + Step.Ticks - 1) / Step.Ticks * Step.Ticks, TimeSpan.Zero);
}

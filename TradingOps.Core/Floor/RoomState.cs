using TradingOps.Core.Live;

namespace TradingOps.Core.Floor;

public enum RoomState
{
    Free,
    Upcoming,
    InSession,
    Overrunning,
    Suspended,
    Cleaning,
    OutOfService,
}

/// <summary>A room's state at one instant and the bookings that make it.</summary>
public sealed record RoomStatus(RoomState State, RoomBooking? Current, RoomBooking? Next)
{
    public TimeSpan? Elapsed(DateTimeOffset now) => Current?.StartedAt is { } s ? now - s : null;
    public TimeSpan? Remaining(DateTimeOffset now) => Current is { } c ? c.EndsAt - now : null;
}

/// <summary>
/// The state is derived, never stored: from the room's service flag, its bookings and the clock. A session past
/// its booked end is Overrunning the moment the clock passes, with nobody touching anything.
/// </summary>
public static class RoomStates
{
    public static RoomStatus Derive(bool inService, IEnumerable<RoomBooking> bookings, DateTimeOffset now, TimeSpan upcomingWindow)
    {
        var list = bookings.ToList();
        var running = list.Where(b => b.Phase is SessionPhase.InSession or SessionPhase.Suspended).OrderBy(b => b.StartsAt).FirstOrDefault();
        var next = list.Where(b => b.HoldsRoom && b.Phase is SessionPhase.NotStarted or SessionPhase.CheckedIn && b.EndsAt > now && b != running)
            .OrderBy(b => b.StartsAt).FirstOrDefault();
        if (!inService) return new(RoomState.OutOfService, running, next);
        if (running is not null)
        {
            var state = running.Phase == SessionPhase.Suspended ? RoomState.Suspended
                : now > running.EndsAt ? RoomState.Overrunning : RoomState.InSession;
            return new(state, running, next);
        }
        var cleaning = list.Where(b => b.Phase == SessionPhase.Ended && b.EndedAt <= now && now < b.OccupiedUntil)
            .OrderByDescending(b => b.EndedAt).FirstOrDefault();
        if (cleaning is not null) return new(RoomState.Cleaning, cleaning, next);
        if (next is not null && (next.StartsAt - now <= upcomingWindow || next.Phase == SessionPhase.CheckedIn))
            return new(RoomState.Upcoming, null, next);
        return new(RoomState.Free, null, next);
    }
}

/// <summary>A booking or session of a room changed (or the room's service state did).</summary>
public sealed record FloorChanged(DateTimeOffset At, Guid RoomId, Guid? BookingId, string Change) : LiveEvent(At)
{
    public override IReadOnlyList<string> Topics => [LiveTopics.Floor, LiveTopics.Room(RoomId)];
}

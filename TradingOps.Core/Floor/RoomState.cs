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

/// <summary>
/// Something of the floor changed. Every change carries what changed (a booking's new row, a room's new state), so
/// a node's floor read model applies it without reading the database; <see cref="Change"/> is the kind of change
/// anonymous hub clients are told (see <see cref="PublicProjection.Push"/>).
/// </summary>
public abstract record FloorChanged(DateTimeOffset At, Guid RoomId) : LiveEvent(At)
{
    /// <summary>The kind of change, as hub clients receive it ("booked", "start", "state", ...).</summary>
    public abstract string Change { get; }

    /// <summary>The booking that changed (none when a room's state moved with the clock).</summary>
    public virtual Guid? BookingId => null;

    public override IReadOnlyList<string> Topics => [LiveTopics.Floor, LiveTopics.Room(RoomId)];
}

/// <summary>A booking changed: its new row, as the floor shows it, travels with the change.</summary>
public abstract record BookingChanged(DateTimeOffset At, BookingRow Booking) : FloorChanged(At, Booking.RoomId)
{
    public override Guid? BookingId => Booking.Id;
}

/// <summary>A room was booked (at the floor desk, or by the registration desk accepting a registration).</summary>
public sealed record BookingCreated(DateTimeOffset At, BookingRow Booking) : BookingChanged(At, Booking)
{
    public override string Change => "booked";
}

/// <summary>A booking was moved: <paramref name="From"/> is its slot (and room) before, <see cref="BookingChanged.Booking"/> after.</summary>
public sealed record BookingMoved(DateTimeOffset At, BookingRow Booking, BookingSlot From) : BookingChanged(At, Booking)
{
    public override string Change => "changed";

    /// <summary>Both rooms' door plates hear of it when the booking changed rooms.</summary>
    public override IReadOnlyList<string> Topics => From.RoomId == RoomId
        ? base.Topics
        : [LiveTopics.Floor, LiveTopics.Room(RoomId), LiveTopics.Room(From.RoomId)];
}

/// <summary>延时: the booking ends later than <paramref name="PreviousEnd"/>.</summary>
public sealed record BookingExtended(DateTimeOffset At, BookingRow Booking, DateTimeOffset PreviousEnd) : BookingChanged(At, Booking)
{
    public override string Change => "extended";
}

/// <summary>缩短: the booking keeps less of its room (a later start and/or an earlier end); <paramref name="From"/> is its slot before.</summary>
public sealed record BookingShortened(DateTimeOffset At, BookingRow Booking, BookingSlot From) : BookingChanged(At, Booking)
{
    public override string Change => "shortened";
}

/// <summary>
/// 拆分: the booking now ends where <paramref name="SecondBookingId"/> takes over (in the same room or another); the
/// second part comes as its own <see cref="BookingCreated"/>. <paramref name="From"/> is the slot before the split.
/// </summary>
public sealed record BookingSplit(DateTimeOffset At, BookingRow Booking, BookingSlot From, Guid SecondBookingId) : BookingChanged(At, Booking)
{
    public override string Change => "split";
}

/// <summary>The booking was cancelled (it no longer holds its room).</summary>
public sealed record BookingCancelled(DateTimeOffset At, BookingRow Booking) : BookingChanged(At, Booking)
{
    public override string Change => "cancelled";
}

/// <summary>爽约: nobody came.</summary>
public sealed record BookingNoShow(DateTimeOffset At, BookingRow Booking) : BookingChanged(At, Booking)
{
    public override string Change => "no-show";
}

/// <summary>A step of the session held under a booking.</summary>
public enum SessionStep { Confirmed, CheckedIn, Started, Suspended, Resumed, Ended, ExpertsRecorded }

/// <summary>The session under a booking moved on (confirmed, checked in, started, suspended, resumed, ended, experts counted).</summary>
public sealed record SessionChanged(DateTimeOffset At, BookingRow Booking, SessionStep Step) : BookingChanged(At, Booking)
{
    public override string Change => Step switch
    {
        SessionStep.Confirmed => "confirm",
        SessionStep.CheckedIn => "checkin",
        SessionStep.Started => "start",
        SessionStep.Suspended => "suspend",
        SessionStep.Resumed => "resume",
        SessionStep.Ended => "end",
        _ => "experts",
    };
}

/// <summary>
/// A room's state moved with the clock alone (a session ran past its end, a booking became upcoming, clean-up
/// ended). Every node derives it from its own read model on its own clock tick, so it is local to the node: never
/// relayed to the other nodes (they derive it themselves) and pushed only to this node's own hub clients.
/// </summary>
public sealed record RoomStateChanged(DateTimeOffset At, Guid RoomId, RoomState From, RoomState To) : FloorChanged(At, RoomId), INodeLocal
{
    public override string Change => "state";
}

/// <summary>
/// 停用: an outage of the room was registered or ended early (returned to service); the outage's new row travels with
/// the change, so every node's floor read model holds it and derives the room's state from it on its own clock.
/// </summary>
public sealed record RoomOutageChanged(DateTimeOffset At, OutageRow Outage) : FloorChanged(At, Outage.RoomId)
{
    public override string Change => "outage";
}

/// <summary>Where a booking was: its room and booked times.</summary>
public sealed record BookingSlot(Guid RoomId, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>
/// A booking as the floor holds it, as a plain record: what a change event carries (it survives JSON over the bus
/// between nodes) and what a read model turns back into the booking (<see cref="RoomBooking.FromRow"/>).
/// </summary>
public sealed record BookingRow(
    Guid Id, Guid RoomId, Guid? ProjectId, string ProjectCode, string ProjectName, string? Agency, BookingPurpose Purpose,
    int Attendees, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int SetupMinutes, int CleanupMinutes, BookingStatus Status,
    string? StatusReason, string BookedBy, DateTimeOffset RequestedAt, SessionPhase Phase, DateTimeOffset? CheckedInAt,
    DateTimeOffset? StartedAt, DateTimeOffset? SuspendedAt, string? SuspendReason, DateTimeOffset? EndedAt, int ExpertsPresent,
    DateTimeOffset? ProjectSuspendedAt = null);

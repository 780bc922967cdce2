using TradingOps.Core.Live;
using TradingOps.Core.Statistics;

namespace TradingOps.Core.Queue;

/// <summary>
/// A ticket changed (issued, called, recalled, serving, held, transferred, finished, no-show), carrying the change:
/// the ticket as it is now (<see cref="Ticket"/>), the window it happened at as it is now (<see cref="Window"/>: who
/// is signed on, its last action) and how many wait per service type after the change (<see cref="Waiting"/>), so
/// every node's queue read model and every hall display apply it without reading the database. Published once per
/// change, after the commit; plain records of primitives and lists, so it travels as JSON between nodes.
/// </summary>
/// <param name="HallZoneIds">Halls whose displays show it (the zones of the windows concerned).</param>
/// <param name="Clerk">The clerk who did it at the window, as shown: 工号 / 姓名 (hall displays show who calls).</param>
/// <param name="Ticket">The ticket after the change (null only from publishers that do not know it: readers re-read then).</param>
/// <param name="Waiting">Tickets waiting today per service type after the change (every type with at least one waiting).</param>
/// <param name="Window">The window the change happened at, after it (its clerk's last action moved).</param>
public sealed record TicketChanged(DateTimeOffset At, Guid TicketId, string Code, TicketEventKind Kind, Guid ServiceTypeId,
    Guid? WindowId, int? WindowNumber, IReadOnlyList<Guid> HallZoneIds, string? Clerk = null,
    TicketState? Ticket = null, IReadOnlyList<WaitingCount>? Waiting = null, WindowState? Window = null) : LiveEvent(At)
{
    public override IReadOnlyList<string> Topics => ConcernsHall ? [LiveTopics.Floor, .. HallZoneIds.Select(LiveTopics.Hall)] : [LiveTopics.Floor];

    /// <summary>Whether hall displays show the change: a call, or a change in how many wait.</summary>
    public bool ConcernsHall => Kind is TicketEventKind.Issued or TicketEventKind.Called or TicketEventKind.Recalled or TicketEventKind.Transferred;

    /// <summary>Whether the hall announces it (请A012号到3号窗口).</summary>
    public bool IsCall => Kind is TicketEventKind.Called or TicketEventKind.Recalled;
}

/// <summary>A window signed on or off, paused or resumed, taken over; <see cref="State"/> is the window after it
/// (null when its set-up changed: which types it serves, in service or not; readers re-read then).</summary>
public sealed record WindowStateChanged(DateTimeOffset At, Guid WindowId, WindowState? State = null) : LiveEvent(At)
{
    public override IReadOnlyList<string> Topics => [LiveTopics.Floor];
}

/// <summary>An admin changed the service types (added, renamed, (de)activated): readers re-read the queue's set-up.</summary>
public sealed record QueueSetupChanged(DateTimeOffset At) : LiveEvent(At);

/// <summary>A visitor rated a ticket; <see cref="FollowUpOpened"/> when it was a bad rating. Carries the type and
/// window the rating counts for (the ticket's), so live figures add it without reading.</summary>
public sealed record TicketRated(DateTimeOffset At, Guid TicketId, RatingLevel Level, bool FollowUpOpened,
    Guid? ServiceTypeId = null, Guid? WindowId = null) : LiveEvent(At)
{
    public override IReadOnlyList<string> Topics => [LiveTopics.Floor];
}

/// <summary>A supervisor recorded contact with or closed a bad-rating follow-up.</summary>
public sealed record FollowUpChanged(DateTimeOffset At, Guid FollowUpId) : LiveEvent(At);

/// <summary>How many tickets of a service type wait today.</summary>
public sealed record WaitingCount(Guid ServiceTypeId, int Waiting);

/// <summary>
/// A ticket as screens and live figures need it (everything but the rating secret): what
/// <see cref="QueueTicket.State"/> returns after a change, and what the queue read models hold.
/// </summary>
public sealed record TicketState(Guid Id, string Code, int Number, DateOnly ServiceDate, Guid ServiceTypeId, TicketStatus Status,
    bool IsPriority, string? PriorityReason, DateTimeOffset IssuedAt, DateTimeOffset ArrivedAt, Guid? TargetWindowId, Guid? WindowId,
    DateTimeOffset? CalledAt, DateTimeOffset? FirstCalledAt, int RecallCount, DateTimeOffset? ServingStartedAt, string? ServedByName,
    DateTimeOffset? FinishedAt, ServiceOutcome? Outcome, DateTimeOffset? RatedAt)
{
    /// <summary>The ticket as the figures count it (<see cref="QueueFigures"/>).</summary>
    public TicketFacts Facts => new("", null, ServedByName, ArrivedAt, FirstCalledAt, ServingStartedAt, FinishedAt, Status);
}

/// <summary>The queue side of a window as screens need it: who is signed on, pause, last action (idle sign-off).</summary>
public sealed record WindowState(Guid Id, Guid? ClerkStaffId, string? ClerkName, string? PauseReason, DateTimeOffset? PausedAt,
    DateTimeOffset? SignedOnAt, DateTimeOffset? LastActionAt, string? TakeOverReason)
{
    /// <summary><see cref="Organisation.ServiceWindow.IsIdle"/> on the window as the read model holds it (the same rule).</summary>
    public bool IsIdle(DateTimeOffset now, TimeSpan idle) => Organisation.ServiceWindow.IsIdleSince(ClerkStaffId, LastActionAt, SignedOnAt, now, idle);
}

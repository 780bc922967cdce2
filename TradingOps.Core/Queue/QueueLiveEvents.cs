using TradingOps.Core.Live;

namespace TradingOps.Core.Queue;

/// <summary>A ticket changed (issued, called, recalled, serving, held, transferred, finished, no-show).</summary>
/// <param name="HallZoneIds">Halls whose displays show it (the zones of the windows concerned).</param>
/// <param name="Clerk">The clerk who did it at the window, as shown: 工号 / 姓名 (hall displays show who calls).</param>
public sealed record TicketChanged(DateTimeOffset At, Guid TicketId, string Code, TicketEventKind Kind, Guid ServiceTypeId,
    Guid? WindowId, int? WindowNumber, IReadOnlyList<Guid> HallZoneIds, string? Clerk = null) : LiveEvent(At)
{
    public override IReadOnlyList<string> Topics => ConcernsHall ? [LiveTopics.Floor, .. HallZoneIds.Select(LiveTopics.Hall)] : [LiveTopics.Floor];

    /// <summary>Whether hall displays show the change: a call, or a change in how many wait.</summary>
    public bool ConcernsHall => Kind is TicketEventKind.Issued or TicketEventKind.Called or TicketEventKind.Recalled or TicketEventKind.Transferred;

    /// <summary>Whether the hall announces it (请A012号到3号窗口).</summary>
    public bool IsCall => Kind is TicketEventKind.Called or TicketEventKind.Recalled;
}

/// <summary>A window signed on or off, paused or resumed.</summary>
public sealed record WindowStateChanged(DateTimeOffset At, Guid WindowId) : LiveEvent(At)
{
    public override IReadOnlyList<string> Topics => [LiveTopics.Floor];
}

/// <summary>A visitor rated a ticket; <see cref="FollowUpOpened"/> when it was a bad rating.</summary>
public sealed record TicketRated(DateTimeOffset At, Guid TicketId, RatingLevel Level, bool FollowUpOpened) : LiveEvent(At)
{
    public override IReadOnlyList<string> Topics => [LiveTopics.Floor];
}

/// <summary>A supervisor recorded contact with or closed a bad-rating follow-up.</summary>
public sealed record FollowUpChanged(DateTimeOffset At, Guid FollowUpId) : LiveEvent(At);

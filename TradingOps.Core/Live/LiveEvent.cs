namespace TradingOps.Core.Live;

/// <summary>
/// Something changed that screens show. Services and jobs publish it through <see cref="ILiveEventPublisher"/>
/// after their transaction commits; Blazor circuits subscribe by type, SignalR clients by topic.
/// </summary>
public abstract record LiveEvent(DateTimeOffset At)
{
    /// <summary>SignalR groups that receive it (see <see cref="LiveTopics"/>); empty for in-process only.</summary>
    public virtual IReadOnlyList<string> Topics => [];
}

/// <summary>Group names shared by publishers and hubs.</summary>
public static class LiveTopics
{
    public const string Floor = "floor";
    public const string Registrations = "registrations";
    public static string Room(Guid roomId) => $"room:{roomId}";
    public static string Hall(Guid zoneId) => $"hall:{zoneId}";
}

/// <summary>
/// The server's heartbeat: states that change with time alone (a session running past its end, a deadline
/// passing, a ticket waiting too long) are re-evaluated on it, with no user action and no client timer.
/// </summary>
public sealed record ClockTick(DateTimeOffset At) : LiveEvent(At);

/// <summary>
/// This node may have missed changes (its bus connection came back, or a gap showed in another node's event
/// sequence): every read model re-reads its state from the database once. Local to a node, never relayed.
/// </summary>
public sealed record LiveResync(DateTimeOffset At, string Reason) : LiveEvent(At), INodeLocal;

/// <summary>
/// An event every node derives (or decides) for itself: the bus relay does not carry it to other nodes, and hub
/// clients get it only from the node they are connected to. Each node therefore sees it exactly once.
/// </summary>
public interface INodeLocal;

/// <summary>Port: publish a change to every screen that shows it.</summary>
public interface ILiveEventPublisher
{
    ValueTask PublishAsync(LiveEvent change, CancellationToken cancellationToken = default);
}

/// <summary>Admins changed the holiday schedule: every node drops its cached calendar, deadlines recompute.</summary>
public sealed record WorkCalendarChanged(DateTimeOffset At, int Year) : LiveEvent(At);

/// <summary>For hosts without live screens (tools, data tests): events go nowhere.</summary>
public sealed class NoLiveEvents : ILiveEventPublisher
{
    public ValueTask PublishAsync(LiveEvent change, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}

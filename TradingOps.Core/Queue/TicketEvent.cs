using TradingOps.Core.Common;

namespace TradingOps.Core.Queue;

/// <summary><see cref="TakenOver"/>: a duty manager took over the window while the visitor was at it.</summary>
public enum TicketEventKind { Issued, Called, Recalled, Serving, Held, Transferred, Finished, NoShow, Rated, TakenOver }

/// <summary>One thing that happened to a ticket, with its time: statistics can always be recomputed from these.</summary>
public sealed class TicketEvent : Entity
{
    public const int DetailMaxLength = 200;

    private TicketEvent() { }

    public TicketEvent(Guid ticketId, TicketEventKind kind, DateTimeOffset at, Guid serviceTypeId, Guid? windowId, string? detail,
        Guid? staffId = null)
    {
        TicketId = ticketId;
        Kind = kind;
        At = at.ToUniversalTime();
        ServiceTypeId = serviceTypeId;
        WindowId = windowId;
        Detail = detail;
        StaffId = staffId;
    }

    public Guid TicketId { get; private set; }
    public TicketEventKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public Guid ServiceTypeId { get; private set; }
    public Guid? WindowId { get; private set; }
    public string? Detail { get; private set; }
    /// <summary>
    /// The staff member who did it: the clerk signed on at the window (for a rating, the clerk rated); null for
    /// what visitors and the kiosk do (issuing).
    /// </summary>
    public Guid? StaffId { get; private set; }
}

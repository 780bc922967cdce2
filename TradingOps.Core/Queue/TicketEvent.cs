using TradingOps.Core.Common;

namespace TradingOps.Core.Queue;

public enum TicketEventKind { Issued, Called, Recalled, Serving, Held, Transferred, Finished, NoShow, Rated }

/// <summary>One thing that happened to a ticket, with its time: statistics can always be recomputed from these.</summary>
public sealed class TicketEvent : Entity
{
    private TicketEvent() { }

    public TicketEvent(Guid ticketId, TicketEventKind kind, DateTimeOffset at, Guid serviceTypeId, Guid? windowId, string? detail)
    {
        TicketId = ticketId;
        Kind = kind;
        At = at.ToUniversalTime();
        ServiceTypeId = serviceTypeId;
        WindowId = windowId;
        Detail = detail;
    }

    public Guid TicketId { get; private set; }
    public TicketEventKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public Guid ServiceTypeId { get; private set; }
    public Guid? WindowId { get; private set; }
    public string? Detail { get; private set; }
}

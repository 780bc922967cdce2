using System.Linq.Expressions;
using TradingOps.Core.Common;

namespace TradingOps.Core.Queue;

/// <summary>Section "Queue".</summary>
public sealed class QueueOptions
{
    public const string Section = "Queue";

    /// <summary>Recalls allowed after the first call; one more recall makes the ticket a no-show.</summary>
    public int MaxRecalls { get; set; } = 2;
    /// <summary>KPI: share of visitors called within this many minutes.</summary>
    public int TargetWaitMinutes { get; set; } = 15;
    /// <summary>A window where its clerk did nothing (no call, no service, no finish…) for this long is signed off.</summary>
    public int WindowIdleSignOffMinutes { get; set; } = 30;
    public int FollowUpContactWorkingDays { get; set; } = 1;
    public int FollowUpResolveWorkingDays { get; set; } = 15;
    /// <summary>
    /// A paired counter rating pad offers (and accepts) a rating of the ticket just finished at its window for
    /// this many minutes; later the visitor rates through the ticket's QR code (<see cref="PadRating"/>).
    /// </summary>
    public int PadRatingMinutes { get; set; } = 5;
    /// <summary>Kiosk: tickets one paired kiosk (or, unpaired, one client address) may take per minute.</summary>
    public int KioskTicketsPerMinute { get; set; } = 6;
}

/// <summary>The queue's order, one definition for memory and for the database.</summary>
public static class QueueRules
{
    /// <summary>Tickets a window may call: waiting, of a type it serves or transferred to it by name.</summary>
    public static Expression<Func<QueueTicket, bool>> CallableBy(Guid windowId, IReadOnlyCollection<Guid> serviceTypeIds, DateOnly serviceDate) =>
        t => t.Status == TicketStatus.Waiting && t.ServiceDate == serviceDate
             && (t.TargetWindowId == windowId || (t.TargetWindowId == null && serviceTypeIds.Contains(t.ServiceTypeId)));

    /// <summary>Priority (green channel) first, then longest waiting (original arrival), then number.</summary>
    public static IOrderedQueryable<QueueTicket> InCallOrder(this IQueryable<QueueTicket> tickets) =>
        tickets.OrderByDescending(t => t.IsPriority).ThenBy(t => t.ArrivedAt).ThenBy(t => t.Number);

    /// <summary>The next ticket for a window from tickets in memory.</summary>
    public static QueueTicket? NextFor(IEnumerable<QueueTicket> tickets, Guid windowId, IReadOnlyCollection<Guid> serviceTypeIds, DateOnly serviceDate) =>
        tickets.AsQueryable().Where(CallableBy(windowId, serviceTypeIds, serviceDate)).InCallOrder().FirstOrDefault();

    /// <summary>The local service day a ticket issued at this instant belongs to (numbers restart on it).</summary>
    public static DateOnly ServiceDateOf(DateTimeOffset instant) => DateOnly.FromDateTime(CenterTime.ToLocal(instant).DateTime);
}

using System.Linq.Expressions;
using TradingOps.Core.Common;
using TradingOps.Core.Organisation;

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

/// <summary>
/// The queue's rules, one definition each for memory and for the database: a query uses the expression, code in
/// memory (the service, the read models) the function next to it, which is the same expression compiled or the
/// same condition on a <see cref="TicketState"/>.
/// </summary>
public static class QueueRules
{
    /// <summary>Tickets a window may call: waiting, of a type it serves or transferred to it by name.</summary>
    public static Expression<Func<QueueTicket, bool>> CallableBy(Guid windowId, IReadOnlyCollection<Guid> serviceTypeIds, DateOnly serviceDate) =>
        t => t.Status == TicketStatus.Waiting && t.ServiceDate == serviceDate
             && (t.TargetWindowId == windowId || (t.TargetWindowId == null && serviceTypeIds.Contains(t.ServiceTypeId)));

    /// <summary><see cref="CallableBy"/> on a ticket held in memory by a read model.</summary>
    public static bool IsCallableBy(TicketState t, Guid windowId, IReadOnlyCollection<Guid> serviceTypeIds, DateOnly serviceDate) =>
        t.Status == TicketStatus.Waiting && t.ServiceDate == serviceDate
        && (t.TargetWindowId == windowId || (t.TargetWindowId == null && serviceTypeIds.Contains(t.ServiceTypeId)));

    /// <summary><see cref="InCallOrder(IQueryable{QueueTicket})"/> for tickets held in memory.</summary>
    public static IOrderedEnumerable<TicketState> InCallOrder(this IEnumerable<TicketState> tickets) =>
        tickets.OrderByDescending(t => t.IsPriority).ThenBy(t => t.ArrivedAt).ThenBy(t => t.Number);

    /// <summary>
    /// 窗口忙: a window has a visitor called to it or being served there; it calls the next one only after
    /// finishing, holding or marking that one a no-show (a held visitor does not keep the window busy).
    /// </summary>
    public static Expression<Func<QueueTicket, bool>> OccupiesWindow(Guid windowId) =>
        t => t.WindowId == windowId && (t.Status == TicketStatus.Called || t.Status == TicketStatus.Serving);

    /// <summary><see cref="OccupiesWindow"/> for a ticket in memory.</summary>
    public static bool Occupies(TicketState t, Guid windowId) =>
        t.WindowId == windowId && (t.Status == TicketStatus.Called || t.Status == TicketStatus.Serving);

    /// <summary>Refuses to call the next visitor while the window is busy (<see cref="OccupiesWindow"/>).</summary>
    public static void EnsureWindowFree(bool occupied)
    {
        if (occupied) throw new DomainException("Window.Busy", "请先办结、挂起或过号当前号码，再叫下一位");
    }

    /// <summary>
    /// 每日编号: today's tickets of a prefix (a transferred ticket keeps its code and so its prefix); the next
    /// number is one more than the highest of them (<see cref="NextNumber"/>), restarting at 1 every service day.
    /// </summary>
    public static Expression<Func<QueueTicket, bool>> NumberedToday(string prefix, DateOnly serviceDate) =>
        t => t.ServiceDate == serviceDate && t.Code.StartsWith(prefix);

    /// <summary>The number the next ticket of a prefix gets, from the highest issued today (null: none yet).</summary>
    public static int NextNumber(int? highestToday) => (highestToday ?? 0) + 1;

    /// <summary>
    /// 转移: a ticket goes to an active service type, and (when a window is named) to a window in service.
    /// <paramref name="toType"/> and <paramref name="toWindow"/> are what was found for the ids asked for.
    /// </summary>
    public static void EnsureTransferTarget(Organisation.ServiceType? toType, Guid? toWindowId, Organisation.ServiceWindow? toWindow)
    {
        if (toType is null || !toType.IsActive)
            throw new DomainException("Ticket.UnknownType", "没有这种业务");
        if (toWindowId is not null && (toWindow is null || toWindow.Id != toWindowId || !toWindow.InService))
            throw new DomainException("ServiceWindow.Unknown", "目标窗口不存在或已停用");
    }

    /// <summary>Priority (green channel) first, then longest waiting (original arrival), then number.</summary>
    public static IOrderedQueryable<QueueTicket> InCallOrder(this IQueryable<QueueTicket> tickets) =>
        tickets.OrderByDescending(t => t.IsPriority).ThenBy(t => t.ArrivedAt).ThenBy(t => t.Number);

    /// <summary>The next ticket for a window from tickets in memory.</summary>
    public static QueueTicket? NextFor(IEnumerable<QueueTicket> tickets, Guid windowId, IReadOnlyCollection<Guid> serviceTypeIds, DateOnly serviceDate) =>
        tickets.AsQueryable().Where(CallableBy(windowId, serviceTypeIds, serviceDate)).InCallOrder().FirstOrDefault();

    /// <summary>The local service day a ticket issued at this instant belongs to (numbers restart on it).</summary>
    public static DateOnly ServiceDateOf(DateTimeOffset instant) => DateOnly.FromDateTime(CenterTime.ToLocal(instant).DateTime);
}

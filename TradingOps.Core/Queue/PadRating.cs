using System.Linq.Expressions;
using TradingOps.Core.Common;
using TradingOps.Core.Devices;

namespace TradingOps.Core.Queue;

/// <summary>
/// What a counter rating pad may rate: only the ticket just finished at the one window it is paired with, and only
/// for a short while (Queue:PadRatingMinutes). Every other rating goes through the ticket's own QR code, which only
/// its holder has. One home for the rule: the pad's offer (a query) and the server's check on submit use it.
/// </summary>
public static class PadRating
{
    /// <summary>Tickets finished at the window since <paramref name="since"/> and not yet rated, latest first in the caller's order.</summary>
    public static Expression<Func<QueueTicket, bool>> FinishedAt(Guid windowId, DateTimeOffset since) =>
        t => t.WindowId == windowId && t.Status == TicketStatus.Finished && t.FinishedAt >= since;

    /// <summary>The earliest finish a pad may still rate at <paramref name="now"/>.</summary>
    public static DateTimeOffset Since(DateTimeOffset now, int minutes) => now.AddMinutes(-minutes);

    /// <summary>
    /// Refuses (DomainException) unless <paramref name="pad"/> may rate <paramref name="ticket"/> now.
    /// <paramref name="latestFinishedAtWindow"/> is the ticket most recently finished at the pad's window.
    /// </summary>
    public static void EnsureAllowed(PairedDevice pad, QueueTicket ticket, Guid? latestFinishedAtWindow, DateTimeOffset now, int minutes)
    {
        if (!pad.IsActive || pad.Kind != DeviceKind.RatingPad || pad.WindowId is null)
            throw new DomainException("Rating.NotAPad", "此设备不是已配对的评价器");
        if (ticket.WindowId != pad.WindowId || ticket.Status != TicketStatus.Finished || ticket.FinishedAt is null)
            throw new DomainException("Rating.OtherWindow", $"{ticket.Code} 号不是在本窗口办结的，不能在此评价");
        if (ticket.RatedAt is not null)
            throw new DomainException("Ticket.AlreadyRated", $"{ticket.Code} 号已经评价过了，每张号只能评价一次");
        if (ticket.FinishedAt < Since(now, minutes))
            throw new DomainException("Rating.TooLate", $"{ticket.Code} 号办结已超过 {minutes} 分钟，请扫描号票上的二维码评价");
        if (latestFinishedAtWindow != ticket.Id)
            throw new DomainException("Rating.NotLatest", $"本窗口之后又办结了其他号码，{ticket.Code} 号请扫描号票上的二维码评价");
    }
}

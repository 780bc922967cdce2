using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;

namespace TradingOps.Data.Floor;

/// <summary>The agency's messages about a booking, ready to add to the outbox in the caller's transaction.</summary>
internal static class BookingOutbox
{
    /// <summary>
    /// <see cref="BookingNotices.For"/> with the center's name read from the database (the first center); no read at all
    /// when the booking has no contact phone or mailbox (nothing to send then).
    /// </summary>
    public static async Task<IReadOnlyList<OutboxMessage>> NoticesAsync(TradingOpsDbContext db, NotificationKind kind, RoomBooking booking,
        string roomName, DateTimeOffset now, string? detail = null, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(booking.ContactPhone) && string.IsNullOrEmpty(booking.ContactEmail)) return [];
        return BookingNotices.For(kind, booking, roomName, await CenterNameAsync(db, ct), now, detail);
    }

    /// <summary>The center's name as its messages are signed (the first center).</summary>
    public static async Task<string> CenterNameAsync(TradingOpsDbContext db, CancellationToken ct) =>
        await db.Centers.AsNoTracking().OrderBy(c => c.Code).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "公共资源交易中心";
}

using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Queue;
using TradingOps.Core.Statistics;

namespace TradingOps.Data.Statistics;

/// <summary>
/// Reads tickets as the statistics see them (<see cref="TicketFacts"/>: service type and window by name, the clerk who
/// served), for the statistics job and the period queries alike, so both count the same tickets under the same keys.
/// </summary>
public static class TicketFactsReader
{
    public static async Task<List<TicketFacts>> ReadAsync(TradingOpsDbContext db, IQueryable<QueueTicket> tickets, CancellationToken ct) =>
        (await ReadByDayAsync(db, tickets, ct)).Select(t => t.Facts).ToList();

    /// <summary>The same facts with each ticket's service day: a range of days read at once, then split by day.</summary>
    public static async Task<List<(DateOnly Day, TicketFacts Facts)>> ReadByDayAsync(TradingOpsDbContext db, IQueryable<QueueTicket> tickets, CancellationToken ct)
    {
        var types = await db.ServiceTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var windows = await db.ServiceWindows.AsNoTracking().ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        return (await tickets.AsNoTracking()
                .Select(t => new { t.ServiceDate, t.ServiceTypeId, t.WindowId, t.ServedByName, t.ArrivedAt, t.FirstCalledAt, t.ServingStartedAt, t.FinishedAt, t.Status })
                .ToListAsync(ct))
            .Select(t => (t.ServiceDate, new TicketFacts(types.GetValueOrDefault(t.ServiceTypeId, "?"), t.WindowId is { } w ? windows.GetValueOrDefault(w) : null,
                t.ServedByName, t.ArrivedAt, t.FirstCalledAt, t.ServingStartedAt, t.FinishedAt, t.Status)))
            .ToList();
    }
}

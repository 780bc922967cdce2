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
    public static async Task<List<TicketFacts>> ReadAsync(TradingOpsDbContext db, IQueryable<QueueTicket> tickets, CancellationToken ct)
    {
        var types = await db.ServiceTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var windows = await db.ServiceWindows.AsNoTracking().ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        return (await tickets.AsNoTracking()
                .Select(t => new { t.ServiceTypeId, t.WindowId, t.ServedByName, t.ArrivedAt, t.FirstCalledAt, t.ServingStartedAt, t.FinishedAt, t.Status })
                .ToListAsync(ct))
            .Select(t => new TicketFacts(types.GetValueOrDefault(t.ServiceTypeId, "?"), t.WindowId is { } w ? windows.GetValueOrDefault(w) : null,
                t.ServedByName, t.ArrivedAt, t.FirstCalledAt, t.ServingStartedAt, t.FinishedAt, t.Status))
            .ToList();
    }
}

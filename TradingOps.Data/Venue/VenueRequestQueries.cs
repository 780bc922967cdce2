using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Venue;

namespace TradingOps.Data.Venue;

/// <summary>The desk's request queue as read from the database (the node's read model starts from it).</summary>
public sealed class VenueRequestQueries(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock)
{
    /// <summary>Closed requests stay in the queue's "done" filter for this long.</summary>
    public static readonly TimeSpan RecentlyClosed = TimeSpan.FromDays(7);

    /// <summary>Every open request and those closed in the last week, in the queue's order (one query).</summary>
    public async Task<IReadOnlyList<VenueRequestRow>> QueueAsync(CancellationToken ct = default)
    {
        var since = clock.GetUtcNow() - RecentlyClosed;
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.VenueRequests.AsNoTracking()
            .Where(r => r.Status == VenueRequestStatus.Open || r.AnsweredAt >= since)
            .Select(r => new VenueRequestRow(r.Id, r.Kind, r.Source, r.Status, r.ProjectCode, r.ProjectName, r.Agency, r.Purpose,
                r.Attendees, r.RoomId, r.WantedStart, r.WantedEnd, r.BookingId, r.ReceivedAt, r.DueAt, r.DueProvisional, r.AnsweredAt))
            .ToListAsync(ct);
        return VenueRequestRow.QueueOrder(rows);
    }

    /// <summary>One request with its contact (staff detail: personal data).</summary>
    public async Task<VenueRequest?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.VenueRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
    }
}

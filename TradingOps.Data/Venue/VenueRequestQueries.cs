using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Floor;
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

    /// <summary>The bookings a booking request can be answered with: the project's bookings that hold their room (one query).</summary>
    public async Task<IReadOnlyList<RequestBookingOption>> BookingsOfProjectAsync(string projectCode, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var holding = RoomBooking.HoldingStatuses;
        return await (from b in db.RoomBookings.AsNoTracking()
                      join r in db.Rooms on b.RoomId equals r.Id
                      where b.ProjectCode == projectCode && holding.Contains(b.Status)
                      orderby b.StartsAt
                      select new RequestBookingOption(b.Id, r.Name, b.StartsAt, b.EndsAt, b.Status)).Take(50).ToListAsync(ct);
    }

    /// <summary>Rooms in service for the desk form's room choice.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name, int Capacity)>> RoomsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.InService).OrderBy(r => r.Code)
            .Select(r => new { r.Id, r.Code, r.Name, r.Capacity }).ToListAsync(ct);
        return rooms.Select(r => (r.Id, $"{r.Code} {r.Name}", r.Capacity)).ToList();
    }

    /// <summary>One request with its contact (staff detail: personal data).</summary>
    public async Task<VenueRequest?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.VenueRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
    }
}

/// <summary>A booking to answer a request with, as the queue lists it.</summary>
public sealed record RequestBookingOption(Guid Id, string RoomName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, BookingStatus Status);

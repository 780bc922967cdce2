using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Notifications;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Witness;

/// <summary>The incident list's filters: open or closed, category, project code (prefix), opened on or after / before a day.</summary>
public sealed record IncidentFilter(bool? Open = null, IncidentCategory? Category = null, string? Project = null,
    DateTimeOffset? From = null, DateTimeOffset? Until = null, int Take = 200);

/// <summary>One outbox message an incident sent, with where its delivery stands.</summary>
public sealed record IncidentMessage(Guid Id, NotificationKind Kind, NotificationChannel Channel, string Recipient, string Address,
    string Subject, DeliveryState State, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? LastError);

/// <summary>An incident with its ticks, the messages it sent and the witness entries it wrote (in chain order).</summary>
public sealed record IncidentDetail(Incident Incident, string? ProjectName, string? RoomName, IReadOnlyList<IncidentMessage> Messages,
    IReadOnlyList<WitnessEntry> Entries);

public sealed class IncidentQueries(IDbContextFactory<TradingOpsDbContext> factory)
{
    public async Task<IReadOnlyList<IncidentRow>> ListAsync(IncidentFilter filter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Incidents.AsNoTracking();
        if (filter.Open is true) q = q.Where(i => i.State != IncidentState.Closed);
        if (filter.Open is false) q = q.Where(i => i.State == IncidentState.Closed);
        if (filter.Category is { } c) q = q.Where(i => i.Category == c);
        if (!string.IsNullOrWhiteSpace(filter.Project))
        {
            var p = filter.Project.Trim();
            q = q.Where(i => i.ProjectCode.Contains(p));
        }
        if (filter.From is { } from) q = q.Where(i => i.OpenedAt >= from);
        if (filter.Until is { } until) q = q.Where(i => i.OpenedAt < until);
        var rows = await q.OrderByDescending(i => i.OpenedAt).Take(Math.Clamp(filter.Take, 1, 1000)).ToListAsync(ct);
        return rows.Select(i => i.ToRow()).ToList();
    }

    /// <summary>Incidents whose department report is not recorded yet (the wall counts the overdue ones on the tick).</summary>
    public async Task<IReadOnlyList<IncidentRow>> UnreportedAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Incidents.AsNoTracking().Where(i => i.ReportedAt == null && i.State != IncidentState.Closed).ToListAsync(ct);
        return rows.Select(i => i.ToRow()).ToList();
    }

    public async Task<IncidentDetail?> DetailAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Ticks).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (incident is null) return null;
        var projectName = await db.TradingProjects.AsNoTracking().Where(p => p.Code == incident.ProjectCode).Select(p => p.Name).FirstOrDefaultAsync(ct);
        string? roomName = null;
        if (incident.BookingId is { } bookingId)
        {
            var booking = await db.RoomBookings.AsNoTracking().Where(b => b.Id == bookingId).Select(b => new { b.RoomId, b.ProjectName }).SingleOrDefaultAsync(ct);
            if (booking is not null)
            {
                projectName ??= booking.ProjectName;
                roomName = await db.Rooms.AsNoTracking().Where(r => r.Id == booking.RoomId).Select(r => r.Code + " " + r.Name).SingleOrDefaultAsync(ct);
            }
        }
        var messages = await (from n in db.IncidentNotices.AsNoTracking()
                              join m in db.OutboxMessages.AsNoTracking() on n.MessageId equals m.Id
                              where n.IncidentId == id
                              select new IncidentMessage(m.Id, m.Kind, m.Channel, m.Recipient, m.Address, m.Subject, m.State, m.Attempts, m.CreatedAt, m.SentAt, m.LastError))
            .ToListAsync(ct);
        var key = WitnessChain.KeyOf(incident.ProjectCode);
        var marker = incident.Id.ToString();
        var entries = await db.WitnessEntries.AsNoTracking()
            .Where(e => e.ChainKey == key && e.Data != null && e.Data.Contains(marker))
            .OrderBy(e => e.Sequence).ToListAsync(ct);
        return new IncidentDetail(incident, projectName, roomName, messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Recipient).ToList(), entries);
    }
}

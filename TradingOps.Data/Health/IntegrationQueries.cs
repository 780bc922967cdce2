using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Common;
using TradingOps.Core.Devices;
using TradingOps.Core.Health;
using TradingOps.Core.Notifications;
using TradingOps.Core.Queue;

namespace TradingOps.Data.Health;

/// <summary>What the metrics endpoint reports that only the database knows: devices by state, open alerts, the outbox, waiting tickets.</summary>
public sealed record HealthCounts(IReadOnlyDictionary<DeviceHealthState, int> Devices, int OpenAlerts, OutboxBacklog Outbox, int QueueWaiting);

/// <summary>
/// The reads behind the integrations' health (issue 21): the outbox's backlog for the notification sender's probe,
/// a plain round trip for the database's, and the counts the Prometheus endpoint exports. Device states come from
/// <see cref="DeviceHealth.Classify"/>, the one rule the health board uses.
/// </summary>
public sealed class IntegrationQueries(IDbContextFactory<TradingOpsDbContext> factory, IOptions<HealthOptions> options, TimeProvider clock)
{
    /// <summary>
    /// One round trip to the database on a connection of its own (<c>SELECT 1</c>): the probe answers whether the
    /// database answers, and costs nothing the EF command counters of other features would see.
    /// </summary>
    public async Task PingAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(ct);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>Outbox messages due and not sent (pending, next attempt reached), the oldest due time, given-up ones, the last sent.</summary>
    public async Task<OutboxBacklog> OutboxAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var pending = DeliveryState.Pending;
        var due = db.OutboxMessages.AsNoTracking().Where(m => m.State == pending && m.NextAttemptAt <= now);
        var count = await due.CountAsync(ct);
        // The smallest instant by ordering (not Min): the providers' DateTimeOffset columns all order correctly.
        var oldest = count == 0 ? (DateTimeOffset?)null
            : await due.OrderBy(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(ct);
        var givenUp = await db.OutboxMessages.CountAsync(m => m.State == DeliveryState.GivenUp, ct);
        var lastSent = await db.OutboxMessages.AsNoTracking().Where(m => m.State == DeliveryState.Sent)
            .OrderByDescending(m => m.SentAt).Select(m => m.SentAt).FirstOrDefaultAsync(ct);
        return new OutboxBacklog(count, oldest, givenUp, lastSent);
    }

    /// <summary>The counts the metrics export, read once per scrape.</summary>
    public async Task<HealthCounts> CountsAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var devices = await db.PairedDevices.AsNoTracking().Where(d => d.RevokedAt == null)
            .Select(d => new { d.Id, d.Kind }).ToListAsync(ct);
        var beats = await db.DeviceHeartbeats.AsNoTracking()
            .Select(h => new { h.Id, h.LastSeenAt, h.LastErrorAt }).ToDictionaryAsync(h => h.Id, ct);
        var byState = Enum.GetValues<DeviceHealthState>().ToDictionary(s => s, _ => 0);
        foreach (var d in devices)
        {
            beats.TryGetValue(d.Id, out var beat);
            byState[DeviceHealth.Classify(d.Kind, beat?.LastSeenAt, beat?.LastErrorAt, now, options.Value)]++;
        }
        var openAlerts = await db.OpsAlerts.CountAsync(a => a.ClearedAt == null, ct);
        var today = CenterTime.Today(clock);
        var waiting = await db.QueueTickets.CountAsync(t => t.ServiceDate == today && t.Status == TicketStatus.Waiting, ct);
        return new HealthCounts(byState, openAlerts, await OutboxAsync(ct), waiting);
    }
}

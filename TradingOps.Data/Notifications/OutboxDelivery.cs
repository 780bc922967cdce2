using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingOps.Core.Common;
using TradingOps.Core.Notifications;

namespace TradingOps.Data.Notifications;

public sealed record DeliveryRun(int Sent, int Failed, int GivenUp)
{
    public bool Idle => Sent + Failed + GivenUp == 0;

    public override string ToString() => $"已发送 {Sent} 条，失败待重试 {Failed} 条，放弃 {GivenUp} 条";
}

/// <summary>
/// Sends what is due in the outbox: the oldest due messages first, each saved the moment it is sent or failed, so
/// a crash or a sender outage mid-run loses nothing and sends nothing twice that was recorded sent. A failure keeps
/// the message pending with a later next attempt (<see cref="OutboxMessage.MarkFailed"/>); the delivery job runs
/// this every few seconds on one node of the cluster.
/// </summary>
public sealed class OutboxDelivery(IDbContextFactory<TradingOpsDbContext> factory, INotificationSender sender, TimeProvider clock,
    IOptions<NotificationOptions> options, ILogger<OutboxDelivery> logger)
{
    public async Task<DeliveryRun> DeliverDueAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditDisabled = true; // delivery is the system's bookkeeping; what a person does to a message is audited
        var now = clock.GetUtcNow();
        var pending = DeliveryState.Pending;
        var due = await db.OutboxMessages
            .Where(m => m.State == pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.CreatedAt)
            .Take(Math.Max(1, options.Value.BatchSize))
            .ToListAsync(ct);
        int sent = 0, failed = 0, givenUp = 0;
        foreach (var message in due)
        {
            try
            {
                await sender.SendAsync(message, ct);
                message.MarkSent(clock.GetUtcNow());
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                message.MarkFailed(ex.GetBaseException().Message, clock.GetUtcNow());
                if (message.State == DeliveryState.GivenUp) givenUp++; else failed++;
                logger.LogWarning(ex, "Outbox message {Id} ({Channel}) failed, attempt {Attempt}", message.Id, message.Channel, message.Attempts);
            }
            await db.SaveChangesAsync(CancellationToken.None); // recorded even when the run is being stopped
        }
        return new DeliveryRun(sent, failed, givenUp);
    }
}

public sealed record OutboxRow(Guid Id, DateTimeOffset CreatedAt, NotificationKind Kind, NotificationChannel Channel, string Recipient,
    string MaskedAddress, string Subject, DeliveryState State, int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt,
    string? LastError, Guid? BookingId, string? Agency);

public sealed record OutboxSummary(int Pending, int Retrying, int GivenUp, int SentToday, DateTimeOffset? LastSentAt,
    IReadOnlyDictionary<NotificationChannel, string> Senders);

public sealed record OutboxFilter(DeliveryState? State = null, NotificationChannel? Channel = null, Guid? BookingId = null, int Page = 0, int PageSize = 50);

/// <summary>The outbox as the admin page and a booking's page read it (addresses masked), and the admin's retry.</summary>
public sealed class OutboxQueries(IDbContextFactory<TradingOpsDbContext> factory, INotificationSender sender, TimeProvider clock)
{
    public async Task<OutboxSummary> SummaryAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (dayStart, _) = CenterTime.DayBounds(CenterTime.Today(clock));
        var counts = await db.OutboxMessages
            .GroupBy(m => 1)
            .Select(g => new
            {
                Pending = g.Count(m => m.State == DeliveryState.Pending && m.Attempts == 0),
                Retrying = g.Count(m => m.State == DeliveryState.Pending && m.Attempts > 0),
                GivenUp = g.Count(m => m.State == DeliveryState.GivenUp),
                SentToday = g.Count(m => m.State == DeliveryState.Sent && m.SentAt >= dayStart),
                LastSent = g.Max(m => m.SentAt),
            })
            .SingleOrDefaultAsync(ct);
        return new OutboxSummary(counts?.Pending ?? 0, counts?.Retrying ?? 0, counts?.GivenUp ?? 0, counts?.SentToday ?? 0, counts?.LastSent,
            Enum.GetValues<NotificationChannel>().ToDictionary(c => c, sender.Describe));
    }

    public async Task<(IReadOnlyList<OutboxRow> Rows, int Total)> ListAsync(OutboxFilter filter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.OutboxMessages.AsNoTracking();
        if (filter.State is { } state) query = query.Where(m => m.State == state);
        if (filter.Channel is { } channel) query = query.Where(m => m.Channel == channel);
        if (filter.BookingId is { } booking) query = query.Where(m => m.BookingId == booking);
        var total = await query.CountAsync(ct);
        var page = await query.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id)
            .Skip(Math.Max(0, filter.Page) * filter.PageSize).Take(filter.PageSize)
            .ToListAsync(ct);
        return (page.Select(m => new OutboxRow(m.Id, m.CreatedAt, m.Kind, m.Channel, m.Recipient, NotificationAddress.Mask(m.Channel, m.Address),
            m.Subject, m.State, m.Attempts, m.NextAttemptAt, m.SentAt, m.LastError, m.BookingId, m.Agency)).ToList(), total);
    }

    /// <summary>An admin sends a message again now (audited: it is a person's action).</summary>
    public async Task RetryAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new DomainException("Outbox.NotFound", "消息不存在");
        message.Retry(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every given-up message back to pending (after the sender was fixed); returns how many.</summary>
    public async Task<int> RetryAllGivenUpAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var givenUp = await db.OutboxMessages.Where(m => m.State == DeliveryState.GivenUp).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var m in givenUp) m.Retry(now);
        await db.SaveChangesAsync(ct);
        return givenUp.Count;
    }
}

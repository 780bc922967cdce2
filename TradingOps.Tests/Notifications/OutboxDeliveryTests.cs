using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Notifications;
using TradingOps.Data;
using TradingOps.Data.Notifications;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Notifications;

/// <summary>A sender that is down until told otherwise, or down for some addresses only; it records what it sent.</summary>
public sealed class FlakySender : INotificationSender
{
    public bool Down { get; set; }
    public HashSet<string> FailingAddresses { get; } = [];
    public List<OutboxMessage> Sent { get; } = [];

    public string Describe(NotificationChannel channel) => "test";

    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (Down) throw new InvalidOperationException("短信网关无响应");
        if (FailingAddresses.Contains(message.Address)) throw new InvalidOperationException($"地址被拒绝：{message.Address}");
        Sent.Add(message);
        return Task.CompletedTask;
    }
}

/// <summary>The outbox on a real SQLite database: nothing is lost while the sender is down, nothing is sent twice.</summary>
public sealed class OutboxDeliveryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));
    private readonly FlakySender _sender = new();
    private ServiceProvider _data = null!;

    public async Task InitializeAsync()
    {
        _data = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), actor: Actor.User("admin-id", "admin"), clock: _clock);
        await using var scope = _data.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    public async Task DisposeAsync() => await _data.DisposeAsync();

    private IDbContextFactory<TradingOpsDbContext> Factory => _data.CreateScope().ServiceProvider.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>();

    private OutboxDelivery Delivery() => new(Factory, _sender, _clock,
        Options.Create(new NotificationOptions()), NullLogger<OutboxDelivery>.Instance);

    private OutboxQueries Queries() => new(Factory, _sender, _clock);

    private async Task<List<Guid>> QueueAsync(params string[] phones)
    {
        await using var db = await _data.NewContextAsync();
        var messages = phones.Select(p => new OutboxMessage(NotificationKind.BookingConfirmed, NotificationChannel.Sms, "李敏", p,
            "场地预约已确认", $"致 {p}", null, "云南某招标代理有限公司", _clock.GetUtcNow())).ToList();
        db.OutboxMessages.AddRange(messages);
        await db.SaveChangesAsync();
        return messages.Select(m => m.Id).ToList();
    }

    private async Task<List<OutboxMessage>> AllAsync()
    {
        await using var db = await _data.NewContextAsync();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Address).ToListAsync();
    }

    [Fact]
    public async Task Messages_written_while_the_sender_is_down_are_all_sent_once_it_is_back_and_none_twice()
    {
        await QueueAsync("13800000001", "13800000002", "13800000003");
        _sender.Down = true;

        Assert.Equal(new DeliveryRun(0, 3, 0), await Delivery().DeliverDueAsync());
        Assert.All(await AllAsync(), m =>
        {
            Assert.Equal(DeliveryState.Pending, m.State);
            Assert.Equal(1, m.Attempts);
            Assert.Equal("短信网关无响应", m.LastError);
            Assert.Equal(_clock.GetUtcNow().AddMinutes(1), m.NextAttemptAt);
        });
        Assert.True((await Delivery().DeliverDueAsync()).Idle); // not due again before its next attempt

        _sender.Down = false;
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new DeliveryRun(3, 0, 0), await Delivery().DeliverDueAsync());
        Assert.True((await Delivery().DeliverDueAsync()).Idle);
        Assert.Equal(["13800000001", "13800000002", "13800000003"], _sender.Sent.Select(m => m.Address).Order());
        Assert.All(await AllAsync(), m => Assert.Equal(DeliveryState.Sent, m.State));
    }

    [Fact]
    public async Task One_refused_address_does_not_hold_back_the_other_messages()
    {
        await QueueAsync("13800000001", "13800000002");
        _sender.FailingAddresses.Add("13800000001");
        Assert.Equal(new DeliveryRun(1, 1, 0), await Delivery().DeliverDueAsync());
        var all = await AllAsync();
        Assert.Equal(DeliveryState.Pending, all[0].State);
        Assert.Equal(DeliveryState.Sent, all[1].State);
    }

    [Fact]
    public async Task A_message_failing_every_time_is_given_up_after_the_last_attempt_and_an_admins_retry_sends_it_and_is_audited()
    {
        var id = (await QueueAsync("13800000009")).Single();
        _sender.Down = true;
        for (var attempt = 1; attempt <= OutboxMessage.MaxAttempts; attempt++)
        {
            await Delivery().DeliverDueAsync();
            _clock.Advance(TimeSpan.FromHours(1));
        }
        var summary = await Queries().SummaryAsync();
        Assert.Equal((0, 0, 1), (summary.Pending, summary.Retrying, summary.GivenUp));
        Assert.True((await Delivery().DeliverDueAsync()).Idle); // given up: no more attempts by itself

        _sender.Down = false;
        await Queries().RetryAsync(id);
        Assert.Equal(new DeliveryRun(1, 0, 0), await Delivery().DeliverDueAsync());
        Assert.Equal(DeliveryState.Sent, (await AllAsync()).Single().State);

        await using var db = await _data.NewContextAsync();
        var trail = await db.AuditEntries.Where(a => a.Entity == nameof(OutboxMessage) && a.Action == AuditAction.Modified).ToListAsync();
        Assert.Single(trail); // the retry, by a person; the delivery's bookkeeping is not in the trail
        Assert.Equal("admin", trail[0].ActorName);
    }

    [Fact]
    public async Task The_list_masks_addresses_and_filters_by_state()
    {
        await QueueAsync("13812345678");
        var (rows, total) = await Queries().ListAsync(new OutboxFilter(DeliveryState.Pending));
        Assert.Equal(1, total);
        Assert.Equal("138****5678", rows.Single().MaskedAddress);
        Assert.Equal(0, (await Queries().ListAsync(new OutboxFilter(DeliveryState.Sent))).Total);
        Assert.Equal("li***@example.cn", NotificationAddress.Mask(NotificationChannel.Email, "limin@example.cn"));
    }
}

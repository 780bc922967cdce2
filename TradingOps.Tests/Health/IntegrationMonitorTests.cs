using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using TradingOps.Core.Auditing;
using TradingOps.Core.Duty;
using TradingOps.Core.Health;
using TradingOps.Core.Notifications;
using TradingOps.Data;
using TradingOps.Data.Duty;
using TradingOps.Data.Health;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Health;
using TradingOps.Web.Jobs;
using TradingOps.Web.Live;

namespace TradingOps.Tests.Health;

/// <summary>
/// The integrations' monitor over a real SQLite database and a real (in-memory) Quartz scheduler, on a fake clock:
/// an integration degraded for the configured minutes raises its operations alert once, and recovery clears it;
/// where this node runs no jobs nothing of the jobs' is alerted.
/// </summary>
public sealed class IntegrationMonitorTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 2, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private ServiceProvider _services = default!;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), Actor.System("test"), clock: _clock, configure: s =>
        {
            s.Configure<HealthOptions>(o =>
            {
                o.IntegrationProbeSeconds = 30;
                o.IntegrationDegradedAlertMinutes = 5;
                o.OutboxStaleMinutes = 10;
            });
            s.AddScoped<IntegrationQueries>();
            s.AddQuartz(); // in memory: the scheduler probe asks it its state
            // The node's live bus: alerts raised elsewhere reach the monitor as OpsAlertChanged.
            s.AddSingleton<LiveEventBus>();
            s.AddSingleton<TradingOps.Core.Live.ILiveEventPublisher>(sp => sp.GetRequiredService<LiveEventBus>());
            s.AddSingleton<ILiveEventSubscriptions>(sp => sp.GetRequiredService<LiveEventBus>());
        });
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        var scheduler = await _services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Shutdown();
        await _services.DisposeAsync();
    }

    private async Task<IntegrationMonitor> MonitorAsync(bool jobsHere)
    {
        if (jobsHere) await (await _services.GetRequiredService<ISchedulerFactory>().GetScheduler()).Start();
        return new IntegrationMonitor(_services, new IntegrationBoard(), _services.GetRequiredService<IOptions<HealthOptions>>(),
            Options.Create(new JobsOptions { Enabled = jobsHere }), _clock, NullLogger<IntegrationMonitor>.Instance);
    }

    private async Task<OutboxMessage> PendingMessageAsync(DateTimeOffset createdAt)
    {
        await using var db = await _services.NewContextAsync();
        var message = new OutboxMessage(NotificationKind.BookingConfirmed, NotificationChannel.Sms, "某代理机构", "13800000000", "预约已确认", "正文", null, null, createdAt);
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message;
    }

    private async Task<List<OpsAlert>> AlertsAsync(string key)
    {
        await using var db = await _services.NewContextAsync();
        return await db.OpsAlerts.AsNoTracking().Where(a => a.Key == key).ToListAsync();
    }

    [Fact]
    public async Task A_notification_sender_degraded_for_the_configured_minutes_raises_one_alert_and_recovery_clears_it()
    {
        var message = await PendingMessageAsync(Start.AddMinutes(-11)); // due 11 minutes, the threshold is 10
        var monitor = await MonitorAsync(jobsHere: true);
        const string key = "integration:notifications";

        var first = await monitor.ProbeAsync();
        Assert.Equal(IntegrationState.Amber, first.Of(IntegrationKind.NotificationSender)!.State);
        Assert.Equal(IntegrationState.Green, first.Of(IntegrationKind.Database)!.State);
        Assert.Equal(IntegrationState.Green, first.Of(IntegrationKind.Scheduler)!.State);
        Assert.Null(first.Of(IntegrationKind.RedisBus)); // no scale-out configured: not watched
        Assert.Empty(await AlertsAsync(key));

        _clock.Advance(TimeSpan.FromMinutes(4));
        await monitor.ProbeAsync();
        Assert.Empty(await AlertsAsync(key)); // degraded 4 minutes of 5

        _clock.Advance(TimeSpan.FromMinutes(1));
        await monitor.ProbeAsync();
        _clock.Advance(TimeSpan.FromSeconds(30));
        await monitor.ProbeAsync();
        var raised = Assert.Single(await AlertsAsync(key));
        Assert.True(raised.IsOpen);
        Assert.Equal(OpsAlertKind.IntegrationDown, raised.Kind);
        Assert.Equal("外部接口异常：通知发送降级", raised.Title);
        Assert.Contains("待发 1 条", raised.Detail);
        Assert.Empty((await AlertsAsync("integration:database")).Concat(await AlertsAsync("integration:scheduler")));

        await using (var db = await _services.NewContextAsync())
        {
            var sent = await db.OutboxMessages.SingleAsync(m => m.Id == message.Id);
            sent.MarkSent(_clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        _clock.Advance(TimeSpan.FromSeconds(30));
        var recovered = await monitor.ProbeAsync();
        Assert.Equal(IntegrationState.Green, recovered.Of(IntegrationKind.NotificationSender)!.State);
        var cleared = Assert.Single(await AlertsAsync(key));
        Assert.False(cleared.IsOpen);
        Assert.Equal(_clock.GetUtcNow(), cleared.ClearedAt);
    }

    [Fact]
    public async Task Where_this_node_runs_no_jobs_the_scheduler_and_sender_read_not_running_and_never_alert()
    {
        await PendingMessageAsync(Start.AddHours(-2)); // nobody here delivers it
        var monitor = await MonitorAsync(jobsHere: false);

        IntegrationSnapshot last = default!;
        for (var i = 0; i < 30; i++)
        {
            last = await monitor.ProbeAsync();
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(IntegrationState.NotRunning, last.Of(IntegrationKind.Scheduler)!.State);
        Assert.Equal(IntegrationState.NotRunning, last.Of(IntegrationKind.NotificationSender)!.State);
        Assert.Contains("本节点不发送通知", last.Of(IntegrationKind.NotificationSender)!.Detail);
        Assert.All(last.Items, i => Assert.False(i.IsUnhealthy, $"{i.Kind} {i.State}"));
        await using var db = await _services.NewContextAsync();
        Assert.Equal(0, await db.OpsAlerts.CountAsync());
    }

    [Fact]
    public async Task An_integration_alert_left_open_by_an_earlier_run_is_cleared_once_the_integration_answers()
    {
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<OpsAlertService>()
                .RaiseAsync(OpsAlertKind.IntegrationDown, "integration:database", "外部接口异常：数据库故障", "上一次运行留下的");
        var monitor = await MonitorAsync(jobsHere: false);

        var snapshot = await monitor.ProbeAsync();

        Assert.Equal(IntegrationState.Green, snapshot.Of(IntegrationKind.Database)!.State);
        Assert.False(Assert.Single(await AlertsAsync("integration:database")).IsOpen);
    }

    [Fact]
    public async Task A_node_that_sees_an_integration_healthy_leaves_open_the_alert_another_node_raised_for_it()
    {
        var monitor = await MonitorAsync(jobsHere: false);
        await monitor.ProbeAsync(); // this node has looked: nothing was open
        const string key = "integration:database";
        await using (var scope = _services.CreateAsyncScope()) // another node, whose database connection fails
            await scope.ServiceProvider.GetRequiredService<OpsAlertService>()
                .RaiseAsync(OpsAlertKind.IntegrationDown, key, "外部接口异常：数据库故障", "节点 web-2#7：数据库无法访问");
        await _services.GetRequiredService<LiveEventBus>().DeliveredAsync();

        _clock.Advance(TimeSpan.FromSeconds(30));
        await monitor.ProbeAsync();
        _clock.Advance(TimeSpan.FromSeconds(30));
        var snapshot = await monitor.ProbeAsync();

        Assert.Equal(IntegrationState.Green, snapshot.Of(IntegrationKind.Database)!.State); // healthy here…
        Assert.True(Assert.Single(await AlertsAsync(key)).IsOpen);                          // …yet not this node's to clear
    }
}

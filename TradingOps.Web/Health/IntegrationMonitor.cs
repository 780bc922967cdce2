using System.Diagnostics;
using Microsoft.Extensions.Options;
using Quartz;
using StackExchange.Redis;
using TradingOps.Core.Duty;
using TradingOps.Core.Health;
using TradingOps.Data.Duty;
using TradingOps.Data.Health;
using TradingOps.Web.Jobs;
using TradingOps.Web.Live;

namespace TradingOps.Web.Health;

/// <summary>
/// Probes this node's integrations every Health:IntegrationProbeSeconds: the database (one <c>SELECT 1</c>), the
/// Redis bus (only when scale-out is configured), the Quartz scheduler and the notification sender (the outbox;
/// both only where this node runs the jobs: elsewhere they read "not running on this node", never failed), and the
/// node itself. Each result goes through <see cref="IntegrationHealth"/> into the <see cref="IntegrationBoard"/>;
/// an integration amber or red for Health:IntegrationDegradedAlertMinutes raises the operations alert
/// <c>integration:{name}</c>, which is cleared when it is healthy again.
/// </summary>
public sealed class IntegrationMonitor : BackgroundService
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private readonly IServiceProvider _services;
    private readonly IntegrationBoard _board;
    private readonly IOptions<HealthOptions> _options;
    private readonly TimeProvider _clock;
    private readonly bool _jobsHere;
    private readonly IConnectionMultiplexer? _redis;
    private readonly ILogger<IntegrationMonitor> _logger;
    private readonly IDisposable? _alertChanges;
    private readonly SemaphoreSlim _probing = new(1, 1);
    private readonly Lock _gate = new();
    // Integration alerts known open anywhere (null: not yet read since start), kept current from OpsAlertChanged: not raised twice.
    private HashSet<string>? _open;
    // The ones this node answers for (raised here, or found open at start): only these it clears, so a healthy node
    // does not clear what another node still sees (Redis, the scheduler and the sender are seen per node).
    private readonly HashSet<string> _mine = [];

    public IntegrationMonitor(IServiceProvider services, IntegrationBoard board, IOptions<HealthOptions> options, IOptions<JobsOptions> jobs,
        TimeProvider clock, ILogger<IntegrationMonitor> logger)
    {
        _services = services;
        _board = board;
        _options = options;
        _clock = clock;
        _jobsHere = jobs.Value.Enabled;
        _redis = services.GetService<IConnectionMultiplexer>();
        _logger = logger;
        // Another node raising or clearing an integration alert: this node knows without reading.
        _alertChanges = services.GetService<ILiveEventSubscriptions>()?.Subscribe<OpsAlertChanged>(change =>
        {
            if (change.Row.Key.StartsWith("integration:", StringComparison.Ordinal))
                lock (_gate)
                    if (_open is not null)
                    {
                        if (change.Row.IsOpen) _open.Add(change.Row.Key);
                        else
                        {
                            _open.Remove(change.Row.Key);
                            _mine.Remove(change.Row.Key); // cleared elsewhere: raised again here if it still holds here
                        }
                    }
            return Task.CompletedTask;
        });
    }

    /// <summary>The integrations this node watches (Redis only with scale-out configured).</summary>
    public IReadOnlyList<IntegrationKind> Watched =>
        _redis is null
            ? [IntegrationKind.Database, IntegrationKind.Scheduler, IntegrationKind.NotificationSender, IntegrationKind.Node]
            : [IntegrationKind.Database, IntegrationKind.RedisBus, IntegrationKind.Scheduler, IntegrationKind.NotificationSender, IntegrationKind.Node];

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The first look before the node serves: the board is never empty and stale alerts of a previous run are
        // settled before anyone counts this node's database work.
        // Bounded: a database that does not answer must not hold the node's start.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(2 * ProbeTimeout);
        try
        {
            await ProbeAsync(bounded.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "The first integration probe failed");
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real seconds: a fake clock in a test moves the readings, not the cadence.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(5, _options.Value.IntegrationProbeSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ProbeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Integration probe failed");
            }
        }
    }

    /// <summary>Probes every integration once, publishes the board and raises or clears the alerts. Returns the new board.</summary>
    public async Task<IntegrationSnapshot> ProbeAsync(CancellationToken ct = default)
    {
        await _probing.WaitAsync(ct);
        try
        {
            var options = _options.Value;
            var previous = _board.Current;
            var statuses = new List<IntegrationStatus>();
            foreach (var kind in Watched)
            {
                var probe = await ProbeOneAsync(kind, ct);
                statuses.Add(IntegrationHealth.Next(previous.Of(kind), probe, options));
            }
            var next = new IntegrationSnapshot(IntegrationBoard.NodeName, _clock.GetUtcNow(), statuses);
            _board.Publish(next);
            await SettleAlertsAsync(next, ct);
            return next;
        }
        finally
        {
            _probing.Release();
        }
    }

    private async Task<IntegrationProbe> ProbeOneAsync(IntegrationKind kind, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ProbeTimeout);
            var (outcome, detail) = kind switch
            {
                IntegrationKind.Database => await DatabaseAsync(timeout.Token),
                IntegrationKind.RedisBus => await RedisAsync(),
                IntegrationKind.Scheduler => await SchedulerAsync(timeout.Token),
                IntegrationKind.NotificationSender => await OutboxAsync(timeout.Token),
                _ => Node(),
            };
            return new IntegrationProbe(kind, outcome, detail, _clock.GetUtcNow());
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var message = ex is OperationCanceledException ? $"{ProbeTimeout.TotalSeconds:0} 秒内无应答" : ex.GetBaseException().Message;
            return new IntegrationProbe(kind, ProbeOutcome.Failed, Clip($"{IntegrationHealth.Name(kind)}无法访问：{message}"), _clock.GetUtcNow());
        }
    }

    private async Task<(ProbeOutcome, string)> DatabaseAsync(CancellationToken ct)
    {
        await using var scope = _services.CreateAsyncScope();
        var watch = Stopwatch.StartNew();
        await scope.ServiceProvider.GetRequiredService<IntegrationQueries>().PingAsync(ct);
        return (ProbeOutcome.Ok, $"连接正常，往返 {watch.ElapsedMilliseconds} 毫秒");
    }

    private async Task<(ProbeOutcome, string)> RedisAsync()
    {
        if (!_redis!.IsConnected)
            return (ProbeOutcome.Failed, "Redis 未连接：跨节点实时更新暂停，本节点继续服务，恢复后自动续传");
        var rtt = await _redis.GetDatabase().PingAsync().WaitAsync(ProbeTimeout);
        return (ProbeOutcome.Ok, $"已连接，往返 {rtt.TotalMilliseconds:0} 毫秒");
    }

    private async Task<(ProbeOutcome, string)> SchedulerAsync(CancellationToken ct)
    {
        if (!_jobsHere) return (ProbeOutcome.NotRunning, "本节点未启用定时任务（Jobs:Enabled=false），由其他节点运行");
        var scheduler = await _services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
        var status = await scheduler.GetStatus(ct);
        return status switch
        {
            SchedulerStatus.Running => (ProbeOutcome.Ok, $"运行中（实例 {await scheduler.GetSchedulerInstanceId(ct)}）"),
            SchedulerStatus.Created or SchedulerStatus.Standby => (ProbeOutcome.Degraded, "调度器尚未启动或处于待机"),
            _ => (ProbeOutcome.Failed, $"调度器未运行（{status}）"),
        };
    }

    private async Task<(ProbeOutcome, string)> OutboxAsync(CancellationToken ct)
    {
        if (!_jobsHere) return (ProbeOutcome.NotRunning, "本节点不发送通知（定时任务未启用），由运行定时任务的节点发送");
        await using var scope = _services.CreateAsyncScope();
        var backlog = await scope.ServiceProvider.GetRequiredService<IntegrationQueries>().OutboxAsync(ct);
        var (outcome, detail) = IntegrationHealth.Outbox(backlog, _clock.GetUtcNow(), _options.Value);
        return (outcome, detail);
    }

    private (ProbeOutcome, string) Node()
    {
        using var process = Process.GetCurrentProcess();
        var up = DateTime.Now - process.StartTime;
        return (ProbeOutcome.Ok, $"{IntegrationBoard.NodeName}，已运行 {(int)up.TotalHours} 小时 {up.Minutes} 分，内存 {process.WorkingSet64 / (1024 * 1024)} MB");
    }

    /// <summary>Raises what has been unhealthy long enough, clears what is healthy again (or not run here).</summary>
    private async Task SettleAlertsAsync(IntegrationSnapshot snapshot, CancellationToken ct)
    {
        var options = _options.Value;
        var now = _clock.GetUtcNow();
        try
        {
            await using var scope = _services.CreateAsyncScope();
            var alerts = scope.ServiceProvider.GetRequiredService<OpsAlertService>();
            bool loaded;
            lock (_gate) loaded = _open is not null;
            if (!loaded)
            {
                var found = (await alerts.OpenAsync(ct)).Select(a => a.Key).Where(k => k.StartsWith("integration:", StringComparison.Ordinal)).ToList();
                lock (_gate)
                {
                    _open = [.. found];
                    _mine.UnionWith(found); // left by an earlier run: settled by what this node sees now
                }
            }
            foreach (var status in snapshot.Items)
            {
                var key = IntegrationHealth.AlertKey(status.Kind);
                bool openAnywhere, mine;
                lock (_gate) (openAnywhere, mine) = (_open!.Contains(key), _mine.Contains(key));
                if (IntegrationHealth.ShouldAlert(status, now, options))
                {
                    if (openAnywhere) continue; // raised already (here or by another node)
                    var (title, detail) = IntegrationHealth.AlertText(status, snapshot.Node);
                    await alerts.RaiseAsync(OpsAlertKind.IntegrationDown, key, title, detail, null, ct);
                    lock (_gate)
                    {
                        _open!.Add(key);
                        _mine.Add(key);
                    }
                }
                else if (!status.IsUnhealthy && mine)
                {
                    await alerts.ClearAsync(key, ct);
                    lock (_gate)
                    {
                        _open!.Remove(key);
                        _mine.Remove(key);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The database itself may be what is down: the next probe tries again.
            _logger.LogWarning(ex, "Integration alerts could not be raised or cleared");
        }
    }

    private static string Clip(string s) => s.Length > 200 ? s[..200] : s;

    public override void Dispose()
    {
        _alertChanges?.Dispose();
        _probing.Dispose();
        base.Dispose();
    }
}

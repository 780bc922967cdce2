using System.Diagnostics.Metrics;
using TradingOps.Core.Health;
using TradingOps.Data.Health;

namespace TradingOps.Web.Health;

/// <summary>
/// The TradingOps meter, exported at /metrics for the center's own monitoring: devices by health state, open
/// operations alerts, each integration up (1) or not (0), the outbox's backlog and today's waiting tickets. The
/// database counts are read once per scrape (<see cref="RefreshAsync"/>, before the exporter collects); the
/// integrations come from this node's <see cref="IntegrationBoard"/>. Nothing here names a person or a project.
/// </summary>
public sealed class TradingOpsMetrics
{
    public const string MeterName = "TradingOps";

    private readonly IntegrationBoard _board;
    private readonly TimeProvider _clock;
    private HealthCounts? _counts;

    public TradingOpsMetrics(IMeterFactory meters, IntegrationBoard board, TimeProvider clock)
    {
        _board = board;
        _clock = clock;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("tradingops.devices", Devices, description: "Paired devices by health state (green, amber, red, never_seen)");
        meter.CreateObservableGauge("tradingops.ops_alerts.open", () => Count(c => c.OpenAlerts), description: "Open operations alerts");
        meter.CreateObservableGauge("tradingops.integration.up", Integrations, description: "1 when the integration is healthy on this node, 0 when degraded or failed");
        meter.CreateObservableGauge("tradingops.outbox.backlog", () => Count(c => c.Outbox.Due), description: "Outbox messages due and not sent");
        meter.CreateObservableGauge("tradingops.outbox.oldest_due_age", OldestDue, unit: "s", description: "Seconds the oldest due outbox message has waited");
        meter.CreateObservableGauge("tradingops.queue.waiting", () => Count(c => c.QueueWaiting), description: "Tickets waiting in the queue today");
    }

    /// <summary>Reads the database counts for this scrape; on failure the previous counts stay (the database gauge says why).</summary>
    public async Task RefreshAsync(IServiceProvider services, CancellationToken ct)
    {
        _counts = await services.GetRequiredService<IntegrationQueries>().CountsAsync(ct);
    }

    private IEnumerable<Measurement<int>> Count(Func<HealthCounts, int> read) =>
        _counts is { } c ? [new Measurement<int>(read(c))] : [];

    private IEnumerable<Measurement<int>> Devices() =>
        _counts is { } c
            ? c.Devices.Select(d => new Measurement<int>(d.Value, new KeyValuePair<string, object?>("state", StateLabel(d.Key))))
            : [];

    private IEnumerable<Measurement<int>> Integrations() =>
        _board.Current.Items.Where(i => i.State != IntegrationState.NotRunning)
            .Select(i => new Measurement<int>(i.State == IntegrationState.Green ? 1 : 0,
                new KeyValuePair<string, object?>("integration", IntegrationHealth.Code(i.Kind))));

    private IEnumerable<Measurement<double>> OldestDue() =>
        _counts is { Outbox: var o }
            ? [new Measurement<double>(o.OldestDueSince is { } since ? Math.Max(0, (_clock.GetUtcNow() - since).TotalSeconds) : 0)]
            : [];

    public static string StateLabel(DeviceHealthState state) => state switch
    {
        DeviceHealthState.Green => "green",
        DeviceHealthState.Amber => "amber",
        DeviceHealthState.Red => "red",
        _ => "never_seen",
    };
}

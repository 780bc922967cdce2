using Microsoft.Extensions.Options;
using TradingOps.Core.Health;
using TradingOps.Data.Duty;

namespace TradingOps.Data.Health;

/// <summary>
/// 设备失联巡检 (run every 30 s by the DeviceSilenceJob): a device seen once and silent past its kind's threshold
/// (<see cref="DeviceHealth.IsSilent"/>) raises an operations alert, keyed per device; a device heard from again, or
/// revoked, has its alert cleared (its heartbeat clears it at once too). A device paired but never seen raises nothing.
/// </summary>
public sealed class DeviceSilenceWatch(DeviceHealthService health, OpsAlertService alerts, IOptions<HealthOptions> options, TimeProvider clock)
{
    public sealed record Run(int Raised, int Cleared, int Silent)
    {
        public bool Idle => Raised == 0 && Cleared == 0;
        public override string ToString() => $"设备失联巡检：失联 {Silent} 台，新告警 {Raised} 条，解除 {Cleared} 条";
    }

    public async Task<Run> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var board = await health.BoardAsync(ct);
        var open = (await alerts.OpenAsync(ct)).Where(a => a.Key.StartsWith(DevicePulseText.AlertKeyPrefix, StringComparison.Ordinal))
            .ToDictionary(a => a.Key);
        int raised = 0, cleared = 0, silent = 0;
        foreach (var pulse in board)
        {
            var key = DevicePulseText.AlertKey(pulse.DeviceId);
            if (pulse.IsSilentAt(now, o))
            {
                silent++;
                var was = open.ContainsKey(key);
                await alerts.RaiseAsync(Core.Duty.OpsAlertKind.DeviceSilent, key, DevicePulseText.SilentTitle(pulse), DevicePulseText.SilentDetail(pulse, o), ct: ct);
                if (!was) raised++;
            }
            else if (open.ContainsKey(key) && await alerts.ClearAsync(key, ct)) cleared++;
            open.Remove(key);
        }
        // Alerts of devices no longer on the board (revoked): nothing left to watch.
        foreach (var key in open.Keys)
            if (await alerts.ClearAsync(key, ct)) cleared++;
        return new Run(raised, cleared, silent);
    }
}

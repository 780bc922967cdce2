using TradingOps.Core.Health;
using TradingOps.Data.Health;
using TradingOps.Web.Live;

namespace TradingOps.Web.Health;

/// <summary>The devices on the board and when they were read (a device paired or revoked since shows after a re-read).</summary>
public sealed record DeviceBoardState(IReadOnlyList<DevicePulse> Devices, DateTimeOffset ReadAt);

/// <summary>
/// The health board's devices on this node: read from the database once, then kept up to date from
/// <see cref="DevicePulseChanged"/> (each heartbeat and reload carries the device's row); read again on
/// <see cref="Core.Live.LiveResync"/> and every few minutes (pairing and revocation publish no pulse). Colours are
/// derived by the screen from the rows and the clock (<see cref="DevicePulse.StateAt"/>), so a device that stops
/// beating turns amber and red with no change at all.
/// </summary>
public sealed class DeviceHealthBoard(IServiceScopeFactory scopes, ILiveEventSubscriptions live, TimeProvider clock)
    : LiveReadModel<DeviceBoardState, DevicePulseChanged>(scopes, live)
{
    public static readonly TimeSpan ReadAgainAfter = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<DevicePulse>> DevicesAsync(DevicePulseChanged? change = null) => (await CurrentAsync(change)).Devices;

    protected override async Task<DeviceBoardState> ReadAsync(IServiceProvider services) =>
        new(await services.GetRequiredService<DeviceHealthService>().BoardAsync(), clock.GetUtcNow());

    protected override bool IsCurrent(DeviceBoardState state) => clock.GetUtcNow() - state.ReadAt < ReadAgainAfter;

    protected override DeviceBoardState Applied(DeviceBoardState state, DevicePulseChanged change) =>
        state with
        {
            Devices = state.Devices.Where(p => p.DeviceId != change.Pulse.DeviceId).Append(change.Pulse)
                .OrderBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal).ToList(),
        };
}

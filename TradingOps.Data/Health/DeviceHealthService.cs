using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Devices;
using TradingOps.Core.Health;
using TradingOps.Core.Live;
using TradingOps.Data.Duty;
using TradingOps.Data.Identity;

namespace TradingOps.Data.Health;

/// <summary>What a device's page sends with its heartbeat (all of it the device's own say: the server knows who it is from its pairing).</summary>
public sealed record HeartbeatReport(string? BootId, string? Version, int? ScreenWidth, int? ScreenHeight, string? Page, string? Error);

/// <summary>The server's answer to a heartbeat: reload now (the command taken), or nothing.</summary>
public sealed record HeartbeatAnswer(Guid? ReloadCommandId, DevicePulse Pulse)
{
    public bool Reload => ReloadCommandId is not null;
}

/// <summary>
/// Device heartbeats and remote reload (issue 21). A heartbeat is recorded on the device's one <see cref="DeviceHeartbeat"/>
/// row (kept out of the audit trail on purpose); a reload a duty manager asks for is a <see cref="DeviceCommand"/>
/// (audited: a person's act), handed to the device with its next heartbeat, and seen to come back when the device
/// beats from a new page load. A device that beats again clears its silence alert at once.
/// Every change is published (<see cref="DevicePulseChanged"/>) after commit.
/// </summary>
public sealed class DeviceHealthService(
    IDbContextFactory<TradingOpsDbContext> factory,
    ICurrentActor actor,
    OpsAlertService alerts,
    IOptions<HealthOptions> options,
    ILiveEventPublisher live,
    TimeProvider clock)
{
    /// <summary>Who may ask devices to reload: duty managers and admins (the web's RoleSets.HealthOperators).</summary>
    public static readonly string[] OperatorRoles = [Roles.DutyManager, Roles.Admin];

    /// <summary>Records a heartbeat of the paired device <paramref name="deviceId"/> and hands it a pending reload, if any.</summary>
    public async Task<HeartbeatAnswer> BeatAsync(Guid deviceId, HeartbeatReport report, string? address, CancellationToken ct = default)
    {
        try
        {
            return await BeatOnceAsync(deviceId, report, address, ct);
        }
        catch (DbUpdateException)
        {
            // A device's very first beats raced (two tabs, two nodes): the other one created its row; beat on top of it.
            return await BeatOnceAsync(deviceId, report, address, ct);
        }
    }

    private async Task<HeartbeatAnswer> BeatOnceAsync(Guid deviceId, HeartbeatReport report, string? address, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        await using var db = await factory.CreateDbContextAsync(ct);
        var device = await db.PairedDevices.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deviceId && d.RevokedAt == null, ct)
                     ?? throw new DomainException("Device.Unknown", "设备未配对或已撤销");
        var beat = await db.DeviceHeartbeats.SingleOrDefaultAsync(h => h.Id == deviceId, ct);
        var wasSilent = beat is null || DeviceHealth.IsSilent(device.Kind, beat.LastSeenAt, now, o);
        if (beat is null)
        {
            beat = new DeviceHeartbeat(deviceId, device.Kind, now);
            db.DeviceHeartbeats.Add(beat);
        }
        var restarted = beat.Beat(now, report.BootId ?? "", report.Version, report.ScreenWidth, report.ScreenHeight, report.Page, report.Error, address);

        var open = await db.DeviceCommands.Where(c => c.DeviceId == deviceId && c.CameBackAt == null).ToListAsync(ct);
        // A page loaded after the command was handed over: the reload came back.
        if (restarted)
            foreach (var delivered in open.Where(c => c.DeliveredAt is not null))
                delivered.CameBack(now);
        // One reload, however many were asked before the device beat again.
        Guid? reload = null;
        foreach (var pending in open.Where(c => c.DeliveredAt is null).OrderBy(c => c.RequestedAt))
        {
            pending.Delivered(now);
            reload ??= pending.Id;
        }
        await db.SaveChangesAsync(ct);

        var pulse = await PulseAsync(db, device, beat, ct);
        await live.PublishAsync(new DevicePulseChanged(now, pulse), ct);
        // Heard from again: its silence alert (if the watch raised one) clears now, not at the watch's next run.
        if (wasSilent) await alerts.ClearAsync(DevicePulseText.AlertKey(deviceId), ct);
        return new HeartbeatAnswer(reload, pulse);
    }

    /// <summary>Asks one device to reload its page (audited); a reload already waiting for the device is not asked twice.</summary>
    public async Task<DevicePulse> RequestReloadAsync(Guid deviceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var who = await OperatorAsync(db, ct);
        var device = await db.PairedDevices.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deviceId, ct)
                     ?? throw new DomainException("Device.Unknown", "没有这台设备");
        if (!device.IsActive) throw new DomainException("Device.Revoked", $"设备「{device.Name}」已撤销，不能远程刷新");
        var pulses = await RequestAsync(db, [device], who, ct);
        return pulses.Single();
    }

    /// <summary>Asks every active device of <paramref name="kind"/> to reload (one batch, each request audited). Returns their rows.</summary>
    public async Task<IReadOnlyList<DevicePulse>> RequestReloadAllAsync(DeviceKind kind, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var who = await OperatorAsync(db, ct);
        var devices = await db.PairedDevices.AsNoTracking().Where(d => d.Kind == kind && d.RevokedAt == null).ToListAsync(ct);
        if (devices.Count == 0) throw new DomainException("Device.NoneOfKind", $"没有已配对的{DevicePulseText.KindName(kind)}");
        return await RequestAsync(db, devices, who, ct);
    }

    private async Task<IReadOnlyList<DevicePulse>> RequestAsync(TradingOpsDbContext db, IReadOnlyList<PairedDevice> devices, Actor who, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ids = devices.Select(d => d.Id).ToList();
        var waiting = await db.DeviceCommands.Where(c => ids.Contains(c.DeviceId) && c.DeliveredAt == null).Select(c => c.DeviceId).ToListAsync(ct);
        var beats = await db.DeviceHeartbeats.AsNoTracking().Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
        var batch = Guid.CreateVersion7();
        foreach (var device in devices.Where(d => !waiting.Contains(d.Id)))
            db.DeviceCommands.Add(new DeviceCommand(device.Id, DeviceCommandKind.Reload, batch, beats.GetValueOrDefault(device.Id)?.BootId, who.Name, now));
        await db.SaveChangesAsync(ct);
        var pulses = new List<DevicePulse>();
        foreach (var device in devices)
        {
            var pulse = await PulseAsync(db, device, beats.GetValueOrDefault(device.Id), ct);
            await live.PublishAsync(new DevicePulseChanged(now, pulse), ct);
            pulses.Add(pulse);
        }
        return pulses;
    }

    private async Task<Actor> OperatorAsync(TradingOpsDbContext db, CancellationToken ct)
    {
        var who = await actor.GetAsync(ct);
        if (!await UserRoles.HasAnyAsync(db, who, OperatorRoles, ct))
            throw new DomainException("Health.NotOperator", "只有值班经理和系统管理员可以远程刷新设备");
        return who;
    }

    /// <summary>Every active paired device with its heartbeat and latest reload, by kind then name.</summary>
    public async Task<IReadOnlyList<DevicePulse>> BoardAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var devices = await db.PairedDevices.AsNoTracking().Where(d => d.RevokedAt == null).ToListAsync(ct);
        var beats = await db.DeviceHeartbeats.AsNoTracking().ToDictionaryAsync(h => h.Id, ct);
        var commands = (await db.DeviceCommands.AsNoTracking().ToListAsync(ct))
            .GroupBy(c => c.DeviceId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.RequestedAt));
        var places = await PlacesAsync(db, devices, ct);
        return devices
            .Select(d => DevicePulse.Of(d, places.GetValueOrDefault(d.Id), beats.GetValueOrDefault(d.Id), commands.GetValueOrDefault(d.Id)))
            .OrderBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<DevicePulse> PulseAsync(TradingOpsDbContext db, PairedDevice device, DeviceHeartbeat? beat, CancellationToken ct)
    {
        var commands = await db.DeviceCommands.AsNoTracking().Where(c => c.DeviceId == device.Id).ToListAsync(ct);
        var places = await PlacesAsync(db, [device], ct);
        return DevicePulse.Of(device, places.GetValueOrDefault(device.Id), beat, commands.MaxBy(c => c.RequestedAt));
    }

    private static async Task<Dictionary<Guid, string?>> PlacesAsync(TradingOpsDbContext db, IReadOnlyList<PairedDevice> devices, CancellationToken ct)
    {
        var windowIds = devices.Where(d => d.WindowId is not null).Select(d => d.WindowId!.Value).ToList();
        var roomIds = devices.Where(d => d.RoomId is not null).Select(d => d.RoomId!.Value).ToList();
        var windows = windowIds.Count == 0 ? [] : await db.ServiceWindows.AsNoTracking().Where(w => windowIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Number, ct);
        var rooms = roomIds.Count == 0 ? [] : await db.Rooms.AsNoTracking().Where(r => roomIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => new { r.Code, r.Name }, ct);
        return devices.ToDictionary(d => d.Id, d => DevicePulseText.Location(
            d.WindowId is { } w && windows.TryGetValue(w, out var n) ? n : null,
            d.RoomId is { } r && rooms.TryGetValue(r, out var room) ? room.Code : null,
            d.RoomId is { } s && rooms.TryGetValue(s, out var named) ? named.Name : null));
    }
}

public static class DeviceHealthSetup
{
    /// <summary>Heartbeats, remote reload and the silence watch (needs <see cref="DutySetup.AddFacilitiesAndHealth"/>).</summary>
    public static IServiceCollection AddDeviceHealth(this IServiceCollection services)
    {
        services.AddScoped<DeviceHealthService>();
        services.AddScoped<DeviceSilenceWatch>();
        return services;
    }
}

using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Devices;

namespace TradingOps.Data.Devices;

/// <summary>A paired device as a request knows it once its secret was checked.</summary>
public sealed record DeviceIdentity(Guid Id, DeviceKind Kind, string Name, Guid? WindowId, int? WindowNumber, Guid? RoomId = null);

public sealed record DeviceRow(Guid Id, DeviceKind Kind, string Name, int? WindowNumber, string? WindowName,
    DateTimeOffset PairedAt, string PairedBy, DateTimeOffset? RevokedAt, string? RevokedBy)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>The secret of a device just paired, in its display form: shown to the admin once, never stored.</summary>
public sealed record PairedDeviceSecret(Guid DeviceId, string Secret);

/// <summary>
/// Pairing, revoking and recognising devices (ARCHITECTURE "Devices"). Pairing and revocation are changes of a
/// person, written to the audit trail by the interceptor in the same transaction (the hash shows as ***).
/// </summary>
public sealed class DeviceService(IDbContextFactory<TradingOpsDbContext> factory, ICurrentActor actor, TimeProvider clock)
{
    public async Task<PairedDeviceSecret> PairAsync(DeviceKind kind, string? name, Guid? windowId, CancellationToken ct = default, Guid? roomId = null)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (windowId is { } id && !await db.ServiceWindows.AnyAsync(w => w.Id == id, ct))
            throw new DomainException("Device.UnknownWindow", "没有这个服务窗口");
        if (roomId is { } rid && !await db.Rooms.AnyAsync(r => r.Id == rid, ct))
            throw new DomainException("Device.UnknownRoom", "没有这个场地");
        var secret = DeviceSecret.New();
        var who = await actor.GetAsync(ct);
        var device = new PairedDevice(kind, name ?? "", windowId, DeviceSecret.Hash(DeviceSecret.Normalize(secret)!), who.Name, clock.GetUtcNow(), roomId);
        db.PairedDevices.Add(device);
        await db.SaveChangesAsync(ct);
        return new PairedDeviceSecret(device.Id, secret);
    }

    public async Task RevokeAsync(Guid deviceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var device = await db.PairedDevices.SingleOrDefaultAsync(d => d.Id == deviceId, ct)
                     ?? throw new DomainException("Device.Unknown", "没有这台设备");
        device.Revoke((await actor.GetAsync(ct)).Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<DeviceRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var windows = await db.ServiceWindows.AsNoTracking().ToDictionaryAsync(w => w.Id, w => new { w.Number, w.Name }, ct);
        var devices = await db.PairedDevices.AsNoTracking().ToListAsync(ct);
        return devices
            .OrderBy(d => d.RevokedAt is null ? 0 : 1).ThenBy(d => d.Kind).ThenBy(d => d.WindowId is { } w ? windows[w].Number : 0).ThenBy(d => d.Name)
            .Select(d => new DeviceRow(d.Id, d.Kind, d.Name, d.WindowId is { } w ? windows[w].Number : null, d.WindowId is { } v ? windows[v].Name : null,
                d.PairedAt, d.PairedBy, d.RevokedAt, d.RevokedBy))
            .ToList();
    }

    /// <summary>
    /// The active device whose secret this is, or null: anything that is not a well-formed secret is refused before
    /// the database is asked, and the stored hash is compared in constant time.
    /// </summary>
    public async Task<DeviceIdentity?> AuthenticateAsync(string? presented, CancellationToken ct = default)
    {
        var normalized = DeviceSecret.Normalize(presented);
        if (normalized is null) return null;
        var hash = DeviceSecret.Hash(normalized);
        await using var db = await factory.CreateDbContextAsync(ct);
        var device = await db.PairedDevices.AsNoTracking().SingleOrDefaultAsync(d => d.SecretHash == hash && d.RevokedAt == null, ct);
        if (device is null || !DeviceSecret.Matches(normalized, device.SecretHash)) return null;
        int? number = device.WindowId is { } w
            ? await db.ServiceWindows.Where(x => x.Id == w).Select(x => (int?)x.Number).SingleOrDefaultAsync(ct)
            : null;
        return new DeviceIdentity(device.Id, device.Kind, device.Name, device.WindowId, number, device.RoomId);
    }
}

using TradingOps.Core.Common;
using TradingOps.Core.Devices;

namespace TradingOps.Core.Health;

/// <summary>
/// The last heartbeat of one paired device (one row per device, <see cref="Entity.Id"/> = the device's id): when it
/// was last seen, what it runs, its screen, the page it shows and the last error it reported. Its page (or client, for
/// gates) sends one every <see cref="HealthOptions.HeartbeatSeconds"/>; each page load has a new <see cref="BootId"/>,
/// which is how a reload is seen to have come back.
/// </summary>
public sealed class DeviceHeartbeat : Entity
{
    public const int VersionMaxLength = 40;
    public const int PageMaxLength = 200;
    public const int BootIdMaxLength = 40;
    public const int ErrorMaxLength = 500;
    public const int AddressMaxLength = 64;

    private DeviceHeartbeat() { BootId = ""; }

    public DeviceHeartbeat(Guid deviceId, DeviceKind kind, DateTimeOffset at)
    {
        Id = deviceId;
        Kind = kind;
        BootId = "";
        FirstSeenAt = LastSeenAt = at.ToUniversalTime();
    }

    public Guid DeviceId => Id;
    public DeviceKind Kind { get; private set; }
    public DateTimeOffset FirstSeenAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }
    public string? Version { get; private set; }
    public int? ScreenWidth { get; private set; }
    public int? ScreenHeight { get; private set; }
    public string? Page { get; private set; }
    /// <summary>Random per page load (per process start for a terminal).</summary>
    public string BootId { get; private set; }
    public DateTimeOffset? BootedAt { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? LastErrorAt { get; private set; }
    /// <summary>The client address as the server saw it (after trusted forwarded headers only).</summary>
    public string? Address { get; private set; }
    public long Beats { get; private set; }

    /// <summary>Records one heartbeat; a new boot id means the page (or terminal) started again.</summary>
    public bool Beat(DateTimeOffset at, string bootId, string? version, int? width, int? height, string? page, string? error, string? address)
    {
        at = at.ToUniversalTime();
        var restarted = !string.Equals(BootId, bootId, StringComparison.Ordinal);
        if (restarted) BootedAt = at;
        BootId = Clip(bootId, BootIdMaxLength) ?? "";
        LastSeenAt = at > LastSeenAt ? at : LastSeenAt;
        Version = Clip(version, VersionMaxLength);
        ScreenWidth = width is > 0 and < 100_000 ? width : null;
        ScreenHeight = height is > 0 and < 100_000 ? height : null;
        Page = Clip(page, PageMaxLength);
        if (Clip(error, ErrorMaxLength) is { } e)
        {
            LastError = e;
            LastErrorAt = at;
        }
        Address = Clip(address, AddressMaxLength);
        Beats++;
        return restarted;
    }

    private static string? Clip(string? s, int max) =>
        string.IsNullOrWhiteSpace(s) ? null : s.Trim() is var t && t.Length > max ? t[..max] : s.Trim();
}

/// <summary>What the health board asks of a device.</summary>
public enum DeviceCommandKind { Reload }

/// <summary>
/// 远程刷新: a duty manager asks one device (or every device of a kind: same <see cref="BatchId"/>) to reload. The
/// device gets it with its next heartbeat (<see cref="DeliveredAt"/>) and reloads; its first heartbeat with a new boot
/// id is <see cref="CameBackAt"/> — what the board shows as "came back".
/// </summary>
public sealed class DeviceCommand : Entity
{
    private DeviceCommand() { RequestedBy = ""; }

    public DeviceCommand(Guid deviceId, DeviceCommandKind kind, Guid batchId, string? bootIdBefore, string requestedBy, DateTimeOffset at)
    {
        DeviceId = deviceId;
        Kind = kind;
        BatchId = batchId;
        BootIdBefore = bootIdBefore;
        RequestedBy = Guard.Text(requestedBy, 100, "操作人");
        RequestedAt = at.ToUniversalTime();
    }

    public Guid DeviceId { get; private set; }
    public DeviceCommandKind Kind { get; private set; }
    public Guid BatchId { get; private set; }
    public string? BootIdBefore { get; private set; }
    public string RequestedBy { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset? CameBackAt { get; private set; }

    public bool Pending => DeliveredAt is null;

    public void Delivered(DateTimeOffset at) => DeliveredAt ??= at.ToUniversalTime();

    /// <summary>The device sent a heartbeat from a new page load after the command was delivered.</summary>
    public void CameBack(DateTimeOffset at)
    {
        if (DeliveredAt is null) return;
        CameBackAt ??= at.ToUniversalTime();
    }
}

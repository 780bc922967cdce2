using System.Globalization;
using TradingOps.Core.Common;
using TradingOps.Core.Devices;
using TradingOps.Core.Live;

namespace TradingOps.Core.Health;

/// <summary>Where a remote reload of a device stands: asked, taken by the device with a heartbeat, the page came back.</summary>
public enum ReloadStage { Requested, Delivered, CameBack }

/// <summary>The latest reload asked of a device, as the board shows it.</summary>
public sealed record DeviceReload(Guid CommandId, DateTimeOffset RequestedAt, string RequestedBy, DateTimeOffset? DeliveredAt, DateTimeOffset? CameBackAt)
{
    public ReloadStage Stage => CameBackAt is not null ? ReloadStage.CameBack : DeliveredAt is not null ? ReloadStage.Delivered : ReloadStage.Requested;

    public static DeviceReload? Of(DeviceCommand? command) => command is null
        ? null
        : new DeviceReload(command.Id, command.RequestedAt, command.RequestedBy, command.DeliveredAt, command.CameBackAt);
}

/// <summary>
/// One paired device on the health board (issue 21): what it is, where, when it was last heard from, what it runs,
/// its screen, its last error and the latest reload asked of it. Its colour is <see cref="DeviceHealth.Classify"/>
/// at the moment the board looks (<see cref="StateAt"/>), never stored.
/// </summary>
public sealed record DevicePulse(
    Guid DeviceId, DeviceKind Kind, string Name, string? Location,
    DateTimeOffset? LastSeenAt, string? Version, int? ScreenWidth, int? ScreenHeight, string? Page,
    string? LastError, DateTimeOffset? LastErrorAt, DateTimeOffset? BootedAt, DeviceReload? Reload)
{
    public DeviceHealthState StateAt(DateTimeOffset now, HealthOptions options) =>
        DeviceHealth.Classify(Kind, LastSeenAt, LastErrorAt, now, options);

    public bool IsSilentAt(DateTimeOffset now, HealthOptions options) => DeviceHealth.IsSilent(Kind, LastSeenAt, now, options);

    /// <summary>"1920×1080", or null when the device has not said.</summary>
    public string? Screen => ScreenWidth is { } w && ScreenHeight is { } h
        ? string.Create(CultureInfo.InvariantCulture, $"{w}×{h}")
        : null;

    /// <summary>The row of a paired device and its heartbeat (null: never seen) and latest command.</summary>
    public static DevicePulse Of(PairedDevice device, string? location, DeviceHeartbeat? beat, DeviceCommand? latest) => new(
        device.Id, device.Kind, device.Name, location,
        beat?.LastSeenAt, beat?.Version, beat?.ScreenWidth, beat?.ScreenHeight, beat?.Page,
        beat?.LastError, beat?.LastErrorAt, beat?.BootedAt, DeviceReload.Of(latest));
}

/// <summary>A device's row on the health board changed (a heartbeat, a reload asked, delivered or come back): carries the row.</summary>
public sealed record DevicePulseChanged(DateTimeOffset At, DevicePulse Pulse) : LiveEvent(At);

/// <summary>
/// The Chinese texts of device health that leave the screen's resources: the silence alert (stored with the alert,
/// shown on the wall and to whoever is on duty) and a device's place. One home.
/// </summary>
public static class DevicePulseText
{
    /// <summary>The key of a device's silence alert (one open alert per device).</summary>
    public static string AlertKey(Guid deviceId) => $"device-silent:{deviceId}";

    public const string AlertKeyPrefix = "device-silent:";

    public static string KindName(DeviceKind kind) => kind switch
    {
        DeviceKind.RatingPad => "评价器",
        DeviceKind.Kiosk => "取号机",
        DeviceKind.HallDisplay => "叫号屏",
        DeviceKind.DoorPlate => "门牌屏",
        DeviceKind.EvaluationGate => "评标区门禁",
        DeviceKind.RoomDoor => "评标室门禁",
        DeviceKind.DrawTerminal => "专家抽取终端",
        DeviceKind.Wall => "监控大屏",
        _ => kind.ToString(),
    };

    /// <summary>"3号窗口" for a rating pad, the room for a room door, else null.</summary>
    public static string? Location(int? windowNumber, string? roomCode, string? roomName) =>
        windowNumber is { } n ? $"{n}号窗口"
        : roomCode is not null ? $"{roomCode} {roomName}".Trim()
        : null;

    /// <summary>设备失联：{kind}「{name}」</summary>
    public static string SilentTitle(DevicePulse pulse) => $"设备失联：{KindName(pulse.Kind)}「{pulse.Name}」";

    /// <summary>Where it is and when it was last heard from (stable while it stays silent: the alert is not rewritten every run).</summary>
    public static string SilentDetail(DevicePulse pulse, HealthOptions options)
    {
        var seen = pulse.LastSeenAt is { } at ? CenterTime.ToLocal(at).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";
        var where = pulse.Location ?? pulse.Page;
        return $"{(where is null ? "" : where + "，")}最后心跳 {seen}，超过 {options.SilenceFor(pulse.Kind)} 秒未响应";
    }
}

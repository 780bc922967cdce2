using TradingOps.Core.Common;

namespace TradingOps.Core.Devices;

/// <summary>What a paired device is for.</summary>
public enum DeviceKind
{
    RatingPad, Kiosk, HallDisplay, DoorPlate,
    /// <summary>评标区门禁: ID reader and device detector at the one entry of the evaluation area.</summary>
    EvaluationGate,
    /// <summary>评标室门禁: the reader at one evaluation room's door (bound to that room).</summary>
    RoomDoor,
    /// <summary>专家抽取终端: imports a draw made in the provincial system.</summary>
    DrawTerminal,
    /// <summary>监控大屏: a duty wall screen (signed in as Display) paired so the health board watches it (issue 21).</summary>
    Wall,
}

/// <summary>
/// A screen or terminal an admin has paired (ARCHITECTURE "Devices"): it authenticates with a secret shown once at
/// pairing and stored here only as its hash, can be revoked, and is limited and audited as itself rather than by the
/// address it happens to share with other devices. A rating pad serves exactly one window.
/// </summary>
public sealed class PairedDevice : Entity
{
    public const int NameMaxLength = 50;
    public const int ByMaxLength = 256;

    private PairedDevice() { Name = SecretHash = PairedBy = ""; }

    public PairedDevice(DeviceKind kind, string name, Guid? windowId, string secretHash, string pairedBy, DateTimeOffset at, Guid? roomId = null)
    {
        if (!Enum.IsDefined(kind))
            throw new DomainException("Device.Kind", "请选择设备类型");
        if (kind == DeviceKind.RatingPad && windowId is null)
            throw new DomainException("Device.WindowRequired", "评价器必须绑定一个服务窗口");
        if (kind != DeviceKind.RatingPad && windowId is not null)
            throw new DomainException("Device.WindowOnlyForPads", "只有评价器绑定服务窗口");
        if (kind == DeviceKind.RoomDoor && roomId is null)
            throw new DomainException("Device.RoomRequired", "评标室门禁必须绑定一个评标室");
        if (kind != DeviceKind.RoomDoor && roomId is not null)
            throw new DomainException("Device.RoomOnlyForDoors", "只有评标室门禁绑定场地");
        if (secretHash is not { Length: DeviceSecret.HashLength })
            throw new DomainException("Device.Secret", "设备密钥无效");
        Kind = kind;
        Name = Guard.Text(name, NameMaxLength, "设备名称");
        WindowId = windowId;
        RoomId = roomId;
        SecretHash = secretHash;
        PairedBy = Guard.Text(pairedBy, ByMaxLength, "配对人");
        PairedAt = at.ToUniversalTime();
    }

    public DeviceKind Kind { get; private set; }
    public string Name { get; private set; }
    /// <summary>The one window a rating pad serves (null for every other kind).</summary>
    public Guid? WindowId { get; private set; }
    /// <summary>The one evaluation room a door reader serves (null for every other kind).</summary>
    public Guid? RoomId { get; private set; }
    /// <summary>SHA-256 of the device secret, lowercase hex (<see cref="DeviceSecret.Hash"/>); the secret itself is never stored.</summary>
    public string SecretHash { get; private set; }
    public DateTimeOffset PairedAt { get; private set; }
    public string PairedBy { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>From now on the device's secret opens nothing; the device shows the pairing screen again.</summary>
    public void Revoke(string by, DateTimeOffset at)
    {
        if (RevokedAt is not null)
            throw new DomainException("Device.AlreadyRevoked", $"设备「{Name}」已经撤销");
        RevokedBy = Guard.Text(by, ByMaxLength, "撤销人");
        RevokedAt = at.ToUniversalTime();
    }
}

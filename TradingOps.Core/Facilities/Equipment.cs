using TradingOps.Core.Common;

namespace TradingOps.Core.Facilities;

/// <summary>
/// 设备台账: one piece of equipment in a zone, usually serving one room. <see cref="RoomCritical"/> says the room cannot
/// run without it: a serious fault on it takes the room out of service through the venue desk's outage (issue 21).
/// Never deleted: retired equipment stays in the register with its history.
/// </summary>
public sealed class Equipment : Entity
{
    public const int CodeMaxLength = 30;
    public const int NameMaxLength = 60;
    public const int SerialMaxLength = 60;
    public const int VendorMaxLength = 60;
    public const int ModelMaxLength = 60;
    public const int NotesMaxLength = 500;
    public const int ByMaxLength = 100;

    private Equipment() { Code = Name = CreatedBy = ""; }

    public Equipment(string code, string name, EquipmentCategory category, Guid zoneId, Guid? roomId, bool roomCritical,
        string? serial, string? vendor, string? model, DateOnly installedOn, DateOnly? warrantyUntil, string createdBy, DateTimeOffset at)
    {
        Code = Guard.Text(code, CodeMaxLength, "设备编号");
        CreatedBy = Guard.Text(createdBy, ByMaxLength, "登记人");
        CreatedAt = at.ToUniversalTime();
        Name = "";
        Update(name, category, zoneId, roomId, roomCritical, serial, vendor, model, installedOn, warrantyUntil, null);
    }

    /// <summary>资产编号 (unique), e.g. SB-K201-01.</summary>
    public string Code { get; private set; }
    public string Name { get; private set; }
    public EquipmentCategory Category { get; private set; }
    public Guid ZoneId { get; private set; }
    /// <summary>The room it serves; null for zone equipment (the evaluation area's gate, a locker bank in the hall).</summary>
    public Guid? RoomId { get; private set; }
    /// <summary>The room cannot run without it (the bid-opening room's decryptor, the evaluation room's recorder).</summary>
    public bool RoomCritical { get; private set; }
    public string? Serial { get; private set; }
    public string? Vendor { get; private set; }
    public string? Model { get; private set; }
    public DateOnly InstalledOn { get; private set; }
    public DateOnly? WarrantyUntil { get; private set; }
    public string? Notes { get; private set; }
    public EquipmentState State { get; private set; } = EquipmentState.InService;
    public DateTimeOffset? RetiredAt { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public bool InWarrantyOn(DateOnly day) => WarrantyUntil is { } w && day <= w;

    public void Update(string name, EquipmentCategory category, Guid zoneId, Guid? roomId, bool roomCritical,
        string? serial, string? vendor, string? model, DateOnly installedOn, DateOnly? warrantyUntil, string? notes)
    {
        if (!Enum.IsDefined(category)) throw new DomainException("Equipment.Category", "请选择设备类别");
        if (roomCritical && roomId is null) throw new DomainException("Equipment.CriticalNeedsRoom", "只有服务于某个场地的设备才能标记为“场地离不开”");
        if (installedOn < SaneDates.RecordsFrom || installedOn > SaneDates.RecordsTo) throw new DomainException("Equipment.InstalledOn", "安装日期不在合理范围内");
        if (warrantyUntil is { } w && w < installedOn) throw new DomainException("Equipment.Warranty", "保修截止日期不能早于安装日期");
        Name = Guard.Text(name, NameMaxLength, "设备名称");
        Category = category;
        ZoneId = zoneId;
        RoomId = roomId;
        RoomCritical = roomCritical;
        Serial = Guard.OptionalText(serial, SerialMaxLength, "序列号");
        Vendor = Guard.OptionalText(vendor, VendorMaxLength, "厂商");
        Model = Guard.OptionalText(model, ModelMaxLength, "型号");
        InstalledOn = installedOn;
        WarrantyUntil = warrantyUntil;
        Notes = Guard.OptionalText(notes, NotesMaxLength, "备注");
    }

    /// <summary>A fault was reported on it (open faults keep it Faulty until the last is repaired).</summary>
    public void MarkFaulty()
    {
        if (State == EquipmentState.Retired) throw new DomainException("Equipment.Retired", $"设备「{Name}」已报废");
        State = EquipmentState.Faulty;
    }

    public void MarkInService()
    {
        if (State == EquipmentState.Retired) throw new DomainException("Equipment.Retired", $"设备「{Name}」已报废");
        State = EquipmentState.InService;
    }

    public void Retire(DateTimeOffset at)
    {
        if (State == EquipmentState.Retired) throw new DomainException("Equipment.Retired", $"设备「{Name}」已报废");
        State = EquipmentState.Retired;
        RetiredAt = at.ToUniversalTime();
    }
}

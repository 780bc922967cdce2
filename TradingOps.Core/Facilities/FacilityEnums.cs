namespace TradingOps.Core.Facilities;

/// <summary>设备类别: what the equipment register knows (Liaoning 7.9, Guizhou 7.1, Beijing 6.4.4). Inspection schedules, checklists and MTTR are per category.</summary>
public enum EquipmentCategory
{
    Projector,    // 投影/显示屏
    Recorder,     // 录音录像
    TimeDisplay,  // 时间显示（标准时钟）
    Decryptor,    // 开标解密终端
    Gate,         // 门禁/闸机
    Detector,     // 电子设备探测
    LockerBank,   // 储物柜
    Screen,       // 信息屏（门牌、叫号屏、大屏）
    Audio,        // 音响/扩声
    Network,      // 网络/机房
    Computer,     // 评标电脑/工位
    Other,
}

/// <summary>How often a category is inspected: daily on working days, weekly on the week's first working day, monthly on the month's first working day.</summary>
public enum InspectionFrequency { Daily, Weekly, Monthly }

/// <summary>在用 / 故障 / 报废.</summary>
public enum EquipmentState { InService, Faulty, Retired }

/// <summary>一般 / 严重 / 紧急: a Minor fault never takes a room out; Major or Critical on equipment the room cannot run without does (<see cref="FaultRules.TakesRoomOut"/>).</summary>
public enum FaultSeverity { Minor, Major, Critical }

/// <summary>Where a fault was reported from.</summary>
public enum FaultSource { Equipment, Room, Inspection }

/// <summary>待修 → 已修复 (the repair recorded; the room returned to service at the same time when it was taken out).</summary>
public enum FaultStatus { Open, Repaired }

/// <summary>待巡检 / 合格 / 不合格.</summary>
public enum InspectionStatus { Open, Passed, Failed }

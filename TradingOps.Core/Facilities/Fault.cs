using TradingOps.Core.Common;

namespace TradingOps.Core.Facilities;

/// <summary>
/// 故障报修: reported on a piece of equipment (from its page, its room's page or a failed inspection). When it takes the
/// room out of service (<see cref="FaultRules.TakesRoomOut"/>), <see cref="OutageId"/> is the venue desk's outage that
/// does it, ended when the repair is recorded. Time to repair (MTTR) is <see cref="RepairedAt"/> − <see cref="ReportedAt"/>.
/// </summary>
public sealed class Fault : Entity
{
    public const int NumberMaxLength = 20;
    public const int DescriptionMaxLength = 500;
    public const int RepairNotesMaxLength = 1000;

    private Fault() { Number = Description = ReportedBy = ""; }

    public Fault(string number, Equipment equipment, FaultSource source, Guid? inspectionTaskId, FaultSeverity severity,
        string description, string reportedBy, DateTimeOffset at)
    {
        if (!Enum.IsDefined(severity)) throw new DomainException("Fault.Severity", "请选择故障等级");
        if (equipment.State == EquipmentState.Retired) throw new DomainException("Equipment.Retired", $"设备「{equipment.Name}」已报废");
        if (source == FaultSource.Inspection && inspectionTaskId is null) throw new DomainException("Fault.InspectionRequired", "从巡检报修须关联巡检任务");
        Number = Guard.Text(number, NumberMaxLength, "报修单号");
        EquipmentId = equipment.Id;
        Category = equipment.Category;
        RoomId = equipment.RoomId;
        Source = source;
        InspectionTaskId = inspectionTaskId;
        Severity = severity;
        Description = Guard.Text(description, DescriptionMaxLength, "故障描述");
        TakesRoomOut = FaultRules.TakesRoomOut(equipment, severity);
        ReportedBy = Guard.Text(reportedBy, Equipment.ByMaxLength, "报修人");
        ReportedAt = at.ToUniversalTime();
    }

    /// <summary>GZ-20261204-001 (<see cref="FaultNumber"/>: the one format).</summary>
    public string Number { get; private set; }
    public Guid EquipmentId { get; private set; }
    public EquipmentCategory Category { get; private set; }
    public Guid? RoomId { get; private set; }
    public FaultSource Source { get; private set; }
    public Guid? InspectionTaskId { get; private set; }
    public FaultSeverity Severity { get; private set; }
    public string Description { get; private set; }
    /// <summary>Decided when reported: the room cannot run without this equipment and the fault is serious.</summary>
    public bool TakesRoomOut { get; private set; }
    /// <summary>The venue desk's outage that took the room out (null when it did not, or before it is linked).</summary>
    public Guid? OutageId { get; private set; }
    public string ReportedBy { get; private set; }
    public DateTimeOffset ReportedAt { get; private set; }
    public FaultStatus Status { get; private set; } = FaultStatus.Open;
    public string? RepairedBy { get; private set; }
    public DateTimeOffset? RepairedAt { get; private set; }
    public string? RepairNotes { get; private set; }
    /// <summary>When the room came back into service with the repair (null when the fault never took it out).</summary>
    public DateTimeOffset? ReturnedToServiceAt { get; private set; }

    public TimeSpan? TimeToRepair => RepairedAt is { } r ? r - ReportedAt : null;

    public void LinkOutage(Guid outageId)
    {
        if (!TakesRoomOut) throw new DomainException("Fault.NoOutage", "该故障不影响场地使用");
        if (OutageId is not null && OutageId != outageId) throw new DomainException("Fault.OutageLinked", "该故障已关联停用登记");
        OutageId = outageId;
    }

    public void Repair(string notes, string by, DateTimeOffset at, bool returnedToService)
    {
        if (Status == FaultStatus.Repaired) throw new DomainException("Fault.Repaired", $"报修单 {Number} 已修复");
        at = at.ToUniversalTime();
        if (at < ReportedAt) throw new DomainException("Fault.RepairBeforeReport", "修复时间不能早于报修时间");
        RepairNotes = Guard.Text(notes, RepairNotesMaxLength, "维修记录");
        RepairedBy = Guard.Text(by, Equipment.ByMaxLength, "维修人");
        RepairedAt = at;
        Status = FaultStatus.Repaired;
        if (returnedToService) ReturnedToServiceAt = at;
    }
}

/// <summary>The rules of faults and repairs: one home.</summary>
public static class FaultRules
{
    /// <summary>A fault takes the room out of service when the room cannot run without the equipment and the fault is not minor.</summary>
    public static bool TakesRoomOut(Equipment equipment, FaultSeverity severity) =>
        equipment is { RoomCritical: true, RoomId: not null } && severity != FaultSeverity.Minor;

    /// <summary>Mean time to repair of the repaired faults given (null when none was repaired).</summary>
    public static TimeSpan? MeanTimeToRepair(IEnumerable<Fault> faults)
    {
        var spans = faults.Select(f => f.TimeToRepair).OfType<TimeSpan>().ToList();
        return spans.Count == 0 ? null : TimeSpan.FromTicks((long)spans.Average(s => s.Ticks));
    }
}

using TradingOps.Core.Common;
using TradingOps.Core.Live;

namespace TradingOps.Core.Duty;

/// <summary>What an operations alert is about (issue 21). Each goes to the roster role of <see cref="OpsAlert.RoleFor"/>.</summary>
public enum OpsAlertKind
{
    DeviceSilent,      // 设备失联
    InspectionOverdue, // 巡检逾期
    EquipmentFault,    // 设备故障（影响场地）
    IntegrationDown,   // 外部接口异常
}

/// <summary>
/// 运维告警: a condition the duty roster must see to, raised once per condition (<see cref="Key"/>, e.g. "device:{id}")
/// and cleared when the condition clears. It is assigned to the first person on duty in its role; acknowledged by a
/// person; unacknowledged past Duty:EscalateAfterMinutes it escalates to the next on the roster. What it shows
/// (<see cref="Title"/>, <see cref="Detail"/>) is written for the wall: device or room names, never a project in the
/// evaluation area or anyone's personal data.
/// </summary>
public sealed class OpsAlert : Entity
{
    public const int KeyMaxLength = 100;
    public const int TitleMaxLength = 100;
    public const int DetailMaxLength = 300;

    private OpsAlert() { Key = Title = ""; }

    public OpsAlert(OpsAlertKind kind, string key, string title, string? detail, Guid? roomId, DateTimeOffset at)
    {
        if (!Enum.IsDefined(kind)) throw new DomainException("Alert.Kind", "未知的告警类型");
        Kind = kind;
        Role = RoleFor(kind);
        Key = Guard.Text(key, KeyMaxLength, "告警键");
        Title = Guard.Text(title, TitleMaxLength, "告警标题");
        Detail = Guard.OptionalText(detail, DetailMaxLength, "告警详情");
        RoomId = roomId;
        RaisedAt = LastNotifiedAt = at.ToUniversalTime();
    }

    public OpsAlertKind Kind { get; private set; }
    public DutyRole Role { get; private set; }
    public string Key { get; private set; }
    public string Title { get; private set; }
    public string? Detail { get; private set; }
    public Guid? RoomId { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    public DateTimeOffset? ClearedAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    /// <summary>Who on the roster it is with now (null: nobody rostered for its role at that moment).</summary>
    public Guid? AssignedStaffId { get; private set; }
    public string? AssignedName { get; private set; }
    /// <summary>0 = the first on duty; each escalation adds one.</summary>
    public int EscalationLevel { get; private set; }
    /// <summary>When the current assignee was told (raise or last escalation): the escalation clock runs from here.</summary>
    public DateTimeOffset LastNotifiedAt { get; private set; }

    public bool IsOpen => ClearedAt is null;
    public bool NeedsAcknowledgement => IsOpen && AcknowledgedAt is null;

    /// <summary>The roster role each kind goes to: one home.</summary>
    public static DutyRole RoleFor(OpsAlertKind kind) => kind switch
    {
        OpsAlertKind.DeviceSilent or OpsAlertKind.InspectionOverdue or OpsAlertKind.EquipmentFault or OpsAlertKind.IntegrationDown => DutyRole.Technician,
        _ => DutyRole.DutyManager,
    };

    /// <summary>The condition still holds: the text may have changed (e.g. silent longer), nothing else does.</summary>
    public void Refresh(string title, string? detail)
    {
        Title = Guard.Text(title, TitleMaxLength, "告警标题");
        Detail = Guard.OptionalText(detail, DetailMaxLength, "告警详情");
    }

    public void Assign(Guid? staffId, string? name, int level, DateTimeOffset at)
    {
        AssignedStaffId = staffId;
        AssignedName = name;
        EscalationLevel = level;
        LastNotifiedAt = at.ToUniversalTime();
    }

    public void Acknowledge(string by, DateTimeOffset at)
    {
        if (!IsOpen) throw new DomainException("Alert.Cleared", "该告警已经解除");
        if (AcknowledgedAt is not null) throw new DomainException("Alert.Acknowledged", $"该告警已由 {AcknowledgedBy} 确认");
        AcknowledgedBy = Guard.Text(by, 100, "确认人");
        AcknowledgedAt = at.ToUniversalTime();
    }

    public void Clear(DateTimeOffset at)
    {
        if (ClearedAt is null) ClearedAt = at.ToUniversalTime();
    }

    public OpsAlertRow ToRow() => new(Id, Kind, Role, Key, Title, Detail, RoomId, RaisedAt, ClearedAt, AcknowledgedAt, AcknowledgedBy,
        AssignedName, EscalationLevel, LastNotifiedAt);
}

/// <summary>An alert as screens and the bus carry it (no staff id, no phone).</summary>
public sealed record OpsAlertRow(Guid Id, OpsAlertKind Kind, DutyRole Role, string Key, string Title, string? Detail, Guid? RoomId,
    DateTimeOffset RaisedAt, DateTimeOffset? ClearedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy,
    string? AssignedName, int EscalationLevel, DateTimeOffset LastNotifiedAt)
{
    public bool IsOpen => ClearedAt is null;
}

/// <summary>An alert was raised, refreshed, acknowledged, escalated or cleared (carries the alert).</summary>
public sealed record OpsAlertChanged(DateTimeOffset At, OpsAlertRow Row) : LiveEvent(At);

/// <summary>
/// What a wall shows of the operations alerts (a Display-role screen too): open ones, oldest first, with any phone or
/// ID number in their text masked (<see cref="Floor.PublicProjection.MaskPersonalData"/>). Titles and details are
/// written by the code that raises an alert, but a device's or a room's name is typed by people; the wall never relies
/// on that.
/// </summary>
public static class OpsAlertProjection
{
    public static IReadOnlyList<OpsAlertRow> ForWall(IEnumerable<OpsAlertRow> alerts) =>
        alerts.Where(a => a.IsOpen).OrderBy(a => a.RaisedAt)
            .Select(a => a with { Title = Floor.PublicProjection.MaskPersonalData(a.Title) ?? "", Detail = Floor.PublicProjection.MaskPersonalData(a.Detail) })
            .ToList();
}

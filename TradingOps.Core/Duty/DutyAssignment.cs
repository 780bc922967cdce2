using TradingOps.Core.Common;

namespace TradingOps.Core.Duty;

/// <summary>The roles on the duty roster (Yunnan 6.3.3: 24-hour duty during working periods and holidays).</summary>
public enum DutyRole
{
    DutyManager, // 值班主任
    Technician,  // 设备保障
    Security,    // 安保
}

/// <summary>白班 (working day, day hours) / 夜班 (working day, evening and night) / 节假日 (a whole non-working day).</summary>
public enum DutyShift { Day, Evening, Holiday }

/// <summary>
/// 值班表: one person on one shift of one day in one role, at a place in the order (1 = first called; an alert
/// nobody acknowledges escalates to the next). Edited by admins on the holiday calendar.
/// </summary>
public sealed class DutyAssignment : Entity
{
    private DutyAssignment() { StaffName = CreatedBy = ""; }

    public DutyAssignment(DateOnly day, DutyShift shift, DutyRole role, int order, Guid staffId, string staffName, string createdBy, DateTimeOffset at)
    {
        if (!Enum.IsDefined(shift)) throw new DomainException("Duty.Shift", "请选择班次");
        if (!Enum.IsDefined(role)) throw new DomainException("Duty.Role", "请选择值班岗位");
        if (day < SaneDates.RecordsFrom || day > SaneDates.RecordsTo) throw new DomainException("Duty.Day", "值班日期不在合理范围内");
        Day = day;
        Shift = shift;
        Role = role;
        Order = Guard.Range(order, 1, 9, "值班顺序");
        StaffId = staffId;
        StaffName = Guard.Text(staffName, 30, "值班人");
        CreatedBy = Guard.Text(createdBy, 100, "排班人");
        CreatedAt = at.ToUniversalTime();
    }

    public DateOnly Day { get; private set; }
    public DutyShift Shift { get; private set; }
    public DutyRole Role { get; private set; }
    /// <summary>1 = called first; the next order is who an unacknowledged alert escalates to.</summary>
    public int Order { get; private set; }
    public Guid StaffId { get; private set; }
    /// <summary>The name as it was when rostered (the roster reads without a join).</summary>
    public string StaffName { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

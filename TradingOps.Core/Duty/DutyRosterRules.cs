using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Live;
using TradingOps.Core.Notifications;

namespace TradingOps.Core.Duty;

/// <summary>What is wrong with a shift of the roster: nobody in a role, or one person twice on the shift.</summary>
public enum RosterProblemKind
{
    Gap,       // 缺岗：日历上有此班次，但该岗位无人
    Duplicate, // 重复：同一人在同一班次出现两次（两个岗位或同岗两个顺位）
    OffCalendar, // 班次不在日历上（如节假日排了白班）
}

/// <summary>One problem of one shift in one role (the roster page highlights it; the message is for people).</summary>
public sealed record RosterProblem(DateOnly Day, DutyShift Shift, DutyRole Role, RosterProblemKind Kind, string Message);

/// <summary>One rostered slot of the calendar: a day and one of its shifts (<see cref="DutyRoster.ShiftsOf"/>).</summary>
public readonly record struct RosterSlot(DateOnly Day, DutyShift Shift);

/// <summary>
/// The rules of a complete duty roster (issue 21), one home: which slots a period has on the holiday calendar, when a
/// shift starts and ends, what makes a roster incomplete (gaps, duplicates, shifts the calendar does not have) and what
/// a change of the people of one shift and role may be.
/// </summary>
public static class DutyRosterRules
{
    /// <summary>The most people one role of one shift may have (the order runs 1–9).</summary>
    public const int MaxPerRole = 9;

    /// <summary>Every role the roster must fill on every shift.</summary>
    public static IReadOnlyList<DutyRole> Roles { get; } = Enum.GetValues<DutyRole>();

    /// <summary>The shifts from <paramref name="from"/> to <paramref name="to"/> (both included) as the calendar has them.</summary>
    public static IReadOnlyList<RosterSlot> Slots(WorkdayCalendar calendar, DateOnly from, DateOnly to)
    {
        var slots = new List<RosterSlot>();
        for (var day = from; day <= to; day = day.AddDays(1))
            slots.AddRange(DutyRoster.ShiftsOf(calendar, day).Select(s => new RosterSlot(day, s)));
        return slots;
    }

    /// <summary>When the shift starts (local <see cref="DutyOptions.DayStarts"/> or <see cref="DutyOptions.EveningStarts"/>).</summary>
    public static DateTimeOffset Starts(DateOnly day, DutyShift shift, DutyOptions options) =>
        CenterTime.At(day, shift == DutyShift.Evening ? options.EveningStarts : options.DayStarts);

    /// <summary>When the shift ends: a day shift at the evening's start, an evening or holiday shift at the next day's start.</summary>
    public static DateTimeOffset Ends(DateOnly day, DutyShift shift, DutyOptions options) =>
        shift == DutyShift.Day ? CenterTime.At(day, options.EveningStarts) : CenterTime.At(day.AddDays(1), options.DayStarts);

    /// <summary>
    /// What keeps the roster of [<paramref name="from"/>, <paramref name="to"/>] from being complete: each slot of the
    /// calendar needs at least one person in every role; nobody may be twice on one shift; nothing may be rostered on a
    /// shift the calendar does not have on that day. Ordered by day, shift, role.
    /// </summary>
    public static IReadOnlyList<RosterProblem> Problems(WorkdayCalendar calendar, DateOnly from, DateOnly to, IEnumerable<DutyAssignment> assignments)
    {
        var inPeriod = assignments.Where(a => a.Day >= from && a.Day <= to).ToList();
        var problems = new List<RosterProblem>();
        var slots = Slots(calendar, from, to);
        foreach (var slot in slots)
        {
            var onShift = inPeriod.Where(a => a.Day == slot.Day && a.Shift == slot.Shift).ToList();
            foreach (var role in Roles.Where(r => onShift.All(a => a.Role != r)))
                problems.Add(new(slot.Day, slot.Shift, role, RosterProblemKind.Gap, $"{slot.Day:MM-dd} {ShiftName(slot.Shift)} 缺{RoleName(role)}"));
            foreach (var twice in onShift.GroupBy(a => a.StaffId).Where(g => g.Count() > 1))
            {
                var first = twice.OrderBy(a => a.Role).ThenBy(a => a.Order).First();
                problems.Add(new(slot.Day, slot.Shift, twice.OrderBy(a => a.Role).ThenBy(a => a.Order).Skip(1).First().Role, RosterProblemKind.Duplicate,
                    $"{slot.Day:MM-dd} {ShiftName(slot.Shift)} {first.StaffName} 重复排班"));
            }
        }
        var onCalendar = slots.ToHashSet();
        foreach (var off in inPeriod.Where(a => !onCalendar.Contains(new RosterSlot(a.Day, a.Shift)))
                     .GroupBy(a => (a.Day, a.Shift, a.Role)))
            problems.Add(new(off.Key.Day, off.Key.Shift, off.Key.Role, RosterProblemKind.OffCalendar,
                $"{off.Key.Day:MM-dd} 按日历没有{ShiftName(off.Key.Shift)}"));
        return problems.OrderBy(p => p.Day).ThenBy(p => p.Shift).ThenBy(p => p.Role).ThenBy(p => p.Kind).ToList();
    }

    /// <summary>
    /// Whether the people of one shift and role may be set to <paramref name="staffInOrder"/> (calling order; empty clears
    /// the slot): the shift must be on the calendar that day, nobody twice, at most <see cref="MaxPerRole"/>, and nobody
    /// who is already in another role of the same shift. Returns the Chinese error, or null when it may.
    /// </summary>
    public static string? CheckSet(WorkdayCalendar calendar, DateOnly day, DutyShift shift, DutyRole role, IReadOnlyList<Guid> staffInOrder,
        IEnumerable<DutyAssignment> otherRolesOfShift)
    {
        if (!Enum.IsDefined(shift)) return "请选择班次";
        if (!Enum.IsDefined(role)) return "请选择值班岗位";
        if (!DutyRoster.ShiftsOf(calendar, day).Contains(shift))
            return $"{day:yyyy-MM-dd} 是{(calendar.IsWorkingDay(day) ? "工作日，只排白班和夜班" : "非工作日，只排节假日班")}，不能排{ShiftName(shift)}";
        if (staffInOrder.Count > MaxPerRole) return $"同一岗位每班最多 {MaxPerRole} 人";
        if (staffInOrder.Any(s => s == Guid.Empty)) return "请选择值班人";
        if (staffInOrder.Distinct().Count() != staffInOrder.Count) return "同一人不能在同一岗位出现两次";
        var elsewhere = otherRolesOfShift.FirstOrDefault(a => a.Day == day && a.Shift == shift && a.Role != role && staffInOrder.Contains(a.StaffId));
        if (elsewhere is not null) return $"{elsewhere.StaffName} 本班次已在{RoleName(elsewhere.Role)}岗位值班";
        return null;
    }

    public static string RoleName(DutyRole role) => role switch
    {
        DutyRole.DutyManager => "值班主任",
        DutyRole.Technician => "设备保障",
        DutyRole.Security => "安保",
        _ => role.ToString(),
    };

    public static string ShiftName(DutyShift shift) => shift switch
    {
        DutyShift.Day => "白班",
        DutyShift.Evening => "夜班",
        DutyShift.Holiday => "节假日班",
        _ => shift.ToString(),
    };
}

/// <summary>One person on duty now: role, calling order, name and phone (phone only for staff screens, never the wall).</summary>
public sealed record DutyNowPerson(DutyRole Role, int Order, Guid StaffId, string Name, string? Phone);

/// <summary>
/// Who is on duty now, per role in calling order, for the shift covering an instant and until when that shift runs
/// (the screens take the next view then). <see cref="ForWall"/> is what a wall or any non-staff screen may show.
/// </summary>
public sealed record DutyNowView(DateOnly Day, DutyShift Shift, DateTimeOffset Since, DateTimeOffset Until, IReadOnlyList<DutyNowPerson> People)
{
    /// <summary>The people of <paramref name="role"/>, in calling order.</summary>
    public IReadOnlyList<DutyNowPerson> InRole(DutyRole role) => People.Where(p => p.Role == role).OrderBy(p => p.Order).ToList();

    /// <summary>The first called in <paramref name="role"/>, or null when nobody is rostered.</summary>
    public DutyNowPerson? First(DutyRole role) => InRole(role).FirstOrDefault();

    /// <summary>Whether the view still describes the shift at <paramref name="now"/>.</summary>
    public bool Covers(DateTimeOffset now) => now >= Since && now < Until;

    /// <summary>The confidentiality projection of the roster: names and roles, no phone numbers.</summary>
    public DutyNowView ForWall() => this with { People = People.Select(p => p with { Phone = null }).ToList() };

    /// <summary>
    /// The view of the shift covering <paramref name="at"/> from the roster rows and the people's phones
    /// (<paramref name="phones"/> by staff id): the one rule of "who is on duty now".
    /// </summary>
    public static DutyNowView At(WorkdayCalendar calendar, DateTimeOffset at, DutyOptions options, IEnumerable<DutyAssignment> assignments,
        IReadOnlyDictionary<Guid, string?> phones)
    {
        var (day, shift) = DutyRoster.ShiftAt(calendar, at, options);
        var rows = assignments.ToList();
        var people = DutyRosterRules.Roles
            .SelectMany(role => DutyRoster.OnDuty(rows, day, shift, role))
            .Select(a => new DutyNowPerson(a.Role, a.Order, a.StaffId, a.StaffName, phones.GetValueOrDefault(a.StaffId)))
            .ToList();
        return new DutyNowView(day, shift, DutyRosterRules.Starts(day, shift, options), DutyRosterRules.Ends(day, shift, options), people);
    }
}

/// <summary>The roster of a day changed (an admin set the people of a shift and role, or copied a week).</summary>
public sealed record DutyRosterChanged(DateTimeOffset At, DateOnly From, DateOnly To) : LiveEvent(At);

/// <summary>
/// The one home of what the person on duty is told about an operations alert (SMS text in Chinese): raised to the first
/// on duty, escalated to the next. Callers add the message to the outbox in the transaction of the change.
/// </summary>
public static class DutyNotices
{
    /// <summary>The SMS for <paramref name="alert"/> to its assignee, or null when the assignee has no phone.</summary>
    public static OutboxMessage? For(OpsAlert alert, string assigneeName, string? phone, string centerName, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var raised = CenterTime.ToLocal(alert.RaisedAt);
        var headline = alert.EscalationLevel == 0 ? "运维告警" : $"运维告警升级（第 {alert.EscalationLevel + 1} 级）";
        var detail = string.IsNullOrWhiteSpace(alert.Detail) ? "" : $"{alert.Detail.Trim().TrimEnd('。')}。";
        var escalated = alert.EscalationLevel == 0 ? "" : "前一位值班人员未确认，";
        var sms = $"【{centerName}】{assigneeName}：{headline}：{KindName(alert.Kind)} {alert.Title}（{raised:MM-dd HH:mm} 起）。{detail}{escalated}请尽快处理并在运维告警页确认。";
        var subject = $"{headline}：{alert.Title}";
        return new OutboxMessage(NotificationKind.DutyAlert, NotificationChannel.Sms, assigneeName, phone.Trim(), subject, sms, null, null, now);
    }

    public static string KindName(OpsAlertKind kind) => kind switch
    {
        OpsAlertKind.DeviceSilent => "设备失联",
        OpsAlertKind.InspectionOverdue => "巡检逾期",
        OpsAlertKind.EquipmentFault => "设备故障",
        OpsAlertKind.IntegrationDown => "接口异常",
        _ => kind.ToString(),
    };
}

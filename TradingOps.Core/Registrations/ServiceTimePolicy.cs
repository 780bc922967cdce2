using TradingOps.Core.Calendar;
using TradingOps.Core.Common;

namespace TradingOps.Core.Registrations;

/// <summary>
/// 办结时限: how long the center may take, counted on the working-day calendar with office hours.
/// A registration waiting on the center is due at the earliest of the applicable limits, counted from the
/// (re)submission; the clock stops while the agency is correcting its materials.
/// </summary>
public sealed record ServiceTimePolicy(string Name, double? CheckWithinWorkingHours, int? CompleteWithinWorkingDays, double? ChangeWithinWorkingHours)
{
    /// <summary>How much office time left makes a pending item "due soon" (the wall's "due within the hour").</summary>
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromHours(1);

    /// <summary>Liaoning 6.2.4: 项目登记办结时间最长不得超过 2 个工作日.</summary>
    public static ServiceTimePolicy Liaoning { get; } = new("辽宁 DB21 6.2.4", null, 2, null);

    /// <summary>Yunnan 5.3.3 / 5.3.5: 3 个工作小时内完成核验并确认; 调整场地、更正公告 3 个工作小时内办结.</summary>
    public static ServiceTimePolicy Yunnan { get; } = new("云南 5.3.3/5.3.5", 3, null, 3);

    /// <summary>Both standards at once: the stricter limit applies.</summary>
    public static ServiceTimePolicy Strictest { get; } = new("辽宁+云南（取严）", 3, 2, 3);

    public static IReadOnlyDictionary<string, ServiceTimePolicy> Presets { get; } = new Dictionary<string, ServiceTimePolicy>
    {
        ["Liaoning"] = Liaoning,
        ["Yunnan"] = Yunnan,
        ["Strictest"] = Strictest,
    };

    public ServiceTimePolicy Validated()
    {
        if (CheckWithinWorkingHours is null && CompleteWithinWorkingDays is null)
            throw new DomainException("ServiceTime.Empty", "办结时限至少需要设置核验工作小时数或办结工作日数之一");
        if (CheckWithinWorkingHours is { } h && h is <= 0 or > 80)
            throw new DomainException("ServiceTime.Hours", "核验时限必须在 0 到 80 个工作小时之间");
        if (CompleteWithinWorkingDays is { } d && d is < 1 or > 30)
            throw new DomainException("ServiceTime.Days", "办结时限必须在 1 到 30 个工作日之间");
        if (ChangeWithinWorkingHours is { } c && c is <= 0 or > 80)
            throw new DomainException("ServiceTime.Change", "变更时限必须在 0 到 80 个工作小时之间");
        return this;
    }

    /// <summary>When the center must have finished with something (re)submitted at <paramref name="submittedAt"/>.</summary>
    public DateTimeOffset DueAt(DateTimeOffset submittedAt, WorkdayCalendar calendar)
    {
        DateTimeOffset? due = null;
        if (CheckWithinWorkingHours is { } hours)
            due = calendar.AddWorkingHours(submittedAt, hours);
        if (CompleteWithinWorkingDays is { } days)
        {
            var byDays = calendar.WorkingDaysDeadline(submittedAt, days);
            due = due is null || byDays < due ? byDays : due;
        }
        return due ?? throw new DomainException("ServiceTime.Empty", "办结时限未设置");
    }

    /// <summary><see cref="DueAt"/> with its provisional flag (a year without its official holiday schedule).</summary>
    public Deadline Deadline(DateTimeOffset submittedAt, WorkdayCalendar calendar) =>
        calendar.Deadline(submittedAt, DueAt(submittedAt, calendar));

    /// <summary>When a change (room change, corrected notice) asked for at <paramref name="requestedAt"/> must be done.</summary>
    public DateTimeOffset? ChangeDueAt(DateTimeOffset requestedAt, WorkdayCalendar calendar) =>
        ChangeWithinWorkingHours is { } hours ? calendar.AddWorkingHours(requestedAt, hours) : null;

    /// <summary>Urgency of an item due at <paramref name="dueAt"/>, judged by the office time left.</summary>
    public static RegistrationUrgency UrgencyAt(DateTimeOffset? dueAt, DateTimeOffset now, WorkdayCalendar calendar)
    {
        if (dueAt is null) return RegistrationUrgency.None;
        if (now >= dueAt.Value) return RegistrationUrgency.Overdue;
        return calendar.WorkingTimeBetween(now, dueAt.Value) <= DueSoonWindow ? RegistrationUrgency.DueSoon : RegistrationUrgency.Fresh;
    }
}

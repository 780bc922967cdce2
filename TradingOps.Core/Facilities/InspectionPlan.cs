using System.Linq.Expressions;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;

namespace TradingOps.Core.Facilities;

/// <summary>
/// The rules of inspections: one home. Which categories are due on a day (Daily on every working day, Weekly on the
/// week's first working day, Monthly on the month's first working day, all on the holiday calendar, so a make-up
/// workday has its daily round and the first day back after a holiday has the weekly and monthly ones), when a task
/// is due and overdue, and each category's default schedule and checklist (in Chinese: the people on the floor read it).
/// </summary>
public static class InspectionPlan
{
    /// <summary>Whether an inspection of <paramref name="frequency"/> falls on <paramref name="day"/>.</summary>
    public static bool IsDue(InspectionFrequency frequency, WorkdayCalendar calendar, DateOnly day)
    {
        if (!calendar.IsWorkingDay(day)) return false;
        return frequency switch
        {
            InspectionFrequency.Daily => true,
            InspectionFrequency.Weekly => !AnyWorkingDay(calendar, WeekStart(day), day),
            InspectionFrequency.Monthly => !AnyWorkingDay(calendar, new DateOnly(day.Year, day.Month, 1), day),
            _ => false,
        };
    }

    /// <summary>The active schedules due on <paramref name="day"/>.</summary>
    public static IReadOnlyList<InspectionSchedule> DueOn(IEnumerable<InspectionSchedule> schedules, WorkdayCalendar calendar, DateOnly day) =>
        schedules.Where(s => s.Active && IsDue(s.Frequency, calendar, day)).OrderBy(s => s.Category).ToList();

    /// <summary>The Monday of the week holding <paramref name="day"/> (weeks run Monday to Sunday).</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>When the day's task is due: the schedule's time on that day, center time.</summary>
    public static DateTimeOffset DueAt(DateOnly day, TimeOnly dueBy) => CenterTime.At(day, dueBy);

    /// <summary>An open task is overdue (and alerts) once its due time plus the grace has passed.</summary>
    public static bool IsOverdue(InspectionTask task, DateTimeOffset now, int graceMinutes) =>
        task.Status == InspectionStatus.Open && now > task.DueAt.AddMinutes(graceMinutes);

    /// <summary><see cref="IsOverdue"/> for queries: the same rule, as SQL can run it.</summary>
    public static Expression<Func<InspectionTask, bool>> Overdue(DateTimeOffset now, int graceMinutes)
    {
        var limit = now.AddMinutes(-graceMinutes).ToUniversalTime();
        return t => t.Status == InspectionStatus.Open && t.DueAt < limit;
    }

    /// <summary>The operations alert's key for a day's overdue inspections (one alert per day).</summary>
    public static string AlertKey(DateOnly day) => $"{AlertKeyPrefix}{day:yyyy-MM-dd}";

    public const string AlertKeyPrefix = "inspection-overdue:";

    /// <summary>The day an alert key is about, or null for another key.</summary>
    public static DateOnly? DayOfAlertKey(string key) =>
        key.StartsWith(AlertKeyPrefix, StringComparison.Ordinal)
        && DateOnly.TryParseExact(key[AlertKeyPrefix.Length..], "yyyy-MM-dd", out var day) ? day : null;

    /// <summary>How often a category is inspected unless the managers change it.</summary>
    public static InspectionFrequency DefaultFrequency(EquipmentCategory category) => category switch
    {
        EquipmentCategory.Decryptor or EquipmentCategory.Recorder or EquipmentCategory.TimeDisplay or EquipmentCategory.Gate
            or EquipmentCategory.Detector or EquipmentCategory.Screen => InspectionFrequency.Daily,
        EquipmentCategory.Projector or EquipmentCategory.Audio or EquipmentCategory.Computer or EquipmentCategory.Network => InspectionFrequency.Weekly,
        _ => InspectionFrequency.Monthly,
    };

    /// <summary>By when the day's task is due: before the first sessions at 09:00 for daily rounds, by noon otherwise.</summary>
    public static TimeOnly DefaultDueBy(EquipmentCategory category) =>
        DefaultFrequency(category) == InspectionFrequency.Daily ? new TimeOnly(8, 45) : new TimeOnly(12, 0);

    /// <summary>Each category's checklist as shipped (managers edit it per category on /facilities/schedules).</summary>
    public static IReadOnlyList<string> DefaultChecklist(EquipmentCategory category) => category switch
    {
        EquipmentCategory.Projector => ["开机自检正常，无报错", "画面清晰、无偏色与坏点", "信号切换（HDMI/VGA）正常", "遥控器电量充足"],
        EquipmentCategory.Recorder => ["录像画面覆盖全场、无遮挡", "拾音清晰、音画同步", "存储空间充足（≥7天）", "时间与标准时钟一致"],
        EquipmentCategory.TimeDisplay => ["显示时间与北京时间误差不超过1秒", "亮度适中、数字完整", "对时服务连接正常"],
        EquipmentCategory.Decryptor => ["终端开机、CA驱动正常", "解密测试通过", "网络连通交易系统", "备用终端可用"],
        EquipmentCategory.Gate => ["刷证/人脸识别通行正常", "闸机开合无卡滞", "通行记录上传正常", "应急开门功能可用"],
        EquipmentCategory.Detector => ["探测灵敏度测试通过", "报警声光正常", "设备自检无故障"],
        EquipmentCategory.LockerBank => ["柜门开关正常", "电子锁与取件码正常", "柜内无遗留物品"],
        EquipmentCategory.Screen => ["屏幕显示正常、无黑屏", "内容与当前安排一致", "网络连接正常"],
        EquipmentCategory.Audio => ["话筒与扩声正常、无啸叫", "音量适中", "备用电池充足"],
        EquipmentCategory.Network => ["机房温湿度正常", "交换机与链路指示正常", "UPS电池状态正常"],
        EquipmentCategory.Computer => ["开机正常、系统无报错", "评标系统可登录", "外设（键鼠、打印）正常", "USB端口封闭"],
        _ => ["外观完好", "功能正常"],
    };

    private static bool AnyWorkingDay(WorkdayCalendar calendar, DateOnly from, DateOnly before)
    {
        for (var d = from; d < before; d = d.AddDays(1))
            if (calendar.IsWorkingDay(d)) return true;
        return false;
    }
}

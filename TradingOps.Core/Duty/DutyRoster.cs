using TradingOps.Core.Calendar;
using TradingOps.Core.Common;

namespace TradingOps.Core.Duty;

/// <summary>The rules of the duty roster: which shift an instant falls in, and who is on it in what order. One home.</summary>
public static class DutyRoster
{
    /// <summary>
    /// The rostered day and shift covering <paramref name="at"/>: before the day's start it is still the previous day's
    /// evening (or holiday) shift; a working day has Day until <see cref="DutyOptions.EveningStarts"/> then Evening; a
    /// non-working day (weekend or holiday on the calendar) is one Holiday shift.
    /// </summary>
    public static (DateOnly Day, DutyShift Shift) ShiftAt(WorkdayCalendar calendar, DateTimeOffset at, DutyOptions options)
    {
        var local = CenterTime.ToLocal(at);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (time < options.DayStarts)
        {
            day = day.AddDays(-1);
            return (day, calendar.IsWorkingDay(day) ? DutyShift.Evening : DutyShift.Holiday);
        }
        if (!calendar.IsWorkingDay(day)) return (day, DutyShift.Holiday);
        return (day, time < options.EveningStarts ? DutyShift.Day : DutyShift.Evening);
    }

    /// <summary>The shifts a day has on the calendar: Day and Evening on a working day, Holiday otherwise.</summary>
    public static IReadOnlyList<DutyShift> ShiftsOf(WorkdayCalendar calendar, DateOnly day) =>
        calendar.IsWorkingDay(day) ? [DutyShift.Day, DutyShift.Evening] : [DutyShift.Holiday];

    /// <summary>Who is on duty in <paramref name="role"/> for the shift, in calling order.</summary>
    public static IReadOnlyList<DutyAssignment> OnDuty(IEnumerable<DutyAssignment> assignments, DateOnly day, DutyShift shift, DutyRole role) =>
        assignments.Where(a => a.Day == day && a.Shift == shift && a.Role == role).OrderBy(a => a.Order).ToList();

    /// <summary>The person an alert at <paramref name="level"/> goes to (0 = first; past the last, the last stays called), or null when nobody is rostered.</summary>
    public static DutyAssignment? AtLevel(IReadOnlyList<DutyAssignment> onDuty, int level) =>
        onDuty.Count == 0 ? null : onDuty[Math.Min(level, onDuty.Count - 1)];
}

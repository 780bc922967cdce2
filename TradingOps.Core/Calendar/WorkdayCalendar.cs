using TradingOps.Core.Common;

namespace TradingOps.Core.Calendar;

/// <summary>
/// Working days and working hours of the center: Monday-Friday, less statutory holidays, plus weekend
/// make-up workdays (调休), within configurable office hours, all in Asia/Shanghai.
/// Deadlines such as "2 working days" (Liaoning 6.2.4) or "3 working hours" (Yunnan 5.3.3) count on it.
/// Immutable: build a new one when admins change the schedule.
/// </summary>
public sealed class WorkdayCalendar
{
    private readonly Dictionary<DateOnly, CalendarDay> _exceptions;
    private readonly HashSet<int> _knownYears;

    public WorkdayCalendar(IEnumerable<CalendarDay> days, IEnumerable<int> knownYears, OfficeHours? officeHours = null)
    {
        _exceptions = days.ToDictionary(d => d.Date);
        _knownYears = [.. knownYears];
        OfficeHours = officeHours ?? OfficeHours.Default;
    }

    public OfficeHours OfficeHours { get; }

    public IReadOnlyCollection<int> KnownYears => _knownYears;

    /// <summary>Whether the official schedule for the year has been entered; if not, only weekends are known.</summary>
    public bool IsYearKnown(int year) => _knownYears.Contains(year);

    /// <summary>
    /// Whether counting from <paramref name="from"/> to <paramref name="to"/> crossed a year without its official
    /// schedule: a deadline in that span is only provisional (<see cref="Deadline.Provisional"/>).
    /// </summary>
    public bool IsProvisional(DateTimeOffset from, DateTimeOffset to)
    {
        var (a, b) = from <= to ? (from, to) : (to, from);
        for (var year = CenterTime.ToLocal(a).Year; year <= CenterTime.ToLocal(b).Year; year++)
            if (!IsYearKnown(year)) return true;
        return false;
    }

    /// <summary>A deadline at <paramref name="at"/>, counted from <paramref name="from"/> (the submission, the rating), with its provisional flag.</summary>
    public Deadline Deadline(DateTimeOffset from, DateTimeOffset at) => new(at, IsProvisional(from, at));

    /// <summary>A deadline as stored (its start not at hand): provisional when its own year has no schedule.</summary>
    public Deadline Deadline(DateTimeOffset at) => Deadline(at, at);

    /// <summary>From this day of the year before (1 November), admins are warned that a year's schedule is missing.</summary>
    public static readonly (int Month, int Day) ScheduleWarningFrom = (11, 1);

    /// <summary>
    /// The year whose official schedule admins must enter now, or null: the current year if it is missing, else
    /// the next year from 1 November on (the State Council usually publishes it in late October or November).
    /// </summary>
    public int? YearNeedingSchedule(DateOnly today)
    {
        if (!IsYearKnown(today.Year)) return today.Year;
        var warnFrom = new DateOnly(today.Year, ScheduleWarningFrom.Month, ScheduleWarningFrom.Day);
        return today >= warnFrom && !IsYearKnown(today.Year + 1) ? today.Year + 1 : null;
    }

    public CalendarDay? ExceptionOn(DateOnly date) => _exceptions.GetValueOrDefault(date);

    public bool IsWorkingDay(DateOnly date)
    {
        if (_exceptions.TryGetValue(date, out var day))
            return day.Kind == CalendarDayKind.AdjustedWorkday;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The Nth working day after <paramref name="date"/> (before it for negative N); N = 0 gives the date itself.</summary>
    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        var step = Math.Sign(workingDays);
        var remaining = Math.Abs(workingDays);
        var day = date;
        while (remaining > 0)
        {
            day = day.AddDays(step);
            if (IsWorkingDay(day)) remaining--;
        }
        return day;
    }

    /// <summary>The first working day on or after the date.</summary>
    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        var day = date;
        while (!IsWorkingDay(day)) day = day.AddDays(1);
        return day;
    }

    /// <summary>
    /// The instant at which <paramref name="duration"/> of office time has passed since <paramref name="start"/>.
    /// Time outside office hours (lunch, evening, weekend, holiday) does not count; a deadline that uses up a
    /// period exactly falls at that period's end (12:00, 17:30), not at the start of the next.
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(duration), "工作时长不能为负数");
        if (duration == TimeSpan.Zero) return start;

        var remaining = duration;
        var cursor = start.ToUniversalTime();
        var date = DateOnly.FromDateTime(CenterTime.ToLocal(cursor).DateTime);
        while (true)
        {
            if (IsWorkingDay(date))
            {
                foreach (var period in OfficeHours.Periods)
                {
                    var periodEnd = CenterTime.At(date, period.End);
                    if (cursor >= periodEnd) continue;
                    var from = Max(cursor, CenterTime.At(date, period.Start));
                    var available = periodEnd - from;
                    if (remaining <= available) return from + remaining;
                    remaining -= available;
                    cursor = periodEnd;
                }
            }
            date = date.AddDays(1);
        }
    }

    public DateTimeOffset AddWorkingHours(DateTimeOffset start, double hours) =>
        AddWorkingTime(start, TimeSpan.FromHours(hours));

    /// <summary>Office time between two instants; negative when <paramref name="to"/> is earlier.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from) return -WorkingTimeBetween(to, from);
        var total = TimeSpan.Zero;
        var date = DateOnly.FromDateTime(CenterTime.ToLocal(from).DateTime);
        var lastDate = DateOnly.FromDateTime(CenterTime.ToLocal(to).DateTime);
        for (; date <= lastDate; date = date.AddDays(1))
        {
            if (!IsWorkingDay(date)) continue;
            foreach (var period in OfficeHours.Periods)
            {
                var start = Max(from, CenterTime.At(date, period.Start));
                var end = Min(to, CenterTime.At(date, period.End));
                if (end > start) total += end - start;
            }
        }
        return total;
    }

    /// <summary>
    /// Deadline for "within N working days" of something received at <paramref name="received"/>: the close of
    /// office on the Nth working day after the day it was received.
    /// </summary>
    public DateTimeOffset WorkingDaysDeadline(DateTimeOffset received, int workingDays)
    {
        var receivedOn = DateOnly.FromDateTime(CenterTime.ToLocal(received).DateTime);
        return CenterTime.At(AddWorkingDays(receivedOn, workingDays), OfficeHours.Close);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

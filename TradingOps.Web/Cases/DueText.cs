using Microsoft.Extensions.Localization;
using MudBlazor;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Due;

namespace TradingOps.Web.Cases;

/// <summary>How the board and the wall say a time left or overdue ("剩 2 小时 15 分", "剩 3 个工作日", "超期 1 天 3 小时").</summary>
public static class DueText
{
    /// <summary>A span as days, hours and minutes (the largest two units that apply).</summary>
    public static string Span(TimeSpan span, IStringLocalizer c)
    {
        span = span.Duration();
        if (span.TotalDays >= 1) return c["Due.DaysHours", (int)span.TotalDays, span.Hours];
        if (span.TotalHours >= 1) return c["Due.HoursMinutes", (int)span.TotalHours, span.Minutes];
        return c["Due.Minutes", Math.Max(span.Minutes, span.Seconds > 0 ? 1 : 0)];
    }

    /// <summary>
    /// The time-left cell: working time left while less than a day's worth, else the working days left until the due
    /// day; once overdue, the time elapsed since; without a due time, why there is none.
    /// </summary>
    public static string Left(DueItem item, DateTimeOffset now, WorkdayCalendar calendar, IStringLocalizer c)
    {
        if (DueBoard.TimeLeft(item, now, calendar) is not { } left)
            return item.Note is { } note ? c[$"Due.Note.{note}"] : c["Due.NoDeadline"];
        if (left < TimeSpan.Zero) return c["Due.Overdue", Span(left, c)];
        if (left < TimeSpan.FromHours(8)) return c["Due.Left", Span(left, c)];
        return c["Due.LeftDays", WorkingDaysUntil(now, item.DueAt!.Value, calendar)];
    }

    /// <summary>Working days from tomorrow up to and including the due day (local dates).</summary>
    private static int WorkingDaysUntil(DateTimeOffset now, DateTimeOffset due, WorkdayCalendar calendar)
    {
        var day = DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);
        var last = DateOnly.FromDateTime(CenterTime.ToLocal(due).DateTime);
        var n = 0;
        for (var d = day.AddDays(1); d <= last && n < 400; d = d.AddDays(1))
            if (calendar.IsWorkingDay(d)) n++;
        return Math.Max(n, 1);
    }

    public static Color ColorOf(DueUrgency urgency) => urgency switch
    {
        DueUrgency.Overdue => Color.Error,
        DueUrgency.DueSoon => Color.Warning,
        DueUrgency.OnTime => Color.Success,
        _ => Color.Default,
    };
}

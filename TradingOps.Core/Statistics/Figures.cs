using System.Linq.Expressions;
using TradingOps.Core.Queue;

namespace TradingOps.Core.Statistics;

/// <summary>
/// The window queue's figures, one definition each, for every screen and sheet that shows them: the wall and the
/// live KPIs (QueueQueries), the statistics job (<see cref="DayFigures"/>), the statistics pages and every workbook
/// (operations reports and detail exports).
/// <para>
/// Standards: national 2019 6.7.1 and Liaoning 6.10.1 ask for a statistics system with "数据质量" (the same figure
/// must not read two ways); national 7.2.1.3–7.2.1.4 (service windows, waiting area) and 10.2 (限时办结, efficiency)
/// are what the queue figures measure. None of the standards gives a formula: the formulas below are the center's
/// own, stated here once and printed under the workbooks' sheets (<see cref="Note"/>).
/// </para>
/// <para>
/// Durations are measured once per ticket, to 0.01 minute (<see cref="Minutes"/>); every total (per day, window,
/// type, clerk, period) is a sum of those measures, so any two groupings of the same tickets add up to the same
/// number. Rounding for display happens only where a figure is shown.
/// </para>
/// </summary>
public static class QueueFigures
{
    /// <summary>The window key of tickets no window has called (never called, or transferred and waiting again).</summary>
    public const string UnassignedWindow = "未分配窗口";

    /// <summary>What the workbooks print under their queue sheets: the definitions in words.</summary>
    public const string Note = "取号数 = 当日取号的全部票号（含未叫号，按办理日统计，未被窗口叫号的列为“未分配窗口”）；"
        + "等候 = 首次叫号时间 − 取号时间；过号率 = 过号 ÷ 已叫号；办理 = 办结时间 − 开始办理时间（仅办结的票号）；"
        + "90%等候为本期全部已叫号的第 90 百分位";

    /// <summary>
    /// 已叫号: a window called the visitor at least once (a ticket transferred after its call stays called). The
    /// denominator of the average wait, the within-target share and the no-show rate.
    /// </summary>
    public static bool IsCalled(TicketFacts t) => t.FirstCalledAt is not null;

    /// <summary><see cref="IsCalled"/> for a database query.</summary>
    public static readonly Expression<Func<QueueTicket, bool>> Called = t => t.FirstCalledAt != null;

    /// <summary>办结: served to the end (service started, then finished). The denominator of the average service time.</summary>
    public static bool IsServed(TicketFacts t) => t.Status == TicketStatus.Finished && t.ServingStartedAt is not null && t.FinishedAt is not null;

    /// <summary>过号: called, recalled as often as allowed, and never came (or marked so at the window).</summary>
    public static bool IsNoShow(TicketFacts t) => t.Status == TicketStatus.NoShow;

    /// <summary>等候 (minutes): from taking the number (kept across transfers) to the first call; none before the first call.</summary>
    public static decimal? WaitMinutes(TicketFacts t) => t.FirstCalledAt is { } called ? Minutes(called - t.ArrivedAt) : null;

    /// <summary>办理 (minutes): from the start of service to its end, for served tickets only.</summary>
    public static decimal? ServiceMinutes(TicketFacts t) =>
        IsServed(t) ? Minutes(t.FinishedAt!.Value - t.ServingStartedAt!.Value) : null;

    /// <summary>Called within the target wait (<c>Queue:TargetWaitMinutes</c>).</summary>
    public static bool WithinTarget(TicketFacts t, int targetWaitMinutes) =>
        t.FirstCalledAt is { } called && called - t.ArrivedAt <= TimeSpan.FromMinutes(targetWaitMinutes);

    /// <summary>The key a ticket is counted under per window: the window that called it, or <see cref="UnassignedWindow"/>.</summary>
    public static string WindowKey(string? window) => window ?? UnassignedWindow;

    /// <summary>A duration as the figures measure it: minutes, to 0.01 (the one rounding, once per ticket or session).</summary>
    public static decimal Minutes(TimeSpan span) => decimal.Round((decimal)span.TotalMinutes, 2);

    /// <summary>The counts and sums of a set of tickets (the rates and averages derive from them, <see cref="QueueKpi"/>).</summary>
    public static QueueKpi Sum(IEnumerable<TicketFacts> tickets, int targetWaitMinutes)
    {
        decimal issued = 0, called = 0, wait = 0, within = 0, noShows = 0, served = 0, service = 0;
        foreach (var t in tickets)
        {
            issued++;
            if (IsCalled(t)) { called++; wait += WaitMinutes(t)!.Value; }
            if (WithinTarget(t, targetWaitMinutes)) within++;
            if (IsNoShow(t)) noShows++;
            if (IsServed(t)) { served++; service += ServiceMinutes(t)!.Value; }
        }
        return new QueueKpi(issued, called, wait, within, noShows, served, service);
    }

    /// <summary>
    /// 90%等候: the 90th-percentile wait of the called tickets (nearest rank), null when nobody was called. Computed
    /// from the tickets of the whole period: percentiles of days do not add up to the percentile of a month.
    /// </summary>
    public static decimal? WaitP90(IEnumerable<TicketFacts> tickets)
    {
        var waits = tickets.Where(IsCalled).Select(t => WaitMinutes(t)!.Value).Order().ToList();
        return waits.Count == 0 ? null : DayFigures.Percentile(waits, 0.9m);
    }
}

/// <summary>Queue KPIs derived from stored sums, for any period (sums add up across days; averages do not).</summary>
public readonly record struct QueueKpi(decimal Tickets, decimal Called, decimal WaitMinutes, decimal WithinTarget, decimal NoShows,
    decimal Served, decimal ServiceMinutes)
{
    /// <summary>平均等候 (minutes) = 等候合计 ÷ 已叫号.</summary>
    public decimal? AverageWait => Called == 0 ? null : WaitMinutes / Called;

    /// <summary>平均办理 (minutes) = 办理合计 ÷ 办结.</summary>
    public decimal? AverageService => Served == 0 ? null : ServiceMinutes / Served;

    /// <summary>过号率 = 过号 ÷ 已叫号 (<see cref="QueueFigures.IsCalled"/>): the one definition, on the wall as in the workbooks.</summary>
    public decimal? NoShowRate => Called == 0 ? null : NoShows / Called;

    /// <summary>Share of called visitors called within the target wait.</summary>
    public decimal? WithinTargetShare => Called == 0 ? null : WithinTarget / Called;

    public static QueueKpi operator +(QueueKpi a, QueueKpi b) => new(a.Tickets + b.Tickets, a.Called + b.Called,
        a.WaitMinutes + b.WaitMinutes, a.WithinTarget + b.WithinTarget, a.NoShows + b.NoShows, a.Served + b.Served,
        a.ServiceMinutes + b.ServiceMinutes);
}

/// <summary>
/// Room-use figures (场地使用), one definition each, for the statistics job, the pages and every workbook.
/// <para>
/// Standards: national 2019 6.3 and Liaoning 6.3 (场地安排: booking, change, extension) and national 6.7.1 /
/// Liaoning 6.10.1 (statistics with data quality). The standards set no formula; these are the center's.
/// </para>
/// <para>
/// Hours are measured once per booking and day, to 0.0001 hour (<see cref="Hours"/>, the precision figures are
/// stored with); every total sums those measures unrounded, so the summary, the per-room and per-type sheets and
/// the detail export of the same sessions agree. Rounding to 0.01 hour happens only where a figure is shown.
/// </para>
/// </summary>
public static class RoomFigures
{
    /// <summary>What the workbooks print under their room sheets.</summary>
    public const string Note = "开放时长 = 工作日办公时间 × 在用场地；预约时长 = 预约时段在当日的部分；"
        + "实际使用 = 实际开始至结束（进行中计至当前）；使用率 = 实际使用时长 ÷ 开放时长；超时 = 实际结束晚于预约结束（计入结束当日）；"
        + "时长合计由未取整的时长相加，仅显示时保留两位小数";

    /// <summary>A span in hours, to 0.0001 (the one rounding, once per booking and day).</summary>
    public static decimal Hours(TimeSpan span) => decimal.Round((decimal)span.TotalHours, 4);

    /// <summary>预约时长 of a booking within [dayStart, dayEnd) (hours).</summary>
    public static decimal BookedHours(DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset dayStart, DateTimeOffset dayEnd) =>
        Hours(Clip(startsAt, endsAt, dayStart, dayEnd));

    /// <summary>
    /// 实际使用 within [dayStart, dayEnd) (hours): from the session's start to its end; a session still running counts up
    /// to <paramref name="now"/>; none when the session never started.
    /// </summary>
    public static decimal UsedHours(DateTimeOffset? startedAt, DateTimeOffset? endedAt, DateTimeOffset now, DateTimeOffset dayStart, DateTimeOffset dayEnd) =>
        startedAt is { } s ? Hours(Clip(s, endedAt ?? (now < dayEnd ? now : dayEnd), dayStart, dayEnd)) : 0m;

    /// <summary>超时 (minutes): how long a held session ran past its booked end (a running one: up to now); 0 when in time.</summary>
    public static decimal OverrunMinutes(DateTimeOffset endsAt, DateTimeOffset? startedAt, DateTimeOffset? endedAt, DateTimeOffset now)
    {
        if (startedAt is null) return 0m;
        var actualEnd = endedAt ?? now;
        return actualEnd > endsAt ? QueueFigures.Minutes(actualEnd - endsAt) : 0m;
    }

    /// <summary>使用率 = 实际使用时长 ÷ 开放时长, null without open hours.</summary>
    public static decimal? Utilization(decimal usedHours, decimal openHours) => openHours == 0 ? null : usedHours / openHours;

    private static TimeSpan Clip(DateTimeOffset from, DateTimeOffset to, DateTimeOffset dayStart, DateTimeOffset dayEnd)
    {
        var s = from > dayStart ? from : dayStart;
        var e = to < dayEnd ? to : dayEnd;
        return e > s ? e - s : TimeSpan.Zero;
    }
}

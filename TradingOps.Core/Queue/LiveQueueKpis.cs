using TradingOps.Core.Statistics;

namespace TradingOps.Core.Queue;

/// <summary>
/// One line of queue KPIs (a service type, a window, or the whole hall). The figures are <see cref="QueueKpi"/>, counted with
/// the definitions of <see cref="QueueFigures"/> and <see cref="SatisfactionRules"/>, the same as the statistics and
/// workbooks; the other members are the same numbers as the screens show them.
/// </summary>
public sealed record QueueKpiRow(string Key, string Label, int WaitingNow, TimeSpan? LongestWaitNow, double TicketsPerHour, QueueKpi Figures,
    LevelCounts Levels)
{
    public TimeSpan? AverageWait => Span(Figures.AverageWait);
    public TimeSpan? AverageService => Span(Figures.AverageService);
    public int Issued => (int)Figures.Tickets;
    public int Served => (int)Figures.Served;
    public int NoShows => (int)Figures.NoShows;
    public double? NoShowRate => (double?)Figures.NoShowRate;
    public double? WithinTargetShare => (double?)Figures.WithinTargetShare;
    public int Ratings => Levels.Total;
    public double? SatisfiedShare => (double?)Levels.Rate;

    private static TimeSpan? Span(decimal? minutes) => minutes is { } m ? TimeSpan.FromMinutes((double)m) : null;
}

public sealed record QueueKpis(DateTimeOffset At, int TargetWaitMinutes, QueueKpiRow Overall, IReadOnlyList<QueueKpiRow> ByType, IReadOnlyList<QueueKpiRow> ByWindow);

/// <summary>A group the live KPIs are shown for: a service type (key: its prefix) or a window (key: its number).</summary>
public sealed record KpiGroup(Guid Id, string Key, string Label, bool IsActive = true);

/// <summary>A rating given today, counted for the ticket's service type and window.</summary>
public sealed record RatingFact(Guid ServiceTypeId, Guid? WindowId, RatingLevel Level);

/// <summary>
/// 实时指标: today's queue KPIs (waiting now, longest wait now, tickets per hour, and the figures of
/// <see cref="QueueFigures"/>) per service type, per window and overall, from today's tickets and ratings. The one
/// home of the rule: the read model computes them from the tickets it holds, the query from the tickets it reads.
/// </summary>
public static class LiveQueueKpis
{
    public static QueueKpis Of(IReadOnlyCollection<TicketState> tickets, IReadOnlyCollection<RatingFact> ratings,
        IReadOnlyList<KpiGroup> types, IReadOnlyList<KpiGroup> windows, DateTimeOffset now, int targetWaitMinutes)
    {
        var hours = Hours(tickets, now);
        var byType = types.Select(t => Row(t.Key, t.Label, tickets.Where(x => x.ServiceTypeId == t.Id).ToList(),
                ratings.Where(r => r.ServiceTypeId == t.Id).Select(r => r.Level), now, hours, targetWaitMinutes))
            .Where((r, i) => r.Issued > 0 || types[i].IsActive).ToList();
        var byWindow = windows.Select(w => ForWindow(w, tickets, ratings, now, hours, targetWaitMinutes)).ToList();
        var overall = Row("all", "全部", tickets, ratings.Select(r => r.Level), now, hours, targetWaitMinutes);
        return new QueueKpis(now, targetWaitMinutes, overall, byType, byWindow);
    }

    /// <summary>One window's line (the window console shows only its own).</summary>
    public static QueueKpiRow ForWindow(KpiGroup window, IReadOnlyCollection<TicketState> tickets, IReadOnlyCollection<RatingFact> ratings,
        DateTimeOffset now, double hours, int targetWaitMinutes) =>
        Row(window.Key, window.Label, tickets.Where(x => x.WindowId == window.Id).ToList(),
            ratings.Where(r => r.WindowId == window.Id).Select(r => r.Level), now, hours, targetWaitMinutes);

    /// <summary>Hours the queue has been open today for the per-hour rate: since the first ticket, at least a quarter hour.</summary>
    public static double Hours(IReadOnlyCollection<TicketState> tickets, DateTimeOffset now)
    {
        var firstIssue = tickets.Count == 0 ? now : tickets.Min(t => t.IssuedAt);
        return Math.Max((now - firstIssue).TotalHours, 0.25);
    }

    private static QueueKpiRow Row(string key, string label, IReadOnlyCollection<TicketState> set, IEnumerable<RatingLevel> levels,
        DateTimeOffset now, double hours, int target)
    {
        var waiting = set.Where(t => t.Status == TicketStatus.Waiting).ToList();
        return new QueueKpiRow(key, label, waiting.Count,
            waiting.Count == 0 ? null : now - waiting.Min(t => t.ArrivedAt),
            Math.Round(set.Count / hours, 1), QueueFigures.Sum(set.Select(t => t.Facts), target), LevelCounts.Of(levels));
    }
}

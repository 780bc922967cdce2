using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Statistics;

namespace TradingOps.Data.Statistics;

public sealed record SeriesPoint(DateOnly Day, decimal Value);

public sealed record Breakdown(string Key, decimal Value, decimal PreviousValue);

/// <summary>Sums of several metrics for one key, this period and the period before.</summary>
public sealed record MetricSums(string Key, IReadOnlyDictionary<string, decimal> Current, IReadOnlyDictionary<string, decimal> Previous)
{
    public decimal this[string metric] => Current.GetValueOrDefault(metric);
    public decimal Before(string metric) => Previous.GetValueOrDefault(metric);

    public QueueKpi Queue(bool previous = false)
    {
        var f = previous ? Previous : Current;
        return new(f.GetValueOrDefault(Metrics.QueueTickets), f.GetValueOrDefault(Metrics.QueueCalled), f.GetValueOrDefault(Metrics.QueueWaitMinutes),
            f.GetValueOrDefault(Metrics.QueueWithinTarget), f.GetValueOrDefault(Metrics.QueueNoShows), f.GetValueOrDefault(Metrics.QueueServed),
            f.GetValueOrDefault(Metrics.QueueServiceMinutes));
    }

    /// <summary>Used hours ÷ open hours, null without open hours.</summary>
    public decimal? Utilization(bool previous = false)
    {
        var f = previous ? Previous : Current;
        return RoomFigures.Utilization(f.GetValueOrDefault(Metrics.RoomUsedHours), f.GetValueOrDefault(Metrics.RoomOpenHours));
    }
}

/// <summary>Reads stored daily figures for the statistics pages and workbooks.</summary>
public sealed class StatisticsQueries(IDbContextFactory<TradingOpsDbContext> factory)
{
    public const int MaxDays = 400;

    /// <summary>The daily series of a metric's total over [from, to], with zero on days without figures.</summary>
    public async Task<IReadOnlyList<SeriesPoint>> DailyTotalsAsync(string metric, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        Check(from, to);
        await using var db = await factory.CreateDbContextAsync(ct);
        var stored = await db.DailyStatistics.AsNoTracking()
            .Where(s => s.Metric == metric && s.Dimension == DailyStatistic.Total && s.Day >= from && s.Day <= to)
            .Select(s => new { s.Day, s.Value }).ToListAsync(ct);
        var byDay = stored.ToDictionary(s => s.Day, s => s.Value);
        var points = new List<SeriesPoint>();
        for (var day = from; day <= to; day = day.AddDays(1))
            points.Add(new SeriesPoint(day, byDay.GetValueOrDefault(day)));
        return points;
    }

    /// <summary>A metric by dimension over the period, with the same-length period just before it.</summary>
    public async Task<IReadOnlyList<Breakdown>> BreakdownAsync(string metric, string dimension, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        Check(from, to);
        var length = to.DayNumber - from.DayNumber + 1;
        var previousFrom = from.AddDays(-length);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.DailyStatistics.AsNoTracking()
            .Where(s => s.Metric == metric && s.Dimension == dimension && s.Day >= previousFrom && s.Day <= to)
            .Select(s => new { s.Day, s.Key, s.Value }).ToListAsync(ct);
        return rows.GroupBy(r => r.Key)
            .Select(g => new Breakdown(g.Key, g.Where(r => r.Day >= from).Sum(r => r.Value), g.Where(r => r.Day < from).Sum(r => r.Value)))
            .OrderByDescending(b => b.Value)
            .ToList();
    }

    /// <summary>Several metrics summed per key of a dimension over a period and the period before it.</summary>
    public async Task<IReadOnlyList<MetricSums>> SumsAsync(IReadOnlyCollection<string> metrics, string dimension, Period period, CancellationToken ct = default)
    {
        var previous = period.Previous;
        Check(previous.Start, period.End);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.DailyStatistics.AsNoTracking()
            .Where(s => metrics.Contains(s.Metric) && s.Dimension == dimension && s.Day >= previous.Start && s.Day <= period.End)
            .ToListAsync(ct);
        return Sums(rows, metrics, dimension, period);
    }

    /// <summary>
    /// <see cref="SumsAsync"/> over figures already read (those of the period and the one before it, any metrics and
    /// dimensions): a workbook reads its months once and sums every sheet from them.
    /// </summary>
    public static IReadOnlyList<MetricSums> Sums(IEnumerable<DailyStatistic> figures, IReadOnlyCollection<string> metrics, string dimension, Period period)
    {
        var previous = period.Previous;
        return figures.Where(s => s.Dimension == dimension && metrics.Contains(s.Metric) && s.Day >= previous.Start && s.Day <= period.End)
            .GroupBy(r => r.Key)
            .Select(g => new MetricSums(g.Key,
                g.Where(r => r.Day >= period.Start).GroupBy(r => r.Metric).ToDictionary(m => m.Key, m => m.Sum(r => r.Value)),
                g.Where(r => r.Day <= previous.End).GroupBy(r => r.Metric).ToDictionary(m => m.Key, m => m.Sum(r => r.Value))))
            .OrderBy(m => LeadingNumber(m.Key)).ThenBy(m => m.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Totals of several metrics per day over [from, to] (days without figures are zero).</summary>
    public async Task<IReadOnlyList<(DateOnly Day, IReadOnlyDictionary<string, decimal> Values)>> DailyAsync(IReadOnlyCollection<string> metrics,
        DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        Check(from, to);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.DailyStatistics.AsNoTracking()
            .Where(s => metrics.Contains(s.Metric) && s.Dimension == DailyStatistic.Total && s.Day >= from && s.Day <= to)
            .Select(s => new { s.Day, s.Metric, s.Value }).ToListAsync(ct);
        var byDay = rows.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, decimal>)g.ToDictionary(r => r.Metric, r => r.Value));
        var result = new List<(DateOnly, IReadOnlyDictionary<string, decimal>)>();
        for (var day = from; day <= to; day = day.AddDays(1))
            result.Add((day, byDay.GetValueOrDefault(day) ?? new Dictionary<string, decimal>()));
        return result;
    }

    /// <summary>
    /// The 90th-percentile wait (minutes) of a period per service type, window or staff member (or the total), from the tickets
    /// themselves: percentiles of days do not add up to the percentile of a week.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, decimal>> WaitP90Async(Period period, string dimension, CancellationToken ct = default) =>
        (await WaitP90Async(period, [dimension], ct))[dimension];

    /// <summary>
    /// <see cref="WaitP90Async(Period, string, CancellationToken)"/> for several dimensions at once, from one read of the
    /// period's called tickets.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>> WaitP90Async(Period period,
        IReadOnlyCollection<string> dimensions, CancellationToken ct = default)
    {
        Check(period.Start, period.End);
        await using var db = await factory.CreateDbContextAsync(ct);
        var tickets = await TicketFactsReader.ReadAsync(db,
            db.QueueTickets.Where(t => t.ServiceDate >= period.Start && t.ServiceDate <= period.End).Where(QueueFigures.Called), ct);
        return dimensions.Distinct().ToDictionary(d => d, IReadOnlyDictionary<string, decimal> (dimension) => tickets.GroupBy(t => dimension switch
            {
                Metrics.ByServiceType => t.Type,
                Metrics.ByWindow => QueueFigures.WindowKey(t.Window),
                Metrics.ByClerk => t.Clerk ?? DayFigures.NoClerk, // the key DayFigures.Queue stores per staff member
                _ => DailyStatistic.Total,
            })
            .ToDictionary(g => g.Key, g => QueueFigures.WaitP90(g)!.Value));
    }

    /// <summary>"2号窗口" before "10号窗口": keys starting with a number sort by it, the others after them.</summary>
    public static int LeadingNumber(string key)
    {
        var digits = key.TakeWhile(char.IsAsciiDigit).Count();
        return digits > 0 && int.TryParse(key.AsSpan(0, Math.Min(digits, 9)), out var n) ? n : int.MaxValue;
    }

    private static void Check(DateOnly from, DateOnly to)
    {
        if (to < from) throw new Core.Common.DomainException("Statistics.Period", "截止日期不能早于起始日期");
        if (to.DayNumber - from.DayNumber >= MaxDays) throw new Core.Common.DomainException("Statistics.Period", $"统计区间最长 {MaxDays} 天");
    }
}

using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Statistics;

namespace TradingOps.Data.Statistics;

public sealed record SeriesPoint(DateOnly Day, decimal Value);

public sealed record Breakdown(string Key, decimal Value, decimal PreviousValue);

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

    private static void Check(DateOnly from, DateOnly to)
    {
        if (to < from) throw new Core.Common.DomainException("Statistics.Period", "截止日期不能早于起始日期");
        if (to.DayNumber - from.DayNumber >= MaxDays) throw new Core.Common.DomainException("Statistics.Period", $"统计区间最长 {MaxDays} 天");
    }
}

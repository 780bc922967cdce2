using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Queue;
using TradingOps.Core.Statistics;

namespace TradingOps.Data.Statistics;

/// <summary>Counts of one key (a window, clerk, service type, or the total) this period and the period before.</summary>
public sealed record SatisfactionRow(string Key, LevelCounts Counts, LevelCounts Previous);

/// <summary>One bucket of the trend (a day, week or month).</summary>
public sealed record SatisfactionPoint(Period Period, LevelCounts Counts);

/// <summary>A bad rating and where its follow-up stands now.</summary>
/// <remarks>A session's venue or witness rating: <see cref="TicketCode"/> is the project code, <see cref="Window"/> the room.</remarks>
public sealed record BadRatingRow(DateTimeOffset At, string TicketCode, RatingLevel Level, string ServiceType, string? Window,
    string? Clerk, string Reasons, string? Comment, FollowUpState State, DateTimeOffset? ResolveDueAt, RatedService Service = RatedService.Window);

public sealed record FollowUpSummary(int Open, int Overdue, int Closed)
{
    public int Total => Open + Overdue + Closed;
}

/// <summary>
/// Satisfaction results for the pages and workbooks: level counts come from the stored daily figures (so a
/// period's results are the sum of its days), follow-up states from the follow-ups themselves (they change
/// after the day was computed).
/// </summary>
public sealed class SatisfactionQueries(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock)
{
    private static readonly string[] LevelMetrics = SatisfactionRules.Levels.Select(SatisfactionRules.MetricOf).ToArray();

    /// <summary>Counts per key of <paramref name="dimension"/> (total, service-type, window, clerk) against the previous period.</summary>
    public async Task<IReadOnlyList<SatisfactionRow>> ByDimensionAsync(Period period, string dimension, CancellationToken ct = default)
    {
        var previous = period.Previous;
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.DailyStatistics.AsNoTracking()
            .Where(s => LevelMetrics.Contains(s.Metric) && s.Dimension == dimension && s.Day >= previous.Start && s.Day <= period.End)
            .ToListAsync(ct);
        return ByDimension(rows, period, dimension);
    }

    /// <summary>
    /// <see cref="ByDimensionAsync"/> over figures already read (those of the period and the one before it, any metrics
    /// and dimensions): a workbook reads its months once and counts every sheet from them.
    /// </summary>
    public static IReadOnlyList<SatisfactionRow> ByDimension(IEnumerable<DailyStatistic> figures, Period period, string dimension)
    {
        var previous = period.Previous;
        return figures.Where(s => s.Dimension == dimension && LevelMetrics.Contains(s.Metric) && s.Day >= previous.Start && s.Day <= period.End)
            .GroupBy(r => r.Key)
            .Select(g => new SatisfactionRow(g.Key,
                Sum(g.Where(r => r.Day >= period.Start).Select(r => (r.Metric, r.Value))),
                Sum(g.Where(r => r.Day <= previous.End).Select(r => (r.Metric, r.Value)))))
            .Where(r => r.Counts.Total > 0 || r.Previous.Total > 0)
            .OrderByDescending(r => r.Counts.Total).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The total counts per day, week or month over [from, to] (buckets without ratings included, empty).</summary>
    public async Task<IReadOnlyList<SatisfactionPoint>> TrendAsync(PeriodKind kind, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from) throw new DomainException("Statistics.Period", "截止日期不能早于起始日期");
        var first = Period.Containing(kind, from);
        var last = Period.Containing(kind, to);
        if (last.End.DayNumber - first.Start.DayNumber >= 800) throw new DomainException("Statistics.Period", "统计区间最长两年");
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.DailyStatistics.AsNoTracking()
            .Where(s => LevelMetrics.Contains(s.Metric) && s.Dimension == DailyStatistic.Total && s.Day >= first.Start && s.Day <= last.End)
            .Select(s => new { s.Day, s.Metric, s.Value }).ToListAsync(ct);
        var points = new List<SatisfactionPoint>();
        for (var p = first; p.Start <= last.Start; p = Period.Containing(kind, p.End.AddDays(1)))
        {
            var bucket = p;
            points.Add(new SatisfactionPoint(bucket, Sum(rows.Where(r => r.Day >= bucket.Start && r.Day <= bucket.End).Select(r => (r.Metric, r.Value)))));
        }
        return points;
    }

    /// <summary>Bad ratings given in the period, with their follow-up's state now (open, overdue, closed).</summary>
    public async Task<IReadOnlyList<BadRatingRow>> BadRatingsAsync(Period period, CancellationToken ct = default)
    {
        var (start, _) = CenterTime.DayBounds(period.Start);
        var (_, end) = CenterTime.DayBounds(period.End);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (
            from r in db.SatisfactionRatings.AsNoTracking().Where(SatisfactionRules.BadRating)
            where r.At >= start && r.At < end && r.Service == RatedService.Window
            join t in db.QueueTickets on r.TicketId equals (Guid?)t.Id
            join type in db.ServiceTypes on r.ServiceTypeId equals (Guid?)type.Id
            join w in db.ServiceWindows on r.WindowId equals w.Id into ws
            from w in ws.DefaultIfEmpty()
            join f in db.RatingFollowUps on r.Id equals f.RatingId into fs
            from f in fs.DefaultIfEmpty()
            select new { r.At, t.Code, r.Level, Type = type.Name, Window = w == null ? null : w.Name, t.ServedByName, r.Reasons, r.Comment, FollowUp = f, r.Service })
            .ToListAsync(ct);
        // A session's venue and witness ratings: the project code and room stand where a ticket and window would.
        var sessions = await (
            from r in db.SatisfactionRatings.AsNoTracking().Where(SatisfactionRules.BadRating)
            where r.At >= start && r.At < end && r.Service != RatedService.Window
            join b in db.RoomBookings on r.BookingId equals (Guid?)b.Id
            join room in db.Rooms on b.RoomId equals room.Id
            join f in db.RatingFollowUps on r.Id equals f.RatingId into fs
            from f in fs.DefaultIfEmpty()
            select new { r.At, Code = b.ProjectCode, r.Level, Type = "", Window = (string?)room.Name, ServedByName = (string?)null, r.Reasons, r.Comment, FollowUp = f, r.Service })
            .ToListAsync(ct);
        return rows.Concat(sessions).Select(r => new BadRatingRow(r.At, r.Code, r.Level, r.Service == RatedService.Window ? r.Type : SatisfactionRating.ServiceText(r.Service),
                r.Window, r.ServedByName, r.Reasons, r.Comment,
                r.FollowUp is null ? FollowUpState.Open : SatisfactionRules.StateOf(r.FollowUp, now), r.FollowUp?.ResolveDueAt, r.Service))
            .OrderBy(r => r.At).ToList();
    }

    public static FollowUpSummary Summarize(IEnumerable<BadRatingRow> bad)
    {
        var list = bad.ToList();
        return new(list.Count(b => b.State == FollowUpState.Open), list.Count(b => b.State == FollowUpState.Overdue),
            list.Count(b => b.State == FollowUpState.Closed));
    }

    private static LevelCounts Sum(IEnumerable<(string Metric, decimal Value)> figures)
    {
        var n = new int[5];
        foreach (var (metric, value) in figures)
        {
            var i = Array.IndexOf(LevelMetrics, metric);
            if (i >= 0) n[i] += (int)value;
        }
        return new(n[0], n[1], n[2], n[3], n[4]);
    }
}

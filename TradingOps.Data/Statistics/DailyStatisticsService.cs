using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Statistics;

namespace TradingOps.Data.Statistics;

/// <summary>
/// Computes a center day's figures from the raw rows and replaces that day's stored figures in one
/// transaction: re-running a day changes nothing, a half-computed day is never visible.
/// </summary>
public sealed class DailyStatisticsService(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock, ICurrentActor actor)
{
    /// <summary>How far back a first run or a catch-up reaches.</summary>
    public const int MaxCatchUpDays = 400;

    public async Task<int> RecomputeAsync(DateOnly day, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var figures = await ComputeAsync(db, day, now, ct);

        // Derived figures are not audited row by row: one entry says who recomputed which day.
        db.AuditDisabled = true;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.DailyStatistics.Where(s => s.Day == day).ExecuteDeleteAsync(ct);
            db.DailyStatistics.AddRange(figures);
            db.AuditEntries.Add(new AuditEntry(now, who, "DailyStatistics", day.ToString("yyyy-MM-dd"), AuditAction.Modified,
                JsonSerializer.Serialize(new { figures = figures.Count })));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        return figures.Count;
    }

    /// <summary>
    /// Every day since the last computed one up to today (missed days after downtime included), plus
    /// yesterday and today again, which may have changed since. Returns the days computed.
    /// </summary>
    public async Task<IReadOnlyList<DateOnly>> CatchUpAsync(CancellationToken ct = default)
    {
        var today = CenterTime.Today(clock);
        DateOnly first;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var lastComputed = await db.DailyStatistics.Where(s => s.Metric == Metrics.ProjectsRegistered && s.Dimension == DailyStatistic.Total)
                .MaxAsync(s => (DateOnly?)s.Day, ct);
            if (lastComputed is { } last)
                first = last < today.AddDays(-1) ? last.AddDays(1) : today.AddDays(-1);
            else
            {
                var earliest = await db.TradingProjects.MinAsync(p => (DateTimeOffset?)p.RegisteredAt, ct);
                first = earliest is { } e ? DateOnly.FromDateTime(CenterTime.ToLocal(e).DateTime) : today;
            }
        }
        if (first < today.AddDays(-MaxCatchUpDays)) first = today.AddDays(-MaxCatchUpDays);
        var days = new List<DateOnly>();
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            await RecomputeAsync(day, ct);
            days.Add(day);
        }
        return days;
    }

    /// <summary>The figures of one day from the raw rows (a day's rows are few: read them, then group).</summary>
    public static async Task<List<DailyStatistic>> ComputeAsync(TradingOpsDbContext db, DateOnly day, DateTimeOffset now, CancellationToken ct)
    {
        var (start, end) = CenterTime.DayBounds(day);
        var registered = await db.TradingProjects.AsNoTracking()
            .Where(p => p.RegisteredAt >= start && p.RegisteredAt < end)
            .Select(p => new { p.Category, p.Method, p.Amount })
            .ToListAsync(ct);
        var openings = await db.TradingProjects.AsNoTracking()
            .Where(p => p.BidOpeningAt >= start && p.BidOpeningAt < end)
            .Select(p => p.Category)
            .ToListAsync(ct);

        var figures = new List<DailyStatistic>();
        void Add(string metric, string dimension, string key, decimal value) =>
            figures.Add(new DailyStatistic(day, metric, dimension, key, value, now));

        Add(Metrics.ProjectsRegistered, DailyStatistic.Total, DailyStatistic.Total, registered.Count);
        Add(Metrics.ProjectsAmount, DailyStatistic.Total, DailyStatistic.Total, registered.Sum(p => p.Amount));
        foreach (var g in registered.GroupBy(p => p.Category))
        {
            Add(Metrics.ProjectsRegistered, Metrics.ByCategory, g.Key.ToString(), g.Count());
            Add(Metrics.ProjectsAmount, Metrics.ByCategory, g.Key.ToString(), g.Sum(p => p.Amount));
        }
        foreach (var g in registered.GroupBy(p => p.Method))
            Add(Metrics.ProjectsRegistered, Metrics.ByMethod, g.Key.ToString(), g.Count());
        foreach (var g in registered.GroupBy(p => Metrics.AmountBand(p.Amount)))
            Add(Metrics.ProjectsRegistered, Metrics.ByAmountBand, g.Key, g.Count());
        Add(Metrics.BidOpenings, DailyStatistic.Total, DailyStatistic.Total, openings.Count);
        foreach (var g in openings.GroupBy(c => c))
            Add(Metrics.BidOpenings, Metrics.ByCategory, g.Key.ToString(), g.Count());
        return figures;
    }
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Queue;
using TradingOps.Core.Statistics;

namespace TradingOps.Data.Statistics;

/// <summary>
/// 定期公示 of satisfaction results: one snapshot per finished week and month, computed from the ratings
/// themselves. Computing a period again replaces its snapshot (one row per period, enforced by a unique index).
/// </summary>
public sealed class SatisfactionDisclosureService(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock, ICurrentActor actor)
{
    /// <summary>How far back a first run or a catch-up after downtime reaches.</summary>
    public const int MaxCatchUpWeeks = 8, MaxCatchUpMonths = 12;

    public async Task<SatisfactionDisclosure> DiscloseAsync(Period period, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var who = await actor.GetAsync(ct);
        var (start, _) = CenterTime.DayBounds(period.Start);
        var (_, end) = CenterTime.DayBounds(period.End);
        await using var db = await factory.CreateDbContextAsync(ct);
        var ratings = await db.SatisfactionRatings.AsNoTracking().Where(r => r.At >= start && r.At < end)
            .Select(r => new { r.Id, r.Level, r.Service, r.ServiceTypeId, r.WindowId }).ToListAsync(ct);
        var followUps = await db.RatingFollowUps.AsNoTracking().Where(f => f.OpenedAt >= start && f.OpenedAt < end).ToListAsync(ct);
        var types = await db.ServiceTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => (t.Name, t.SortOrder), ct);
        var windows = await db.ServiceWindows.AsNoTracking().ToDictionaryAsync(w => w.Id, w => (w.Name, w.Number), ct);

        // By service (窗口/场地/见证: one stream of 好差评), then the window service by type and by window.
        var lines = ratings.GroupBy(r => r.Service).OrderBy(g => g.Key)
            .Select(g => new DisclosureLine(Metrics.ByService, SatisfactionRating.ServiceText(g.Key), LevelCounts.Of(g.Select(r => r.Level))))
            .Concat(ratings.Where(r => r.ServiceTypeId is not null).GroupBy(r => r.ServiceTypeId!.Value).OrderBy(g => types.GetValueOrDefault(g.Key).SortOrder)
            .Select(g => new DisclosureLine(Metrics.ByServiceType, types.GetValueOrDefault(g.Key).Name ?? "?", LevelCounts.Of(g.Select(r => r.Level)))))
            .Concat(ratings.Where(r => r.WindowId is not null).GroupBy(r => r.WindowId!.Value).OrderBy(g => windows.GetValueOrDefault(g.Key).Number)
                .Select(g => new DisclosureLine(Metrics.ByWindow, windows.GetValueOrDefault(g.Key).Name ?? "?", LevelCounts.Of(g.Select(r => r.Level)))))
            .ToList();
        var states = followUps.Select(f => SatisfactionRules.StateOf(f, now)).ToList();
        var counts = LevelCounts.Of(ratings.Select(r => r.Level));
        var (closed, open, overdue) = (states.Count(s => s == FollowUpState.Closed), states.Count(s => s == FollowUpState.Open),
            states.Count(s => s == FollowUpState.Overdue));

        db.AuditDisabled = true; // a derived snapshot: one audit entry says who published which period
        var disclosure = await db.SatisfactionDisclosures.SingleOrDefaultAsync(d => d.Kind == period.Kind && d.PeriodStart == period.Start, ct);
        if (disclosure is null)
            db.SatisfactionDisclosures.Add(disclosure = new SatisfactionDisclosure(period, counts, closed, open, overdue, lines, now));
        else
            disclosure.Replace(counts, closed, open, overdue, lines, now);
        db.AuditEntries.Add(new AuditEntry(now, who, "SatisfactionDisclosure", $"{period.Kind}:{period.Start:yyyy-MM-dd}", AuditAction.Modified,
            JsonSerializer.Serialize(new { ratings = counts.Total, rate = counts.Rate })));
        await db.SaveChangesAsync(ct);
        return disclosure;
    }

    /// <summary>
    /// The last finished week and month again (late follow-ups change them), and every finished period since
    /// the last published one that was missed while the service was down. Returns the periods computed.
    /// </summary>
    public async Task<IReadOnlyList<Period>> CatchUpAsync(CancellationToken ct = default)
    {
        var today = CenterTime.Today(clock);
        DateOnly? firstRatingDay;
        List<(PeriodKind Kind, DateOnly Start)> done;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var first = await db.SatisfactionRatings.MinAsync(r => (DateTimeOffset?)r.At, ct);
            firstRatingDay = first is { } f ? DateOnly.FromDateTime(CenterTime.ToLocal(f).DateTime) : null;
            done = (await db.SatisfactionDisclosures.Select(d => new { d.Kind, d.PeriodStart }).ToListAsync(ct))
                .Select(d => (d.Kind, d.PeriodStart)).ToList();
        }
        var periods = new List<Period>();
        foreach (var (kind, max) in new[] { (PeriodKind.Week, MaxCatchUpWeeks), (PeriodKind.Month, MaxCatchUpMonths) })
        {
            var lastFinished = Period.Containing(kind, today).Previous;
            var missing = new List<Period> { lastFinished };
            for (var p = lastFinished.Previous; missing.Count < max && firstRatingDay is { } d && p.End >= d; p = p.Previous)
            {
                if (done.Contains((kind, p.Start))) break; // published before: everything earlier was too
                missing.Add(p);
            }
            periods.AddRange(Enumerable.Reverse(missing));
        }
        foreach (var period in periods)
            await DiscloseAsync(period, ct);
        return periods;
    }

    /// <summary>The latest published week and month, for the public page.</summary>
    public async Task<IReadOnlyList<SatisfactionDisclosure>> LatestAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var result = new List<SatisfactionDisclosure>();
        foreach (var kind in new[] { PeriodKind.Week, PeriodKind.Month })
            if (await db.SatisfactionDisclosures.AsNoTracking().Where(d => d.Kind == kind).OrderByDescending(d => d.PeriodStart).FirstOrDefaultAsync(ct) is { } d)
                result.Add(d);
        return result;
    }
}

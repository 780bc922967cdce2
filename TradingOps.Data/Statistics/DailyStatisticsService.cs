using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Floor;
using TradingOps.Core.Queue;
using TradingOps.Core.Registrations;
using TradingOps.Core.Common;
using TradingOps.Core.Statistics;

namespace TradingOps.Data.Statistics;

/// <summary>
/// Computes a center day's figures from the raw rows and replaces that day's stored figures in one
/// transaction: re-running a day changes nothing, a half-computed day is never visible.
/// </summary>
public sealed class DailyStatisticsService(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock, ICurrentActor actor,
    IWorkdayCalendarProvider calendars, IOptions<QueueOptions> queueOptions)
{
    /// <summary>How far back a first run or a catch-up reaches.</summary>
    public const int MaxCatchUpDays = 400;

    /// <summary>Days read and replaced together by <see cref="RecomputeRangeAsync"/>: a month's rows at a time.</summary>
    public const int DaysPerBatch = 31;

    public Task<int> RecomputeAsync(DateOnly day, CancellationToken ct = default) => RecomputeRangeAsync(day, day, ct);

    /// <summary>
    /// Recomputes every day of [from, to] (a catch-up, a full rebuild): the raw rows of up to <see cref="DaysPerBatch"/>
    /// days are read at once and split by day in memory (each day exactly as <see cref="RecomputeAsync"/> computes it
    /// alone), and their figures replaced in one transaction. Returns the number of figures stored.
    /// </summary>
    public async Task<int> RecomputeRangeAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        var stored = 0;
        for (var first = from; first <= to; first = first.AddDays(DaysPerBatch))
        {
            var last = first.AddDays(DaysPerBatch - 1) < to ? first.AddDays(DaysPerBatch - 1) : to;
            var now = clock.GetUtcNow();
            await using var db = await factory.CreateDbContextAsync(ct);
            var byDay = await ComputeRangeAsync(db, first, last, now, calendar, queueOptions.Value.TargetWaitMinutes, ct);

            // Derived figures are not audited row by row: one entry per day says who recomputed it.
            db.AuditDisabled = true;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await db.DailyStatistics.Where(s => s.Day >= first && s.Day <= last).ExecuteDeleteAsync(ct);
                foreach (var (day, figures) in byDay)
                {
                    db.DailyStatistics.AddRange(figures);
                    db.AuditEntries.Add(new AuditEntry(now, who, "DailyStatistics", day.ToString("yyyy-MM-dd"), AuditAction.Modified,
                        JsonSerializer.Serialize(new { figures = figures.Count })));
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            });
            stored += byDay.Sum(d => d.Value.Count);
        }
        return stored;
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
        if (first > today) return [];
        await RecomputeRangeAsync(first, today, ct);
        var days = new List<DateOnly>();
        for (var day = first; day <= today; day = day.AddDays(1)) days.Add(day);
        return days;
    }

    /// <summary>The figures of one day from the raw rows (<see cref="ComputeRangeAsync"/> for that day alone).</summary>
    public static async Task<List<DailyStatistic>> ComputeAsync(TradingOpsDbContext db, DateOnly day, DateTimeOffset now,
        WorkdayCalendar calendar, int targetWaitMinutes, CancellationToken ct) =>
        (await ComputeRangeAsync(db, day, day, now, calendar, targetWaitMinutes, ct))[day];

    /// <summary>
    /// The figures of each day of [from, to] from the raw rows: each source is read once for the whole range, then each
    /// day takes its rows by the same bounds a day alone would be read with, and is grouped with the rules in
    /// <see cref="DayFigures"/>.
    /// </summary>
    public static async Task<IReadOnlyDictionary<DateOnly, List<DailyStatistic>>> ComputeRangeAsync(TradingOpsDbContext db, DateOnly from, DateOnly to,
        DateTimeOffset now, WorkdayCalendar calendar, int targetWaitMinutes, CancellationToken ct)
    {
        var (rangeStart, _) = CenterTime.DayBounds(from);
        var (_, rangeEnd) = CenterTime.DayBounds(to);
        var allRegistered = await db.TradingProjects.AsNoTracking()
            .Where(p => p.RegisteredAt >= rangeStart && p.RegisteredAt < rangeEnd)
            .Select(p => new { p.RegisteredAt, p.Category, p.Method, p.Amount })
            .ToListAsync(ct);
        var allOpenings = await db.TradingProjects.AsNoTracking()
            .Where(p => p.BidOpeningAt >= rangeStart && p.BidOpeningAt < rangeEnd)
            .Select(p => new { At = p.BidOpeningAt!.Value, p.Category })
            .ToListAsync(ct);
        var types = await db.ServiceTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var windows = await db.ServiceWindows.AsNoTracking().ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var ticketsByDay = (await TicketFactsReader.ReadByDayAsync(db, db.QueueTickets.Where(t => t.ServiceDate >= from && t.ServiceDate <= to), ct))
            .ToLookup(t => t.Day, t => t.Facts);
        // Window ratings with their ticket's clerk; a session's venue or witness ratings have no ticket (one stream).
        var allRatings = (await (from r in db.SatisfactionRatings.AsNoTracking().Where(r => r.At >= rangeStart && r.At < rangeEnd)
                                 join t in db.QueueTickets on r.TicketId equals (Guid?)t.Id into ts
                                 from t in ts.DefaultIfEmpty()
                                 select new { r.At, r.Level, r.Service, r.ServiceTypeId, r.WindowId, ServedByName = t == null ? null : t.ServedByName })
                .ToListAsync(ct))
            .Select(r => (r.At, Facts: r.Service == RatedService.Window
                ? new RatingFacts(r.Level, r.ServiceTypeId is { } type ? types.GetValueOrDefault(type, "?") : "?",
                    r.WindowId is { } w ? windows.GetValueOrDefault(w) : null, r.ServedByName)
                : RatingFacts.ForSession(r.Level, r.Service)))
            .ToList();
        var rooms = await db.Rooms.AsNoTracking().Select(r => new { r.Id, r.Code, r.Type, r.InService }).ToListAsync(ct);
        var roomById = rooms.ToDictionary(r => r.Id);
        var inService = rooms.Where(r => r.InService).Select(r => (r.Code, r.Type.ToString())).ToList();
        var held = RoomBooking.SessionStatuses;
        var allBookings = (await db.RoomBookings.AsNoTracking()
                .Where(b => b.StartsAt >= rangeStart.AddDays(-2) && b.StartsAt < rangeEnd && held.Contains(b.Status))
                .Select(b => new { b.RoomId, b.StartsAt, b.EndsAt, b.StartedAt, b.EndedAt })
                .ToListAsync(ct))
            .Where(b => roomById.ContainsKey(b.RoomId))
            .Select(b => new BookingFacts(roomById[b.RoomId].Code, roomById[b.RoomId].Type.ToString(), b.StartsAt, b.EndsAt, b.StartedAt, b.EndedAt))
            .ToList();
        var allCompletions = (await db.Registrations.AsNoTracking().Where(r => r.CompletedAt >= rangeStart && r.CompletedAt < rangeEnd)
                .Select(r => new { r.Status, r.Category, r.Method, r.Amount, r.CompletedAt, r.DueAt }).ToListAsync(ct))
            .Select(r => new CompletionFacts(r.Status == RegistrationStatus.Accepted, r.Category.ToString(), r.Method.ToString(), r.Amount, r.CompletedAt!.Value, r.DueAt))
            .ToList();
        var allConsultations = await db.Consultations.AsNoTracking().Where(c => c.ReceivedAt >= rangeStart && c.ReceivedAt < rangeEnd)
            .Select(c => new { c.ReceivedAt, c.Channel }).ToListAsync(ct);

        var result = new Dictionary<DateOnly, List<DailyStatistic>>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var (start, end) = CenterTime.DayBounds(day);
            var figures = new List<DailyStatistic>();
            result[day] = figures;
            var d = day;
            void Add(string metric, string dimension, string key, decimal value) =>
                figures.Add(new DailyStatistic(d, metric, dimension, key, value, now));

            var registered = allRegistered.Where(p => p.RegisteredAt >= start && p.RegisteredAt < end).ToList();
            var openings = allOpenings.Where(p => p.At >= start && p.At < end).Select(p => p.Category).ToList();
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

            DayFigures.Queue(ticketsByDay[day].ToList(), targetWaitMinutes, Add);
            DayFigures.Satisfaction(allRatings.Where(r => r.At >= start && r.At < end).Select(r => r.Facts).ToList(), Add);

            var earliest = start.AddDays(-2); // the longest sessions (overnight evaluation) start the day before
            var bookings = allBookings
                .Where(b => b.StartsAt >= earliest && b.StartsAt < end)
                .Where(b => b.EndsAt > start || (b.StartedAt is not null && (b.EndedAt ?? now) > start))
                .ToList();
            var openHours = calendar.IsWorkingDay(day) ? (decimal)calendar.OfficeHours.PerDay.TotalHours : 0m;
            DayFigures.Rooms(bookings, inService, openHours, start, end, now, Add);

            DayFigures.Registrations(allCompletions.Where(r => r.CompletedAt >= start && r.CompletedAt < end).ToList(), Add);

            var consultations = allConsultations.Where(c => c.ReceivedAt >= start && c.ReceivedAt < end).Select(c => c.Channel).ToList();
            if (consultations.Count > 0)
            {
                Add(Metrics.Consultations, DailyStatistic.Total, DailyStatistic.Total, consultations.Count);
                foreach (var g in consultations.GroupBy(c => c))
                    Add(Metrics.Consultations, Metrics.ByChannel, g.Key.ToString(), g.Count());
            }
        }
        return result;
    }
}

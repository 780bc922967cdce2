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

    public async Task<int> RecomputeAsync(DateOnly day, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var figures = await ComputeAsync(db, day, now, await calendars.GetAsync(ct), queueOptions.Value.TargetWaitMinutes, ct);

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

    /// <summary>
    /// The figures of one day from the raw rows (a day's rows are few: read them, then group with the rules in
    /// <see cref="DayFigures"/>).
    /// </summary>
    public static async Task<List<DailyStatistic>> ComputeAsync(TradingOpsDbContext db, DateOnly day, DateTimeOffset now,
        WorkdayCalendar calendar, int targetWaitMinutes, CancellationToken ct)
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

        var types = await db.ServiceTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var windows = await db.ServiceWindows.AsNoTracking().ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var tickets = await TicketFactsReader.ReadAsync(db, db.QueueTickets.Where(t => t.ServiceDate == day), ct);
        DayFigures.Queue(tickets, targetWaitMinutes, Add);

        var ratings = (await db.SatisfactionRatings.AsNoTracking().Where(r => r.At >= start && r.At < end)
                .Join(db.QueueTickets, r => r.TicketId, t => t.Id, (r, t) => new { r.Level, r.ServiceTypeId, r.WindowId, t.ServedByName })
                .ToListAsync(ct))
            .Select(r => new RatingFacts(r.Level, types.GetValueOrDefault(r.ServiceTypeId, "?"),
                r.WindowId is { } w ? windows.GetValueOrDefault(w) : null, r.ServedByName))
            .ToList();
        DayFigures.Satisfaction(ratings, Add);

        var rooms = await db.Rooms.AsNoTracking().Select(r => new { r.Id, r.Code, r.Type, r.InService }).ToListAsync(ct);
        var roomById = rooms.ToDictionary(r => r.Id);
        var earliest = start.AddDays(-2); // the longest sessions (overnight evaluation) start the day before
        var bookings = (await db.RoomBookings.AsNoTracking()
                .Where(b => b.StartsAt >= earliest && b.StartsAt < end
                    && b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.Requested && b.Status != BookingStatus.NoShow)
                .Select(b => new { b.RoomId, b.StartsAt, b.EndsAt, b.StartedAt, b.EndedAt })
                .ToListAsync(ct))
            .Where(b => roomById.ContainsKey(b.RoomId))
            .Select(b => new BookingFacts(roomById[b.RoomId].Code, roomById[b.RoomId].Type.ToString(), b.StartsAt, b.EndsAt, b.StartedAt, b.EndedAt))
            .Where(b => b.EndsAt > start || (b.StartedAt is not null && (b.EndedAt ?? now) > start))
            .ToList();
        var openHours = calendar.IsWorkingDay(day) ? (decimal)calendar.OfficeHours.PerDay.TotalHours : 0m;
        DayFigures.Rooms(bookings, rooms.Where(r => r.InService).Select(r => (r.Code, r.Type.ToString())).ToList(), openHours, start, end, now, Add);

        var completions = (await db.Registrations.AsNoTracking().Where(r => r.CompletedAt >= start && r.CompletedAt < end)
                .Select(r => new { r.Status, r.Category, r.Method, r.Amount, r.CompletedAt, r.DueAt }).ToListAsync(ct))
            .Select(r => new CompletionFacts(r.Status == RegistrationStatus.Accepted, r.Category.ToString(), r.Method.ToString(), r.Amount, r.CompletedAt!.Value, r.DueAt))
            .ToList();
        DayFigures.Registrations(completions, Add);

        var consultations = await db.Consultations.AsNoTracking().Where(c => c.ReceivedAt >= start && c.ReceivedAt < end)
            .Select(c => c.Channel).ToListAsync(ct);
        if (consultations.Count > 0)
        {
            Add(Metrics.Consultations, DailyStatistic.Total, DailyStatistic.Total, consultations.Count);
            foreach (var g in consultations.GroupBy(c => c))
                Add(Metrics.Consultations, Metrics.ByChannel, g.Key.ToString(), g.Count());
        }
        return figures;
    }
}

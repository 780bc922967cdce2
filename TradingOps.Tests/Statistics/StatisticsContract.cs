using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Queue;
using TradingOps.Core.Registrations;
using TradingOps.Core.Statistics;
using TradingOps.Data;
using TradingOps.Data.Seeding;
using TradingOps.Data.Statistics;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Statistics;

/// <summary>The daily statistics on a generated demo year, checked against counts made here from the raw rows.</summary>
public abstract class StatisticsContract
{
    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    private static readonly DateTimeOffset Now = CenterTime.At(new DateOnly(2026, 11, 20), new TimeOnly(15, 0));

    private async Task<(ServiceProvider Services, FakeTimeProvider Clock)> SeededAsync()
    {
        var clock = new FakeTimeProvider(Now);
        var services = DataServices.Build(Provider, NewDatabase(), seedDemo: true, demoProjects: 1200, clock: clock);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        // Past weeks of window tickets, ratings (with follow-ups) and room sessions, made by the demo generator.
        await using var db = await services.NewContextAsync();
        var calendar = await services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync();
        var history = await OperationsHistorySeeder.SeedAsync(db, calendar, HistoryFrom, Today.AddDays(-1), ticketsPerDay: 60, seed: 7, Now);
        Assert.True(history.Tickets > 500 && history.Ratings > 200 && history.Bookings > 50, $"history generated: {history}");
        return (services, clock);
    }

    private static readonly DateOnly Today = new(2026, 11, 20);
    private static readonly DateOnly HistoryFrom = new(2026, 10, 12);

    [Fact]
    public async Task A_days_figures_equal_counts_made_independently_from_the_raw_rows()
    {
        var (services, _) = await SeededAsync();
        await using var _ = services;
        var days = Enumerable.Range(0, 20).Select(i => new DateOnly(2026, 11, 20).AddDays(-i)).ToList();
        await using (var scope = services.CreateAsyncScope())
            foreach (var day in days)
                await scope.ServiceProvider.GetRequiredService<DailyStatisticsService>().RecomputeAsync(day);

        await using var db = await services.NewContextAsync();
        var projects = await db.TradingProjects.Select(p => new { p.RegisteredAt, p.BidOpeningAt, p.Category, p.Amount }).ToListAsync();
        var stored = await db.DailyStatistics.ToListAsync();
        foreach (var day in days)
        {
            var registered = projects.Where(p => DateOnly.FromDateTime(CenterTime.ToLocal(p.RegisteredAt).DateTime) == day).ToList();
            var opened = projects.Where(p => p.BidOpeningAt is { } at && DateOnly.FromDateTime(CenterTime.ToLocal(at).DateTime) == day).ToList();
            decimal Figure(string metric, string dimension, string key) =>
                stored.SingleOrDefault(s => s.Day == day && s.Metric == metric && s.Dimension == dimension && s.Key == key)?.Value ?? 0;

            Assert.Equal(registered.Count, Figure(Metrics.ProjectsRegistered, DailyStatistic.Total, DailyStatistic.Total));
            Assert.Equal(registered.Sum(p => p.Amount), Figure(Metrics.ProjectsAmount, DailyStatistic.Total, DailyStatistic.Total));
            Assert.Equal(opened.Count, Figure(Metrics.BidOpenings, DailyStatistic.Total, DailyStatistic.Total));
            foreach (var category in Enum.GetValues<TradingOps.Core.Projects.TradingCategory>())
                Assert.Equal(registered.Count(p => p.Category == category), Figure(Metrics.ProjectsRegistered, Metrics.ByCategory, category.ToString()));
            foreach (var band in Metrics.AmountBands)
                Assert.Equal(registered.Count(p => Metrics.AmountBand(p.Amount) == band), Figure(Metrics.ProjectsRegistered, Metrics.ByAmountBand, band));
        }
        Assert.True(stored.Where(s => s.Metric == Metrics.ProjectsRegistered && s.Dimension == DailyStatistic.Total).Sum(s => s.Value) > 0,
            "the generated days hold registrations");
    }

    [Fact]
    public async Task Recomputing_a_day_replaces_its_figures_and_never_duplicates_them()
    {
        var (services, _) = await SeededAsync();
        await using var _ = services;
        var day = new DateOnly(2026, 11, 19);
        await using var scope = services.CreateAsyncScope();
        var statistics = scope.ServiceProvider.GetRequiredService<DailyStatisticsService>();
        await statistics.RecomputeAsync(day);
        var first = await Snapshot(services, day);
        await statistics.RecomputeAsync(day);
        await statistics.RecomputeAsync(day);
        Assert.Equal(first, await Snapshot(services, day));
    }

    [Fact]
    public async Task A_range_rebuild_stores_exactly_the_figures_each_day_recomputed_alone_stores()
    {
        var (services, _) = await SeededAsync();
        await using var _ = services;
        var (first, last) = (HistoryFrom, Today); // more days than one batch of the range rebuild reads at once
        Assert.True(last.DayNumber - first.DayNumber + 1 > DailyStatisticsService.DaysPerBatch);
        async Task<List<(DateOnly, string, string, string, decimal)>> AllAsync()
        {
            await using var db = await services.NewContextAsync();
            return (await db.DailyStatistics.AsNoTracking().ToListAsync())
                .Select(s => (s.Day, s.Metric, s.Dimension, s.Key, s.Value)).Order().ToList();
        }

        var alone = 0;
        await using (var scope = services.CreateAsyncScope())
            for (var day = first; day <= last; day = day.AddDays(1))
                alone += await scope.ServiceProvider.GetRequiredService<DailyStatisticsService>().RecomputeAsync(day);
        var dayByDay = await AllAsync();

        int ranged;
        await using (var scope = services.CreateAsyncScope())
            ranged = await scope.ServiceProvider.GetRequiredService<DailyStatisticsService>().RecomputeRangeAsync(first, last);

        Assert.Equal(alone, ranged);
        Assert.Equal(dayByDay.Count, ranged);
        Assert.Equal(dayByDay, await AllAsync());
    }

    [Fact]
    public async Task Days_missed_while_the_service_was_down_are_caught_up()
    {
        var (services, clock) = await SeededAsync();
        await using var _ = services;
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DailyStatisticsService>().CatchUpAsync();
        clock.Advance(TimeSpan.FromDays(4)); // down from the 20th to the 24th

        IReadOnlyList<DateOnly> computed;
        await using (var scope = services.CreateAsyncScope())
            computed = await scope.ServiceProvider.GetRequiredService<DailyStatisticsService>().CatchUpAsync();

        Assert.Equal([new(2026, 11, 21), new(2026, 11, 22), new(2026, 11, 23), new(2026, 11, 24)], computed);
        await using var db = await services.NewContextAsync();
        var totals = await db.DailyStatistics.Where(s => s.Metric == Metrics.ProjectsRegistered && s.Dimension == DailyStatistic.Total)
            .Select(s => s.Day).ToListAsync();
        Assert.Equal(totals.Count, totals.Distinct().Count());
        for (var day = totals.Min(); day <= new DateOnly(2026, 11, 24); day = day.AddDays(1))
            Assert.Contains(day, totals);
    }

    [Fact]
    public async Task Queue_satisfaction_room_and_registration_figures_equal_counts_made_independently_from_the_raw_rows()
    {
        var (services, _) = await SeededAsync();
        await using var _ = services;
        // Today (the demo's floor, queue, registration desk and consultations, some sessions still running) and 12 past days.
        var days = Enumerable.Range(0, 13).Select(i => Today.AddDays(-i)).ToList();
        await using (var scope = services.CreateAsyncScope())
            foreach (var day in days)
                await scope.ServiceProvider.GetRequiredService<DailyStatisticsService>().RecomputeAsync(day);

        await using var db = await services.NewContextAsync();
        var consultations = await db.Consultations.Select(c => c.ReceivedAt).ToListAsync();
        var (firstDay, lastDay) = (days[^1], days[0]);
        var stored = await db.DailyStatistics.Where(s => s.Day >= firstDay && s.Day <= lastDay).ToListAsync();
        var windows = await db.ServiceWindows.ToDictionaryAsync(w => w.Id, w => w.Name);
        var types = await db.ServiceTypes.ToDictionaryAsync(t => t.Id, t => t.Name);
        var tickets = await db.QueueTickets.Where(t => t.ServiceDate >= firstDay && t.ServiceDate <= lastDay).ToListAsync();
        var ratings = await db.SatisfactionRatings.ToListAsync();
        var servedBy = tickets.ToDictionary(t => t.Id, t => t.ServedByName);
        var rooms = await db.Rooms.ToListAsync();
        var bookings = await db.RoomBookings.Where(b => b.StartedAt != null).ToListAsync();
        var completions = await db.Registrations.Where(r => r.CompletedAt != null).ToListAsync();
        decimal Figure(DateOnly day, string metric, string dimension, string key) =>
            stored.SingleOrDefault(s => s.Day == day && s.Metric == metric && s.Dimension == dimension && s.Key == key)?.Value ?? 0;
        static DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(CenterTime.ToLocal(at).DateTime);

        var checkedTickets = 0;
        foreach (var day in days)
        {
            var today = tickets.Where(t => t.ServiceDate == day).ToList();
            checkedTickets += today.Count;
            Assert.Equal(today.Count, Figure(day, Metrics.QueueTickets, DailyStatistic.Total, DailyStatistic.Total));
            foreach (var g in today.Where(t => t.WindowId != null).GroupBy(t => windows[t.WindowId!.Value]))
            {
                var called = g.Where(t => t.FirstCalledAt != null).ToList();
                var waits = called.Select(t => (t.FirstCalledAt!.Value - t.ArrivedAt).TotalMinutes).Order().ToList();
                Assert.Equal(g.Count(), Figure(day, Metrics.QueueTickets, Metrics.ByWindow, g.Key));
                Assert.Equal(g.Count(t => t.Status == TicketStatus.NoShow), Figure(day, Metrics.QueueNoShows, Metrics.ByWindow, g.Key));
                Assert.Equal(waits.Count(w => w <= 15), Figure(day, Metrics.QueueWithinTarget, Metrics.ByWindow, g.Key));
                Assert.Equal(waits.Average(), (double)(Figure(day, Metrics.QueueWaitMinutes, Metrics.ByWindow, g.Key) / called.Count), 0.01);
                Assert.Equal(waits[(int)Math.Ceiling(0.9 * waits.Count) - 1], (double)Figure(day, Metrics.QueueWaitP90, Metrics.ByWindow, g.Key), 0.01);
                var served = g.Where(t => t.Status == TicketStatus.Finished).ToList();
                Assert.Equal(served.Count, Figure(day, Metrics.QueueServed, Metrics.ByWindow, g.Key));
                Assert.Equal(served.Sum(t => (t.FinishedAt!.Value - t.ServingStartedAt!.Value).TotalMinutes),
                    (double)Figure(day, Metrics.QueueServiceMinutes, Metrics.ByWindow, g.Key), 0.01 * served.Count);
            }
            foreach (var g in today.GroupBy(t => types[t.ServiceTypeId]))
                Assert.Equal(g.Count(), Figure(day, Metrics.QueueTickets, Metrics.ByServiceType, g.Key));

            var rated = ratings.Where(r => LocalDay(r.At) == day).ToList();
            foreach (var level in Enum.GetValues<RatingLevel>())
            {
                var metric = SatisfactionRules.MetricOf(level);
                Assert.Equal(rated.Count(r => r.Level == level), Figure(day, metric, DailyStatistic.Total, DailyStatistic.Total));
                foreach (var g in rated.GroupBy(r => servedBy[r.TicketId!.Value] ?? DayFigures.NoClerk))
                    Assert.Equal(g.Count(r => r.Level == level), Figure(day, metric, Metrics.ByClerk, g.Key));
                foreach (var g in rated.GroupBy(r => windows[r.WindowId!.Value]))
                    Assert.Equal(g.Count(r => r.Level == level), Figure(day, metric, Metrics.ByWindow, g.Key));
            }

            var (start, end) = CenterTime.DayBounds(day);
            foreach (var room in rooms.Where(r => r.InService))
            {
                var held = bookings.Where(b => b.RoomId == room.Id && b.StartedAt < end && (b.EndedAt ?? Now) > start).ToList();
                var used = held.Sum(b => (((b.EndedAt ?? Now) < end ? (b.EndedAt ?? Now) : end) - (b.StartedAt > start ? b.StartedAt!.Value : start)).TotalHours);
                Assert.Equal(used, (double)Figure(day, Metrics.RoomUsedHours, Metrics.ByRoom, room.Code), 0.001);
                Assert.Equal(held.Count(b => (b.EndedAt ?? Now) > b.EndsAt && LocalDay(b.EndedAt ?? Now) == day),
                    Figure(day, Metrics.RoomOverruns, Metrics.ByRoom, room.Code));
                var calendar = await services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync();
                Assert.Equal(calendar.IsWorkingDay(day) ? 7.5m : 0m, Figure(day, Metrics.RoomOpenHours, Metrics.ByRoom, room.Code));
            }

            var done = completions.Where(r => LocalDay(r.CompletedAt!.Value) == day).ToList();
            Assert.Equal(done.Count(r => r.Status == RegistrationStatus.Accepted), Figure(day, Metrics.ProjectsAccepted, DailyStatistic.Total, DailyStatistic.Total));
            Assert.Equal(done.Count(r => r.DueAt is null || r.CompletedAt <= r.DueAt), Figure(day, Metrics.RegistrationsOnTime, DailyStatistic.Total, DailyStatistic.Total));
            Assert.Equal(consultations.Count(c => LocalDay(c) == day), Figure(day, Metrics.Consultations, DailyStatistic.Total, DailyStatistic.Total));
        }
        Assert.True(stored.Any(s => s.Metric == Metrics.ProjectsAccepted && s.Value > 0), "registrations were accepted");
        Assert.True(stored.Any(s => s.Metric == Metrics.Consultations && s.Value > 0), "consultations were received");
        Assert.True(checkedTickets > 300, $"the checked days hold tickets ({checkedTickets})");
        Assert.True(stored.Any(s => s.Metric == Metrics.RoomOverruns && s.Value > 0), "some sessions ran late");
        Assert.True(stored.Any(s => s.Metric == Metrics.RatingsDissatisfied && s.Value > 0), "some ratings were bad");
    }

    [Fact]
    public async Task A_weeks_satisfaction_by_clerk_is_the_sum_of_its_days_and_matches_the_raw_ratings()
    {
        var (services, _) = await SeededAsync();
        await using var _ = services;
        var week = Period.Containing(PeriodKind.Week, new DateOnly(2026, 11, 11));
        await using (var scope = services.CreateAsyncScope())
            for (var day = week.Previous.Start; day <= week.End; day = day.AddDays(1))
                await scope.ServiceProvider.GetRequiredService<DailyStatisticsService>().RecomputeAsync(day);

        IReadOnlyList<SatisfactionRow> rows;
        await using (var scope = services.CreateAsyncScope())
            rows = await scope.ServiceProvider.GetRequiredService<SatisfactionQueries>().ByDimensionAsync(week, Metrics.ByClerk);

        await using var db = await services.NewContextAsync();
        var (start, _) = CenterTime.DayBounds(week.Previous.Start);
        var raw = await db.SatisfactionRatings.Where(r => r.At >= start)
            .Join(db.QueueTickets, r => r.TicketId, t => t.Id, (r, t) => new { r.At, r.Level, t.ServedByName }).ToListAsync();
        var inWeek = raw.Where(r => week.Start <= DateOnly.FromDateTime(CenterTime.ToLocal(r.At).DateTime)
            && DateOnly.FromDateTime(CenterTime.ToLocal(r.At).DateTime) <= week.End).ToList();
        var inPrevious = raw.Where(r => DateOnly.FromDateTime(CenterTime.ToLocal(r.At).DateTime) < week.Start).ToList();
        Assert.True(rows.Count >= 3, "several clerks served that week");
        foreach (var row in rows)
        {
            var mine = inWeek.Where(r => r.ServedByName == row.Key).ToList();
            Assert.Equal(mine.Count, row.Counts.Total);
            Assert.Equal(mine.Count(r => r.Level <= RatingLevel.Acceptable), row.Counts.SatisfiedTotal);
            Assert.Equal(inPrevious.Count(r => r.ServedByName == row.Key), row.Previous.Total);
            Assert.Equal(mine.Count == 0 ? null : (decimal)mine.Count(r => r.Level <= RatingLevel.Acceptable) / mine.Count, row.Counts.Rate);
        }
    }

    [Fact]
    public async Task A_weeks_queue_figures_by_window_add_up_to_the_total_and_the_period_queries_apply_the_core_rules_in_SQL()
    {
        var (services, _) = await SeededAsync();
        await using var _ = services;
        var week = Period.Containing(PeriodKind.Week, new DateOnly(2026, 11, 11));
        await using (var scope = services.CreateAsyncScope())
            for (var day = week.Previous.Start; day <= week.End; day = day.AddDays(1))
                await scope.ServiceProvider.GetRequiredService<DailyStatisticsService>().RecomputeAsync(day);

        await using var db = await services.NewContextAsync();
        var windows = await db.ServiceWindows.ToDictionaryAsync(w => w.Id, w => w.Name);
        var tickets = (await db.QueueTickets.Where(t => t.ServiceDate >= week.Start && t.ServiceDate <= week.End).ToListAsync())
            .Select(t => new TicketFacts("", t.WindowId is { } w ? windows[w] : null, null, t.ArrivedAt, t.FirstCalledAt, t.ServingStartedAt,
                t.FinishedAt, t.Status)).ToList();
        var (start, _) = CenterTime.DayBounds(week.Start);
        var (_, end) = CenterTime.DayBounds(week.End);
        var bad = (await db.SatisfactionRatings.Where(r => r.At >= start && r.At < end).Select(r => r.Level).ToListAsync()).Count(SatisfactionRating.IsBad);

        await using var scope2 = services.CreateAsyncScope();
        var queries = scope2.ServiceProvider.GetRequiredService<StatisticsQueries>();
        string[] metrics = [Metrics.QueueTickets, Metrics.QueueCalled, Metrics.QueueNoShows, Metrics.QueueServed, Metrics.QueueWaitMinutes];
        var total = (await queries.SumsAsync(metrics, DailyStatistic.Total, week)).Single();
        var byWindow = await queries.SumsAsync(metrics, Metrics.ByWindow, week);
        foreach (var metric in metrics)
            Assert.Equal(total[metric], byWindow.Sum(w => w[metric]));
        Assert.Equal(tickets.Count, total[Metrics.QueueTickets]);
        Assert.Equal(QueueFigures.Sum(tickets, 15).NoShowRate, total.Queue().NoShowRate);

        var p90 = await queries.WaitP90Async(week, Metrics.ByWindow);
        foreach (var g in tickets.Where(QueueFigures.IsCalled).GroupBy(t => QueueFigures.WindowKey(t.Window)))
            Assert.Equal(QueueFigures.WaitP90(g), p90[g.Key]);
        Assert.Equal(QueueFigures.WaitP90(tickets), (await queries.WaitP90Async(week, DailyStatistic.Total))[DailyStatistic.Total]);
        Assert.Equal(bad, (await scope2.ServiceProvider.GetRequiredService<SatisfactionQueries>().BadRatingsAsync(week)).Count);
        Assert.True(bad > 0, "the week holds bad ratings");
    }

    [Fact]
    public async Task Disclosing_a_period_again_replaces_its_snapshot_and_missed_periods_are_caught_up()
    {
        var (services, clock) = await SeededAsync();
        await using var _ = services;
        var week = Period.Containing(PeriodKind.Week, new DateOnly(2026, 11, 11));
        SatisfactionDisclosure first;
        await using (var scope = services.CreateAsyncScope())
        {
            var disclosures = scope.ServiceProvider.GetRequiredService<SatisfactionDisclosureService>();
            first = await disclosures.DiscloseAsync(week);
            await disclosures.DiscloseAsync(week);
            await disclosures.DiscloseAsync(week);
        }
        await using (var db = await services.NewContextAsync())
        {
            var stored = await db.SatisfactionDisclosures.Where(d => d.Kind == PeriodKind.Week && d.PeriodStart == week.Start).ToListAsync();
            var only = Assert.Single(stored);
            Assert.Equal(first.Id, only.Id);
            var (start, _) = CenterTime.DayBounds(week.Start);
            var (_, end) = CenterTime.DayBounds(week.End);
            var levels = await db.SatisfactionRatings.Where(r => r.At >= start && r.At < end).Select(r => r.Level).ToListAsync();
            Assert.Equal(levels.Count, only.Counts.Total);
            Assert.Equal(levels.Count(l => l is RatingLevel.Dissatisfied or RatingLevel.VeryDissatisfied), only.Counts.Bad);
            Assert.Equal((double)levels.Count(l => l <= RatingLevel.Acceptable) / levels.Count, (double)only.Rate!.Value, 0.000001);
            Assert.Equal(levels.Count, only.ReadLines().Where(l => l.Dimension == Metrics.ByWindow).Sum(l => l.Counts.Total));
            Assert.Equal(levels.Count, only.ReadLines().Where(l => l.Dimension == Metrics.ByServiceType).Sum(l => l.Counts.Total));
            Assert.Equal(only.Counts.Bad, only.FollowUpsClosed + only.FollowUpsOpen + only.FollowUpsOverdue);
        }

        // The first run publishes the weeks and months since the ratings began; then the service is down for three weeks.
        IReadOnlyList<Period> initial, caughtUp;
        await using (var scope = services.CreateAsyncScope())
            initial = await scope.ServiceProvider.GetRequiredService<SatisfactionDisclosureService>().CatchUpAsync();
        Assert.Contains(Period.Containing(PeriodKind.Week, new DateOnly(2026, 11, 13)), initial);
        Assert.Contains(Period.Containing(PeriodKind.Month, new DateOnly(2026, 10, 13)), initial);
        clock.Advance(TimeSpan.FromDays(21));
        await using (var scope = services.CreateAsyncScope())
            caughtUp = await scope.ServiceProvider.GetRequiredService<SatisfactionDisclosureService>().CatchUpAsync();
        Assert.Equal(
        [
            new Period(PeriodKind.Week, new(2026, 11, 16), new(2026, 11, 22)), new Period(PeriodKind.Week, new(2026, 11, 23), new(2026, 11, 29)),
            new Period(PeriodKind.Week, new(2026, 11, 30), new(2026, 12, 6)), new Period(PeriodKind.Month, new(2026, 11, 1), new(2026, 11, 30)),
        ], caughtUp);
        await using (var db = await services.NewContextAsync())
        {
            var all = await db.SatisfactionDisclosures.Select(d => new { d.Kind, d.PeriodStart }).ToListAsync();
            Assert.Equal(all.Count, all.Distinct().Count());
            var empty = await db.SatisfactionDisclosures.SingleAsync(d => d.Kind == PeriodKind.Week && d.PeriodStart == new DateOnly(2026, 11, 30));
            Assert.Null(empty.Rate); // a week without ratings has no rate, not 0%
        }
    }

    private static async Task<List<string>> Snapshot(IServiceProvider services, DateOnly day)
    {
        await using var db = await services.NewContextAsync();
        return (await db.DailyStatistics.Where(s => s.Day == day).ToListAsync())
            .Select(s => $"{s.Metric}|{s.Dimension}|{s.Key}|{s.Value:0.####}").Order().ToList();
    }
}

[FullLane]
public sealed class SqliteStatisticsTests : StatisticsContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlStatisticsTests(PostgreSqlServer server) : StatisticsContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"stats_{Guid.NewGuid():N}");
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Common;
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
        return (services, clock);
    }

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

    private static async Task<List<string>> Snapshot(IServiceProvider services, DateOnly day)
    {
        await using var db = await services.NewContextAsync();
        return (await db.DailyStatistics.Where(s => s.Day == day).ToListAsync())
            .Select(s => $"{s.Metric}|{s.Dimension}|{s.Key}|{s.Value:0.####}").Order().ToList();
    }
}

public sealed class SqliteStatisticsTests : StatisticsContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlStatisticsTests(PostgreSqlServer server) : StatisticsContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"stats_{Guid.NewGuid():N}");
}

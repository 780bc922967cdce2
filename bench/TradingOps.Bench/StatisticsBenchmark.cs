using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Data;
using TradingOps.Data.Auditing;
using TradingOps.Data.Seeding;
using TradingOps.Data.Statistics;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Bench;

/// <summary>
/// Full-year rebuild of the daily statistics at 3x the municipal scale of DOMAIN.md (30,000 projects, ~300,000 window
/// tickets, ~180,000 ratings and the year's room sessions: every metric the job computes),
/// on SQLite and on a throwaway PostgreSQL 15 cluster. Target: under 60 s on both.
/// With --day-by-day, the same year is first rebuilt one day at a time (RecomputeAsync per day, as the rebuild ran
/// before the range rebuild), on the same database, and both times are printed side by side.
/// Usage: statistics-rebuild [--scale 3] [--sqlite-only] [--day-by-day]
/// </summary>
public sealed class StatisticsBenchmark : IBenchmark
{
    public string Name => "statistics-rebuild";
    public string Description => "full-year rebuild of daily statistics at 3x scale, SQLite and PostgreSQL";

    public async Task<int> RunAsync(string[] args)
    {
        var scale = args.SkipWhile(a => a != "--scale").Skip(1).Select(int.Parse).FirstOrDefault(3);
        var projects = 10_000 * scale;
        var sqlitePath = Path.Combine(Path.GetTempPath(), $"bench-stats-{Guid.NewGuid():N}.db");
        try
        {
            await RunOnAsync("SQLite", DatabaseProvider.Sqlite, $"Data Source={sqlitePath}", projects, args.Contains("--day-by-day"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(sqlitePath);
        }
        if (args.Contains("--sqlite-only")) return 0;

        var postgres = new LocalPostgres();
        await postgres.InitializeAsync();
        try
        {
            await RunOnAsync("PostgreSQL 15", DatabaseProvider.PostgreSQL, postgres.ConnectionString("bench_stats"), projects, args.Contains("--day-by-day"));
        }
        finally
        {
            await postgres.DisposeAsync();
        }
        return 0;
    }

    private static async Task RunOnAsync(string label, DatabaseProvider provider, string connectionString, int projects, bool dayByDay)
    {
        await using var services = Services(provider, connectionString, projects);
        var seed = await Measure.PhaseAsync(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        });
        await using (var db = await services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync())
            Console.WriteLine($"{label}: migrate + seed {projects:#,0} projects, {await db.QueueTickets.CountAsync():#,0} tickets, " +
                $"{await db.SatisfactionRatings.CountAsync():#,0} ratings, {await db.RoomBookings.CountAsync():#,0} room sessions: {seed}");

        var today = CenterTime.Today(TimeProvider.System);
        if (dayByDay)
        {
            var stored = 0;
            var perDay = await Measure.PhaseAsync(async () =>
            {
                for (var day = today.AddDays(-364); day <= today; day = day.AddDays(1))
                {
                    await using var scope = services.CreateAsyncScope();
                    stored += await scope.ServiceProvider.GetRequiredService<DailyStatisticsService>().RecomputeAsync(day);
                }
            });
            Console.WriteLine($"{label}: full-year rebuild day by day (before), 365 days, {stored:#,0} figures: {perDay}");
        }
        var figures = 0;
        // The rebuild as the statistics job's catch-up does it (DailyStatisticsService.RecomputeRangeAsync: a month of
        // raw rows read at a time, each day computed alone in memory, a month's figures replaced per transaction).
        var rebuild = await Measure.PhaseAsync(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            figures = await scope.ServiceProvider.GetRequiredService<DailyStatisticsService>().RecomputeRangeAsync(today.AddDays(-364), today);
        });
        Console.WriteLine($"{label}: full-year rebuild by range, 365 days, {figures:#,0} figures: {rebuild} (load {Load()})");
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static ServiceProvider Services(DatabaseProvider provider, string connectionString, int projects)
    {
        return BenchData.Services(new()
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
            ["Database:SeedDemoData"] = "true",
            ["Database:DemoProjectsPerYear"] = projects.ToString(),
            ["Database:DemoHistoryDays"] = "365", // a year of tickets, ratings and room sessions at the same scale
        });
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Statistics;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Statistics;

[FullLane]
public sealed class ScheduledJobsTests
{
    [Fact]
    public async Task The_schedule_lives_in_the_database_survives_a_restart_and_the_start_up_run_fills_the_statistics()
    {
        using var first = new TradingOpsApp { RunJobs = true };
        _ = first.Server; // start: migrations create the Quartz tables, the schedule is stored
        var path = first.DatabasePath;
        await using (var db = await first.Services.NewContextAsync())
        {
            var triggers = await db.Database.SqlQueryRaw<string>("SELECT TRIGGER_NAME AS \"Value\" FROM QRTZ_TRIGGERS").ToListAsync();
            Assert.Contains("daily-statistics-nightly", triggers);
            Assert.Contains("daily-statistics-hourly", triggers);
            Assert.Contains("satisfaction-disclosure-weekly", triggers);
            Assert.Contains("satisfaction-disclosure-monthly", triggers);
        }

        // The start-up run computes every day since the data began, up to today.
        var run = await Eventually.FoundAsync(async () =>
        {
            await using var db = await first.Services.NewContextAsync();
            return await db.JobRuns.Where(r => r.JobName == "statistics.daily-statistics" && r.FinishedAt != null).FirstOrDefaultAsync();
        }, TimeSpan.FromSeconds(60), "the statistics job ran after start-up");
        Assert.True(run.Succeeded, run.Result);
        Assert.Contains("已计算", run.Result);
        await using (var db = await first.Services.NewContextAsync())
        {
            var today = CenterTime.Today(TimeProvider.System);
            Assert.True(await db.DailyStatistics.AnyAsync(s => s.Day == today && s.Metric == Metrics.ProjectsRegistered));
            Assert.True(await db.DailyStatistics.AnyAsync(s => s.Day == today.AddDays(-1) && s.Metric == Metrics.ProjectsRegistered));
        }
        // The start-up run of the disclosure job publishes the week and the month just ended.
        var disclosed = await Eventually.FoundAsync(async () =>
        {
            await using var db = await first.Services.NewContextAsync();
            return await db.JobRuns.Where(r => r.JobName == "statistics.satisfaction-disclosure" && r.FinishedAt != null).FirstOrDefaultAsync();
        }, TimeSpan.FromSeconds(60), "the disclosure job ran after start-up");
        Assert.True(disclosed.Succeeded, disclosed.Result);
        await using (var db = await first.Services.NewContextAsync())
        {
            var lastWeek = Period.Containing(PeriodKind.Week, CenterTime.Today(TimeProvider.System)).Previous;
            Assert.True(await db.SatisfactionDisclosures.AnyAsync(d => d.Kind == PeriodKind.Week && d.PeriodStart == lastWeek.Start));
        }
        first.KeepDatabase = true;
        first.Dispose();

        // Restart on the same database: the nightly trigger is still scheduled, with its next fire time.
        using var second = new TradingOpsApp { DatabasePathOverride = path, RunJobs = true };
        _ = second.Server;
        await using (var db = await second.Services.NewContextAsync())
        {
            var next = await db.Database.SqlQueryRaw<long?>("SELECT NEXT_FIRE_TIME AS \"Value\" FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'daily-statistics-nightly'").SingleAsync();
            Assert.NotNull(next);
            var nextLocal = CenterTime.ToLocal(new DateTimeOffset(next!.Value, TimeSpan.Zero));
            Assert.Equal(new TimeOnly(0, 10), TimeOnly.FromDateTime(nextLocal.DateTime));

            // 定期公示: Monday 01:00 for the week just ended, the 1st 01:00 for the month just ended.
            var weekly = CenterTime.ToLocal(new DateTimeOffset((await db.Database.SqlQueryRaw<long?>(
                "SELECT NEXT_FIRE_TIME AS \"Value\" FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'satisfaction-disclosure-weekly'").SingleAsync())!.Value, TimeSpan.Zero));
            Assert.Equal((DayOfWeek.Monday, new TimeOnly(1, 0)), (weekly.DayOfWeek, TimeOnly.FromDateTime(weekly.DateTime)));
            var monthly = CenterTime.ToLocal(new DateTimeOffset((await db.Database.SqlQueryRaw<long?>(
                "SELECT NEXT_FIRE_TIME AS \"Value\" FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'satisfaction-disclosure-monthly'").SingleAsync())!.Value, TimeSpan.Zero));
            Assert.Equal((1, new TimeOnly(1, 0)), (monthly.Day, TimeOnly.FromDateTime(monthly.DateTime)));
        }
        SqliteConnection.ClearAllPools();
    }
}

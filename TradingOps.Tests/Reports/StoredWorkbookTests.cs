using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Data.Reports;
using TradingOps.Data.Seeding;
using TradingOps.Data.Statistics;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;
using TradingOps.Web.Infrastructure;
using TradingOps.Web.Jobs;
using TradingOps.Web.Reports;

namespace TradingOps.Tests.Reports;

/// <summary>
/// The daily and monthly workbooks: made by their jobs from the stored daily figures, queued (not built) by the
/// reports page, and every download of a stored file is in the audit trail.
/// </summary>
[FullLane]
public sealed class StoredWorkbookTests(TradingOpsApp app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TradingOpsApp>
{
    /// <summary>
    /// Counts the database commands run by the code awaited inside <see cref="Run"/> (its async flow only, so the
    /// host's background work on the same database is not counted).
    /// </summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private static readonly AsyncLocal<CommandCounter?> Current = new();
        private readonly IDisposable _subscription;
        private readonly List<IDisposable> _listeners = [];
        private int _count;

        public CommandCounter() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

        public int Count => Volatile.Read(ref _count);

        public async Task<T> Run<T>(Func<Task<T>> action)
        {
            Current.Value = this;
            try
            {
                return await action();
            }
            finally
            {
                Current.Value = null;
            }
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
                lock (_listeners) _listeners.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key == Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted.Name && ReferenceEquals(Current.Value, this))
                Interlocked.Increment(ref _count);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            _subscription.Dispose();
            lock (_listeners) _listeners.ForEach(l => l.Dispose());
        }
    }

    private async Task<StoredReport> AsSystemAsync(Func<OperationsReports, Task<StoredReport>> generate)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test"));
        return await generate(scope.ServiceProvider.GetRequiredService<OperationsReports>());
    }

    [Fact]
    public async Task The_monthly_workbook_is_built_from_the_stored_daily_figures_in_a_handful_of_database_commands()
    {
        // As the job runs it on the 1st: last month, whose days (and the month before, for the comparison) the
        // statistics job has computed.
        var today = CenterTime.Today(TimeProvider.System);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        await using (var db = await app.Services.NewContextAsync())
        {
            var calendar = await app.Services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync();
            await OperationsHistorySeeder.SeedAsync(db, calendar, first.AddMonths(-1), today.AddDays(-1), 20, 11, DateTimeOffset.UtcNow);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test"));
            var statistics = scope.ServiceProvider.GetRequiredService<DailyStatisticsService>();
            for (var day = first.AddMonths(-1); day < first.AddMonths(1); day = day.AddDays(1)) await statistics.RecomputeAsync(day);
        }

        using var counter = new CommandCounter();
        var report = await counter.Run(() => AsSystemAsync(r => r.GenerateMonthlyAsync(first.AddDays(9))));

        Assert.Equal($"运营月报_{first:yyyyMM}.xlsx", report.FileName);
        output.WriteLine($"monthly workbook: {counter.Count} database commands");
        // Stored figures read once, wait percentiles from one read of the tickets (+ names), rooms, bad ratings,
        // the ledger, the month's faults (issue 21: one joined read), the stored file: no day recomputed (that alone
        // would be a dozen commands per day).
        Assert.InRange(counter.Count, 1, 13);
    }

    [Fact]
    public async Task The_reports_page_queues_the_monthly_job_for_the_month_asked_for_instead_of_building_the_workbook()
    {
        var today = CenterTime.Today(TimeProvider.System);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.User("u-1", "supervisor"));
        int before;
        await using (var db = await app.Services.NewContextAsync())
            before = await db.StoredReports.CountAsync(r => r.Kind == ReportKind.MonthlyOperations);

        await scope.ServiceProvider.GetRequiredService<ReportJobQueue>().QueueAsync(ReportKind.MonthlyOperations, today);

        var scheduler = await scope.ServiceProvider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var triggers = await scheduler.GetTriggersOfJob(MonthlyReportJob.Key);
        var queued = Assert.Single(triggers, t => t.JobDataMap.ContainsKey(ReportJobQueue.DayKey));
        Assert.Equal($"{today:yyyy-MM-dd}", queued.JobDataMap.GetString(ReportJobQueue.DayKey));
        Assert.Equal("supervisor", queued.JobDataMap.GetString(ReportJobQueue.RequestedByKey));
        await using (var db = await app.Services.NewContextAsync())
            Assert.Equal(before, await db.StoredReports.CountAsync(r => r.Kind == ReportKind.MonthlyOperations)); // the job makes it, not the page
    }

    [Fact]
    public async Task Downloading_a_stored_workbook_is_audited_with_who_which_report_and_which_period()
    {
        var day = CenterTime.Today(TimeProvider.System);
        var report = await AsSystemAsync(r => r.GenerateDailyAsync(day));

        using var client = app.NewClient();
        await TradingOpsApp.SignInAsync(client, "supervisor", IdentitySeeder.DemoPassword);
        var response = await client.GetAsync($"/reports/files/{report.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(report.SizeBytes, (await response.Content.ReadAsByteArrayAsync()).LongLength);

        await using var db = await app.Services.NewContextAsync();
        var entry = Assert.Single(await db.AuditEntries.AsNoTracking()
            .Where(e => e.Entity == ReportEndpoints.ReportExportEntity && e.Key == "daily" && e.Action == AuditAction.Exported && e.ActorName == "supervisor")
            .ToListAsync());
        using var details = JsonDocument.Parse(entry.Changes);
        Assert.Equal("运营日报", details.RootElement.GetProperty("report").GetString());
        Assert.Equal($"{day:yyyy-MM-dd}", details.RootElement.GetProperty("from").GetString());
        Assert.Equal($"{day:yyyy-MM-dd}", details.RootElement.GetProperty("to").GetString());
        Assert.Equal(report.FileName, details.RootElement.GetProperty("file").GetString());
    }
}

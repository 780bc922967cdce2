using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;
using TradingOps.Data;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Jobs;

namespace TradingOps.Tests.Notifications;

/// <summary>
/// The run log keeps the work done: a job marked [QuietWhenIdle] (the outbox delivery, every 30 s) leaves no run when
/// it found nothing to do, and a complete run when it did something or failed; other jobs are recorded every time.
/// </summary>
public sealed class QuietJobRunTests : IAsyncLifetime
{
    private ServiceProvider _data = null!;
    private ServiceProvider _web = null!;

    public static string? NextResult;
    public static bool NextFails;

    [QuietWhenIdle]
    public sealed class QuietJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            if (NextFails) throw new JobExecutionException("网关无响应");
            context.Result = NextResult;
            return default;
        }
    }

    public sealed class OrdinaryJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;
    }

    public async Task InitializeAsync()
    {
        _data = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite());
        await using (var scope = _data.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var factory = _data.CreateScope().ServiceProvider.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>();
        var web = new ServiceCollection();
        web.AddSingleton(factory);
        web.AddSingleton(TimeProvider.System);
        web.AddScoped<JobRunRecorder>();
        _web = web.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        await _data.DisposeAsync();
    }

    private async Task<int> RunAsync<TJob>() where TJob : IJob
    {
        var scheduler = await QuartzSchedulerBuilder
            .Create(q => q.ConfigureScheduler(o => o.InstanceName = Guid.NewGuid().ToString("N")).UseDefaultThreadPool(maxConcurrency: 1).UseInMemoryStore())
            .BuildScheduler();
        var listener = new JobRunListener(_web.GetRequiredService<IServiceScopeFactory>(), NullLogger<JobRunListener>.Instance);
        var done = new TaskCompletionSource();
        scheduler.ListenerManager.AddJobListener(listener);
        scheduler.ListenerManager.AddJobListener(new Done(done));
        await scheduler.Start();
        await scheduler.ScheduleJob(JobBuilder.Create<TJob>().WithIdentity(typeof(TJob).Name).Build(), TriggerBuilder.Create().StartNow().Build());
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await scheduler.Shutdown(waitForJobsToComplete: true);
        await using var db = await _data.NewContextAsync();
        return await db.JobRuns.CountAsync(r => r.FinishedAt != null);
    }

    private sealed class Done(TaskCompletionSource done) : IJobListener
    {
        public string Name => "done";
        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;
        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;
        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            done.TrySetResult();
            return default;
        }
    }

    [Fact]
    public async Task A_quiet_job_that_found_nothing_leaves_no_run_and_one_that_worked_or_failed_leaves_one_each()
    {
        (NextResult, NextFails) = (null, false);
        Assert.Equal(0, await RunAsync<QuietJob>());
        (NextResult, NextFails) = ("已发送 2 条，失败待重试 0 条，放弃 0 条", false);
        Assert.Equal(1, await RunAsync<QuietJob>());
        (NextResult, NextFails) = (null, true);
        Assert.Equal(2, await RunAsync<QuietJob>());
        Assert.Equal(3, await RunAsync<OrdinaryJob>());

        await using var db = await _data.NewContextAsync();
        var runs = await db.JobRuns.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([true, false, true], runs.Select(r => r.Succeeded == true));
        Assert.Equal("已发送 2 条，失败待重试 0 条，放弃 0 条", runs[0].Result);
        Assert.Equal(3, runs.Count); // no unfinished run left behind by the quiet job
    }
}

using Microsoft.EntityFrameworkCore;
using Quartz;
using TradingOps.Data;
using TradingOps.Data.Scheduling;

namespace TradingOps.Web.Jobs;

/// <summary>
/// A job that fires every few seconds (the outbox delivery): a firing that found nothing to do (no result, no error)
/// leaves no run behind, so the run log holds the work done rather than thousands of empty firings a day.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class QuietWhenIdleAttribute : Attribute
{
    public static bool On(IJobExecutionContext context) =>
        context.JobInstance.GetType().IsDefined(typeof(QuietWhenIdleAttribute), inherit: false);
}

/// <summary>Records every firing and its outcome (the jobs page shows the last one).</summary>
public sealed class JobRunListener(IServiceScopeFactory scopes, ILogger<JobRunListener> logger) : IJobListener
{
    public string Name => "job-runs";

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (QuietWhenIdleAttribute.On(context)) return; // recorded when it finishes, if it did something
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<JobRunRecorder>().StartedAsync(context, cancellationToken);
    }

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        if (jobException is not null)
            logger.LogError(jobException, "Job {Job} failed", context.JobDetail.Key);
        if (QuietWhenIdleAttribute.On(context) && jobException is null && context.Result is null) return;
        await using var scope = scopes.CreateAsyncScope();
        var recorder = scope.ServiceProvider.GetRequiredService<JobRunRecorder>();
        if (QuietWhenIdleAttribute.On(context)) await recorder.StartedAsync(context, cancellationToken);
        await recorder.FinishedAsync(context, jobException, cancellationToken);
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;
}

public sealed class JobRunRecorder(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock)
{
    public async Task StartedAsync(IJobExecutionContext context, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditDisabled = true; // operational log, not a change to records
        db.JobRuns.Add(new JobRun
        {
            JobName = context.JobDetail.Key.ToString(),
            TriggerName = context.Trigger.Key.ToString(),
            Node = context.Scheduler.SchedulerInstanceId,
            FiredAt = (context.FireTimeUtc == default ? clock.GetUtcNow() : context.FireTimeUtc).ToUniversalTime(),
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task FinishedAsync(IJobExecutionContext context, Exception? error, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditDisabled = true;
        var jobName = context.JobDetail.Key.ToString();
        var run = await db.JobRuns.Where(r => r.JobName == jobName && r.FinishedAt == null)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (run is null) return;
        run.FinishedAt = clock.GetUtcNow();
        run.Succeeded = error is null;
        var text = error?.GetBaseException().Message ?? context.Result?.ToString() ?? "完成";
        run.Result = TradingOps.Core.Common.PlainText.Truncate(text, JobRun.ResultMaxLength);
        await db.SaveChangesAsync(ct);
    }
}

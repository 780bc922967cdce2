using Microsoft.EntityFrameworkCore;
using Quartz;
using TradingOps.Data;
using TradingOps.Data.Scheduling;

namespace TradingOps.Web.Jobs;

/// <summary>Records every firing and its outcome (the jobs page shows the last one).</summary>
public sealed class JobRunListener(IServiceScopeFactory scopes, ILogger<JobRunListener> logger) : IJobListener
{
    public string Name => "job-runs";

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<JobRunRecorder>().StartedAsync(context, cancellationToken);
    }

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        if (jobException is not null)
            logger.LogError(jobException, "Job {Job} failed", context.JobDetail.Key);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<JobRunRecorder>().FinishedAsync(context, jobException, cancellationToken);
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

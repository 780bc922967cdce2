using Microsoft.EntityFrameworkCore;
using Quartz;
using TradingOps.Data;
using TradingOps.Data.Scheduling;

namespace TradingOps.Web.Jobs;

public sealed record TriggerRow(string Name, string? Description, DateTimeOffset? Next, DateTimeOffset? Previous, string State);

public sealed record JobRow(JobKey Key, string? Description, IReadOnlyList<TriggerRow> Triggers, JobRun? LastRun);

/// <summary>The jobs page: what is scheduled, when it last ran and how it went; run a job now.</summary>
public sealed class JobAdminService(ISchedulerFactory schedulers, IDbContextFactory<TradingOpsDbContext> factory)
{
    public async Task<IReadOnlyList<JobRow>> ListAsync(CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = new List<JobRow>();
        foreach (var key in (await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), ct)).OrderBy(k => k.ToString()))
        {
            var detail = await scheduler.GetJobDetail(key, ct);
            var triggers = new List<TriggerRow>();
            foreach (var trigger in await scheduler.GetTriggersOfJob(key, ct))
                triggers.Add(new TriggerRow(trigger.Key.Name, trigger.Description, trigger.NextFireTimeUtc,
                    trigger.PreviousFireTimeUtc, (await scheduler.GetTriggerState(trigger.Key, ct)).ToString()));
            var name = key.ToString();
            var last = await db.JobRuns.AsNoTracking().Where(r => r.JobName == name).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            rows.Add(new JobRow(key, detail?.Description, triggers, last));
        }
        return rows;
    }

    public async Task RunNowAsync(JobKey key, CancellationToken ct = default) =>
        await (await schedulers.GetScheduler(ct)).TriggerJob(key, new JobDataMap(), ct);
}

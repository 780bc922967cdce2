using Microsoft.Extensions.Options;
using Quartz;
using TradingOps.Core.Auditing;
using TradingOps.Web.Infrastructure;
using TradingOps.Web.ScaleOut;

namespace TradingOps.Web.Jobs;

/// <summary>
/// Base for jobs: what the job saves is audited under the job's name, and the result text becomes the
/// "last result" on the jobs page. A job that finds the database gone waits and runs again (each job's work is
/// idempotent: it recomputes or regenerates), so a database outage delays jobs instead of failing them.
/// </summary>
public abstract class AuditedJob(WebCurrentActor actor, IOptions<JobsOptions> options, ILogger logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        actor.ActAs(Actor.Job(context.JobDetail.Key.Name));
        var wait = TimeSpan.FromSeconds(Math.Max(1, options.Value.DatabaseRetrySeconds));
        var giveUpAt = DateTimeOffset.UtcNow.AddMinutes(Math.Max(0, options.Value.DatabaseRetryMinutes));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                context.Result = await RunAsync(context, cancellationToken);
                return;
            }
            catch (Exception ex) when (DatabaseUnavailable.Is(ex) && DateTimeOffset.UtcNow + wait < giveUpAt && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Job {Job}: database unavailable (attempt {Attempt}), retrying in {Wait}", context.JobDetail.Key, attempt, wait);
                await Task.Delay(wait, cancellationToken);
            }
        }
    }

    /// <summary>Does the work and returns a one-line summary for people (null: nothing was done, see <see cref="QuietWhenIdleAttribute"/>).</summary>
    protected abstract Task<string?> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken);
}

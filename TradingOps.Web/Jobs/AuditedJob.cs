using Quartz;
using TradingOps.Core.Auditing;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Jobs;

/// <summary>
/// Base for jobs: what the job saves is audited under the job's name, and the result text becomes the
/// "last result" on the jobs page.
/// </summary>
public abstract class AuditedJob(WebCurrentActor actor) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        actor.ActAs(Actor.Job(context.JobDetail.Key.Name));
        context.Result = await RunAsync(context, cancellationToken);
    }

    /// <summary>Does the work and returns a one-line summary for people.</summary>
    protected abstract Task<string> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken);
}

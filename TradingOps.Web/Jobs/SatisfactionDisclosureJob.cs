using Quartz;
using TradingOps.Data.Statistics;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Jobs;

/// <summary>
/// 满意度定期公示: every Monday 01:00 for the week just ended and on the 1st 01:00 for the month just ended
/// (Asia/Shanghai). Each run also fills the periods missed while the service was down; a period computed again
/// replaces its snapshot.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SatisfactionDisclosureJob(SatisfactionDisclosureService disclosures, TradingOps.Data.Seeding.DemoHistory demoHistory, WebCurrentActor actor,
    Microsoft.Extensions.Options.IOptions<JobsOptions> options, ILogger<SatisfactionDisclosureJob> logger) : AuditedJob(actor, options, logger)
{
    public static readonly JobKey Key = new("satisfaction-disclosure", "statistics");

    protected override async Task<string?> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await demoHistory.Completed.WaitAsync(cancellationToken); // a first demo start: results over the whole past, not part of it
        var periods = await disclosures.CatchUpAsync(cancellationToken);
        return $"已公示 {periods.Count} 期：" + string.Join("、", periods.Select(p => p.Label));
    }
}

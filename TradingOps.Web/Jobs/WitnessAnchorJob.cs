using Quartz;
using TradingOps.Data.Witness;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Jobs;

/// <summary>
/// 每日锚定: after each day ends (00:10 Asia/Shanghai) writes the signed digest file of every chain's head as of the
/// day's end into the anchor folder, and every ended day not yet anchored (downtime). A day already anchored is
/// checked, never written twice; a file that disagrees with the database is left as it is and reported.
/// </summary>
[DisallowConcurrentExecution]
public sealed class WitnessAnchorJob(WitnessAnchorService anchors, TradingOps.Data.Seeding.DemoHistory demoHistory, WebCurrentActor actor,
    Microsoft.Extensions.Options.IOptions<JobsOptions> options, ILogger<WitnessAnchorJob> logger) : AuditedJob(actor, options, logger)
{
    public static readonly JobKey Key = new("witness-anchor", "witness");

    protected override async Task<string?> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await demoHistory.Completed.WaitAsync(cancellationToken); // a first demo start: anchor the seeded past once it is all in
        var results = await anchors.CatchUpAsync(cancellationToken);
        if (results.Count == 0) return "无见证记录，无需锚定";
        var conflicts = results.Where(r => r.Outcome == AnchorOutcome.Conflict).ToList();
        var written = results.Count(r => r.Outcome == AnchorOutcome.Written);
        var summary = $"已锚定 {results[0].Day:yyyy-MM-dd} 至 {results[^1].Day:yyyy-MM-dd}：新写 {written} 天，已有 {results.Count - written - conflicts.Count} 天";
        return conflicts.Count == 0 ? summary
            : $"{summary}；{conflicts.Count} 天不符，未覆盖：" + string.Join("；", conflicts.Select(c => $"{c.Day:yyyy-MM-dd} {c.Detail}"));
    }
}

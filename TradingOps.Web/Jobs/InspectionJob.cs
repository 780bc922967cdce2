using Microsoft.Extensions.Options;
using Quartz;
using TradingOps.Core.Common;
using TradingOps.Data.Facilities;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Jobs;

/// <summary>
/// 巡检: at 06:00 center time and at every start makes the day's inspection tasks (idempotent: a second run or a second
/// node makes nothing new), and every five minutes raises or clears the overdue-inspection alert. A trigger carrying
/// <see cref="Generate"/> = true generates first; every run checks overdue. A run that made, raised and cleared nothing
/// leaves no run record.
/// </summary>
[DisallowConcurrentExecution, QuietWhenIdle]
public sealed class InspectionJob(InspectionService inspections, TimeProvider clock, WebCurrentActor actor, IOptions<JobsOptions> options, ILogger<InspectionJob> logger)
    : AuditedJob(actor, options, logger)
{
    public static readonly JobKey Key = new("inspections", "facilities");

    /// <summary>Job data key: this firing makes today's tasks.</summary>
    public const string Generate = "generate";

    protected override async Task<string?> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var created = 0;
        var now = clock.GetUtcNow();
        if (context.MergedJobDataMap.TryGetValue(Generate, out var flag) && flag is true or "true")
            created = await inspections.GenerateAsync(CenterTime.Today(clock), cancellationToken);
        var check = await inspections.CheckOverdueAsync(now, cancellationToken);
        if (created == 0 && check.Raised == 0 && check.Cleared == 0) return null;
        return $"生成巡检任务 {created} 项；逾期 {check.Overdue} 项，新告警 {check.Raised} 条，解除 {check.Cleared} 条";
    }
}

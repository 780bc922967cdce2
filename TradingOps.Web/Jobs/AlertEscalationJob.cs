using Microsoft.Extensions.Options;
using Quartz;
using TradingOps.Data.Duty;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Jobs;

/// <summary>
/// 告警升级: every minute, an operations alert nobody acknowledged within Duty:EscalateAfterMinutes goes to the next person
/// on the duty roster for its role, who is told by SMS (<see cref="OpsAlertService.EscalateAsync"/>); one node of the
/// cluster at a time. A run that escalated nothing leaves no run record.
/// </summary>
[DisallowConcurrentExecution, QuietWhenIdle]
public sealed class AlertEscalationJob(OpsAlertService alerts, TimeProvider clock, WebCurrentActor actor, IOptions<JobsOptions> options, ILogger<AlertEscalationJob> logger)
    : AuditedJob(actor, options, logger)
{
    public static readonly JobKey Key = new("alert-escalation", "duty");

    protected override async Task<string?> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var escalated = await alerts.EscalateAsync(clock.GetUtcNow(), cancellationToken);
        return escalated.Count == 0 ? null : $"升级 {escalated.Count} 条告警：" + string.Join("；", escalated.Select(a => $"{a.Title} → {a.AssignedName}"));
    }
}

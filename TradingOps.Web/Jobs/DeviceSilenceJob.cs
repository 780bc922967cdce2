using Microsoft.Extensions.Options;
using Quartz;
using TradingOps.Data.Health;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Jobs;

/// <summary>
/// 设备失联巡检: every 30 seconds raises an operations alert for each paired device silent past its kind's threshold
/// and clears the alerts of devices heard from again (a heartbeat clears its own alert at once as well). One node of
/// the cluster at a time; raising is idempotent per device. A run that raised or cleared nothing leaves no run record.
/// </summary>
[DisallowConcurrentExecution, QuietWhenIdle]
public sealed class DeviceSilenceJob(DeviceSilenceWatch watch, WebCurrentActor actor, IOptions<JobsOptions> options, ILogger<DeviceSilenceJob> logger)
    : AuditedJob(actor, options, logger)
{
    public static readonly JobKey Key = new("device-silence", "health");

    protected override async Task<string?> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var run = await watch.RunAsync(cancellationToken);
        return run.Idle ? null : run.ToString();
    }
}

using Microsoft.Extensions.Options;
using Quartz;
using TradingOps.Data.Notifications;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Jobs;

/// <summary>
/// 通知发送: every few seconds (Notifications:DeliverySeconds) sends the outbox's due messages and retries failed
/// ones with a growing delay; one node of the cluster at a time. A run with nothing due leaves no run record.
/// </summary>
[DisallowConcurrentExecution, QuietWhenIdle]
public sealed class OutboxDeliveryJob(OutboxDelivery delivery, WebCurrentActor actor, IOptions<JobsOptions> options, ILogger<OutboxDeliveryJob> logger)
    : AuditedJob(actor, options, logger)
{
    public static readonly JobKey Key = new("outbox-delivery", "notifications");

    protected override async Task<string?> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var run = await delivery.DeliverDueAsync(cancellationToken);
        return run.Idle ? null : run.ToString();
    }
}

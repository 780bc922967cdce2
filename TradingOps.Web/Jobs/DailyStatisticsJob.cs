using Quartz;
using TradingOps.Data.Statistics;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Jobs;

/// <summary>Computes every day not yet computed (downtime included), then yesterday and today again.</summary>
[DisallowConcurrentExecution]
public sealed class DailyStatisticsJob(DailyStatisticsService statistics, TradingOps.Data.Seeding.DemoHistory demoHistory, WebCurrentActor actor, Microsoft.Extensions.Options.IOptions<JobsOptions> options, ILogger<DailyStatisticsJob> logger)
    : AuditedJob(actor, options, logger)
{
    public static readonly JobKey Key = new("daily-statistics", "statistics");

    protected override async Task<string?> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await demoHistory.Completed.WaitAsync(cancellationToken); // a first demo start: figures over the whole past, not part of it
        var days = await statistics.CatchUpAsync(cancellationToken);
        return days.Count == 0 ? "无需计算" : $"已计算 {days.Count} 天（{days[0]:yyyy-MM-dd} 至 {days[^1]:yyyy-MM-dd}）";
    }
}

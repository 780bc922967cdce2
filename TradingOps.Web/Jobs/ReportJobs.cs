using Quartz;
using TradingOps.Core.Common;
using TradingOps.Web.Infrastructure;
using TradingOps.Web.Reports;

namespace TradingOps.Web.Jobs;

/// <summary>运营日报 at 18:00 every day (Asia/Shanghai), for the day; or now, for the day asked for on the reports page.</summary>
[DisallowConcurrentExecution]
public sealed class DailyReportJob(OperationsReports reports, TimeProvider clock, WebCurrentActor actor, Microsoft.Extensions.Options.IOptions<JobsOptions> options, ILogger<DailyReportJob> logger)
    : AuditedJob(actor, options, logger)
{
    public static readonly JobKey Key = new("daily-report", "reports");

    protected override async Task<string?> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var report = await reports.GenerateDailyAsync(ReportJobQueue.RequestedDay(context) ?? CenterTime.Today(clock), cancellationToken);
        return $"已生成 {report.FileName}（{report.SizeBytes / 1024} KB）{ReportJobQueue.RequestedBy(context)}";
    }
}

/// <summary>
/// 运营月报 on the 1st at 08:00 (Asia/Shanghai), for the month just ended; or now, for the month asked for on the
/// reports page. Built from the stored daily figures.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MonthlyReportJob(OperationsReports reports, TimeProvider clock, WebCurrentActor actor, Microsoft.Extensions.Options.IOptions<JobsOptions> options, ILogger<MonthlyReportJob> logger)
    : AuditedJob(actor, options, logger)
{
    public static readonly JobKey Key = new("monthly-report", "reports");

    protected override async Task<string?> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var report = await reports.GenerateMonthlyAsync(ReportJobQueue.RequestedDay(context) ?? CenterTime.Today(clock).AddMonths(-1), cancellationToken);
        return $"已生成 {report.FileName}（{report.SizeBytes / 1024} KB）{ReportJobQueue.RequestedBy(context)}";
    }
}

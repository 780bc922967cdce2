using Quartz;
using TradingOps.Core.Auditing;
using TradingOps.Data.Statistics;
using TradingOps.Web.Jobs;

namespace TradingOps.Web.Reports;

/// <summary>
/// The reports page's buttons: the daily or monthly workbook is made by its job (<see cref="DailyReportJob"/>,
/// <see cref="MonthlyReportJob"/>), fired now through Quartz for the period asked for; the page lists the stored
/// workbook once the job has saved it.
/// </summary>
public sealed class ReportJobQueue(ISchedulerFactory schedulers, ICurrentActor actor)
{
    /// <summary>Job data: a day of the period (yyyy-MM-dd), and who asked for it.</summary>
    public const string DayKey = "day", RequestedByKey = "requestedBy";

    public async Task QueueAsync(ReportKind kind, DateOnly day, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        var data = new JobDataMap();
        data[DayKey] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        data[RequestedByKey] = who.Name;
        var job = kind == ReportKind.MonthlyOperations ? MonthlyReportJob.Key : DailyReportJob.Key;
        await (await schedulers.GetScheduler(ct)).TriggerJob(job, data, ct);
    }

    /// <summary>The day a run was asked for, or none for a scheduled run.</summary>
    public static DateOnly? RequestedDay(IJobExecutionContext context) =>
        context.MergedJobDataMap.TryGetString(DayKey, out var day) && DateOnly.TryParseExact(day, "yyyy-MM-dd", out var d) ? d : null;

    /// <summary>" (requested by 张三)" for a run asked for on the reports page, empty for a scheduled run.</summary>
    public static string RequestedBy(IJobExecutionContext context) =>
        context.MergedJobDataMap.TryGetString(RequestedByKey, out var who) && !string.IsNullOrEmpty(who) ? $"（{who} 请求）" : "";
}

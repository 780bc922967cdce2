using System.Globalization;
using TradingOps.Core.Common;
using TradingOps.Core.Statistics;
using TradingOps.Data.Reports;
using TradingOps.Web.Identity;

namespace TradingOps.Web.Reports;

/// <summary>
/// GET /statistics/operations/export and /statistics/satisfaction/export?kind=Day|Week|Month&amp;day=yyyy-MM-dd: the
/// statistics page's figures for the period of that kind containing the day (to today while it runs), as a workbook
/// (<see cref="OperationsReports"/>). Each export is audited like the detail exports (who, which report, which period).
/// </summary>
public static class StatisticsExports
{
    public const string OperationsKey = "operations-statistics";
    public const string SatisfactionKey = "satisfaction-statistics";

    /// <summary>The export link of a statistics page for its chosen period.</summary>
    public static string Href(string page, PeriodKind kind, DateOnly day) =>
        $"/statistics/{page}/export?kind={kind}&day={day:yyyy-MM-dd}";

    public static void MapStatisticsExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/statistics/operations/export", (string? kind, string? day, OperationsReports reports, ReportDownloadAudit audit,
                TimeProvider clock, CancellationToken ct) =>
                ExportAsync(kind, day, clock, audit, OperationsKey, "运营统计", p => reports.OperationsStatisticsAsync(p, ct), ct))
            .RequireAuthorization(p => p.RequireRole(RoleSets.Supervisors.Split(',')));
        endpoints.MapGet("/statistics/satisfaction/export", (string? kind, string? day, OperationsReports reports, ReportDownloadAudit audit,
                TimeProvider clock, CancellationToken ct) =>
                ExportAsync(kind, day, clock, audit, SatisfactionKey, "满意度结果", p => reports.SatisfactionStatisticsAsync(p, ct), ct))
            .RequireAuthorization(p => p.RequireRole(RoleSets.Supervisors.Split(',')));
    }

    private static async Task<IResult> ExportAsync(string? kind, string? day, TimeProvider clock, ReportDownloadAudit audit, string key, string title,
        Func<Period, Task<(byte[] Content, string FileName)>> build, CancellationToken ct)
    {
        if (!Enum.TryParse<PeriodKind>(kind, ignoreCase: true, out var periodKind) || !Enum.IsDefined(periodKind))
            return Results.Problem(title: "请指定统计周期（kind=Day、Week 或 Month）", statusCode: StatusCodes.Status400BadRequest);
        if (!DateOnly.TryParseExact(day?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var anchor))
            return Results.Problem(title: $"日期格式不正确（day={day}），应为 yyyy-MM-dd，例如 2026-11-01", statusCode: StatusCodes.Status400BadRequest);
        if (SaneDates.CheckRecordPeriod(anchor, anchor) is { } outOfRange)
            return Results.Problem(title: outOfRange, statusCode: StatusCodes.Status400BadRequest);
        var period = Period.Containing(periodKind, anchor).Through(CenterTime.Today(clock));
        var (content, fileName) = await build(period);
        await audit.RecordAsync(key, title, period.Start, period.End, fileName, rows: null, ct);
        return Results.File(content, ReportEndpoints.XlsxType, fileName);
    }
}

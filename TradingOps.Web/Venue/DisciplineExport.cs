using ClosedXML.Excel;
using TradingOps.Core.Venue;
using TradingOps.Data.Reports;
using TradingOps.Data.Venue;
using TradingOps.Web.Identity;
using TradingOps.Web.Reports;

namespace TradingOps.Web.Venue;

/// <summary>
/// GET /venue/discipline/export?from=yyyy-MM-dd&amp;to=yyyy-MM-dd: the discipline ledger of a period as a workbook
/// formatted as the other workbooks (FormattedWorkbook): one sheet of agencies with counts and standing, one of the
/// entries. Each download is audited like the report exports.
/// </summary>
public static class DisciplineExport
{
    public const string Key = "discipline";
    public const string Title = "代理机构爽约台账";

    public static void MapDisciplineExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/venue/discipline/export", async (string? from, string? to, DisciplineQueries queries, ReportDownloadAudit audit, CancellationToken ct) =>
        {
            if (Infrastructure.ExportPeriod.IsInvalid(from, to, ReportEndpoints.MaxDays, out var start, out var end, out var problem)) return problem;
            var ledger = await queries.LedgerAsync(start, end, ct);
            var file = $"爽约台账_{start:yyyy-MM-dd}_{end:yyyy-MM-dd}.xlsx";
            using var buffer = new MemoryStream();
            Write(ledger, queries.Options, buffer);
            await audit.RecordAsync(Key, Title, start, end, file, ledger.Rows.Count, ct);
            return Results.File(buffer.ToArray(), ReportEndpoints.XlsxType, file);
        }).RequireAuthorization(p => p.RequireRole(RoleSets.Supervisors.Split(',')));

    public static void Write(DisciplineLedger ledger, DisciplineOptions options, Stream output)
    {
        using var workbook = new XLWorkbook();
        var title = $"{Title}（{ledger.From:yyyy-MM-dd} 至 {ledger.To:yyyy-MM-dd}）";
        FormattedWorkbook.AddSheet(workbook, new SheetSpec<DisciplineLedgerRow>("代理机构", title,
        [
            new("代理机构", 34, CellKind.Text, r => r.Agency, TotalKind.Label),
            new("爽约（次）", 10, CellKind.Integer, r => r.NoShows, TotalKind.Sum),
            new($"临时取消（开始前{options.LateCancellationHours}小时内）", 16, CellKind.Integer, r => r.LateCancellations, TotalKind.Sum),
            new($"超时使用（超{options.OverrunToleranceMinutes}分钟）", 14, CellKind.Integer, r => r.Overruns, TotalKind.Sum),
            new("当前信用状态", 14, CellKind.Text, r => StandingName(r.Standing.Level)),
            new("触发规则", 24, CellKind.Text, r => r.Standing.Rule),
            new("审批/提醒截止", 14, CellKind.Date, r => r.Standing.Until is { } u ? DateOnly.FromDateTime(Core.Common.CenterTime.ToLocal(u).DateTime) : null),
        ]), ledger.Rows);
        FormattedWorkbook.AddSheet(workbook, new SheetSpec<DisciplineEntry>("明细", title,
        [
            new("代理机构", 30, CellKind.Text, e => e.Agency, TotalKind.Label),
            new("类型", 10, CellKind.Text, e => AgencyDiscipline.KindName(e.Kind), TotalKind.Count),
            new("发生时间", 17, CellKind.DateTime, e => e.At),
            new("项目编号", 18, CellKind.Text, e => e.ProjectCode),
            new("项目名称", 36, CellKind.Text, e => e.ProjectName),
            new("预约开始", 17, CellKind.DateTime, e => e.StartsAt),
            new("预约结束", 17, CellKind.DateTime, e => e.EndsAt),
            new("说明", 36, CellKind.Text, e => e.Detail),
        ]), ledger.Rows.SelectMany(r => r.Entries).OrderBy(e => e.Agency, StringComparer.Ordinal).ThenBy(e => e.At));
        FormattedWorkbook.Save(workbook, output);
    }

    public static string StandingName(StandingLevel level) => level switch
    {
        StandingLevel.ApprovalRequired => "须主管审批",
        StandingLevel.Warned => "提醒",
        _ => "良好",
    };
}

using ClosedXML.Excel;
using TradingOps.Core.Witness;
using TradingOps.Data.Reports;
using TradingOps.Data.Witness;
using TradingOps.Web.Identity;
using TradingOps.Web.Reports;

namespace TradingOps.Web.Witness;

/// <summary>
/// GET /witness/misconduct/export?from=yyyy-MM-dd&amp;to=yyyy-MM-dd[&amp;party=&amp;category=&amp;state=&amp;project=]: the
/// misconduct register of a period (days found, both inclusive) with the register's filters, as a formatted workbook.
/// Whoever may read the register takes it away (supervising departments included); each download is audited.
/// </summary>
public static class MisconductExport
{
    public const string Key = "misconduct";
    public const string Title = "不良行为记录台账";

    public static void MapMisconductExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/witness/misconduct/export", async (string? from, string? to, string? party, string? category, string? state, string? project,
            MisconductQueries queries, ReportDownloadAudit audit, TimeProvider clock, CancellationToken ct) =>
        {
            if (Infrastructure.ExportPeriod.IsInvalid(from, to, ReportEndpoints.MaxDays, out var start, out var end, out var problem)) return problem;
            if (!TryEnum<MisconductParty>(party, "party", out var p, out problem)
                || !TryEnum<MisconductCategory>(category, "category", out var c, out problem)
                || !TryEnum<MisconductStateFilter>(state, "state", out var s, out problem))
                return problem;
            var rows = await queries.ListAsync(new MisconductFilter(p, c, s, project, start, end), ct);
            var file = $"不良行为记录_{start:yyyy-MM-dd}_{end:yyyy-MM-dd}.xlsx";
            using var buffer = new MemoryStream();
            Write(rows, start, end, clock.GetUtcNow(), buffer);
            await audit.RecordAsync(Key, Title, start, end, file, rows.Count, ct);
            return Results.File(buffer.ToArray(), ReportEndpoints.XlsxType, file);
        }).RequireAuthorization(p => p.RequireRole(RoleSets.WitnessReaders.Split(',')));

    private static bool TryEnum<T>(string? text, string name, out T? value, out IResult? problem) where T : struct, Enum
    {
        value = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var v) && Enum.IsDefined(v) && !int.TryParse(text, out _))
        {
            value = v;
            return true;
        }
        problem = Results.Problem(title: $"筛选条件不正确（{name}={text}），可选：{string.Join("、", Enum.GetNames<T>())}", statusCode: StatusCodes.Status400BadRequest);
        return false;
    }

    public static void Write(IReadOnlyList<MisconductRecord> rows, DateOnly from, DateOnly to, DateTimeOffset now, Stream output)
    {
        using var workbook = new XLWorkbook();
        var title = $"{Title}（{from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}）";
        FormattedWorkbook.AddSheet(workbook, new SheetSpec<MisconductRecord>("不良行为", title,
        [
            new("发现时间", 17, CellKind.DateTime, r => r.FoundAt, TotalKind.Label),
            new("项目编号", 18, CellKind.Text, r => r.ProjectCode, TotalKind.Count),
            new("当事人类型", 14, CellKind.Text, r => MisconductRules.Name(r.Party)),
            new("当事人（专家为编号）", 26, CellKind.Text, r => r.Party == MisconductParty.Expert ? r.ExpertCode : r.PartyName),
            new("行为类别", 16, CellKind.Text, r => MisconductRules.Name(r.Category)),
            new("现场处置", 10, CellKind.Text, r => MisconductRules.Name(r.OnTheSpot)),
            new("情况描述", 40, CellKind.Text, r => r.Description),
            new("证据索引", 36, CellKind.Text, r => Evidence(r)),
            new("记录人", 12, CellKind.Text, r => r.RecordedBy),
            new("报告期限", 17, CellKind.DateTime, r => r.DueAt),
            new("状态", 10, CellKind.Text, r => r.IsOverdueAt(now) ? "逾期未报告" : MisconductRules.Name(r.State)),
            new("报告时间", 17, CellKind.DateTime, r => r.ReportedAt),
            new("报告文号", 18, CellKind.Text, r => r.ReportReference),
            new("监督部门反馈", 36, CellKind.Text, r => r.Feedback),
            new("反馈时间", 17, CellKind.DateTime, r => r.FeedbackAt),
        ]), rows);
        FormattedWorkbook.Save(workbook, output);
    }

    private static string Evidence(MisconductRecord r) => string.Join("；", r.EvidenceItems.Select(e =>
        e.Kind == EvidenceKind.Recording && e.From is { } f && e.Until is { } u
            ? $"录像 {e.Reference} {Core.Common.CenterTime.ToLocal(f):MM-dd HH:mm:ss}–{Core.Common.CenterTime.ToLocal(u):HH:mm:ss}"
            : $"{MisconductRules.Name(e.Kind)} {e.Reference}"));
}

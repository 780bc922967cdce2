using TradingOps.Core.Common;
using TradingOps.Data.Reports;

namespace TradingOps.Web.Reports;

/// <summary>场地使用明细: every booking of a room that starts in the period (cancelled ones left out), booked and used hours, overruns.</summary>
public sealed class RoomUsageReport(ReportQueries queries) : IDetailReport<RoomSessionRow>
{
    public string Key => "rooms";
    public string Title => "场地使用明细";

    public SheetSpec<RoomSessionRow> Spec(DateOnly from, DateOnly to) => new(Title, $"{Title} {from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}",
    [
        new("日期", 11, CellKind.Date, r => DateOnly.FromDateTime(CenterTime.ToLocal(r.StartsAt).DateTime), TotalKind.Label),
        new("场地编号", 9, CellKind.Text, r => r.RoomCode, TotalKind.Count),
        new("场地名称", 13, CellKind.Text, r => r.RoomName),
        new("场地类型", 11, CellKind.Text, r => ReportLabels.Of(r.RoomType)),
        new("用途", 9, CellKind.Text, r => ReportLabels.Of(r.Purpose)),
        new("项目编号", 18, CellKind.Text, r => r.ProjectCode),
        new("项目名称", 30, CellKind.Text, r => r.ProjectName),
        new("代理机构", 20, CellKind.Text, r => r.Agency ?? "自行组织"),
        new("预约开始", 16, CellKind.DateTime, r => r.StartsAt),
        new("预约结束", 16, CellKind.DateTime, r => r.EndsAt),
        new("实际开始", 16, CellKind.DateTime, r => r.StartedAt),
        new("实际结束", 16, CellKind.DateTime, r => r.EndedAt),
        new("预约（小时）", 12, CellKind.Decimal, r => r.BookedHours, TotalKind.Sum),
        new("使用（小时）", 12, CellKind.Decimal, r => r.UsedHours, TotalKind.Sum),
        new("使用率", 8, CellKind.Percent, r => r.Utilisation),
        new("超时（分钟）", 12, CellKind.Integer, r => r.OverrunMinutes, TotalKind.Sum),
        new("状态", 9, CellKind.Text, r => ReportLabels.Of(r.Status, r.Phase)),
    ]);

    public Task<int> CountAsync(DateOnly from, DateOnly to, CancellationToken ct) => queries.RoomSessionCountAsync(from, to, ct);

    public IAsyncEnumerable<RoomSessionRow> RowsAsync(DateOnly from, DateOnly to, CancellationToken ct = default) => queries.RoomSessionsAsync(from, to, ct);
}

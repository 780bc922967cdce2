using TradingOps.Core.Queue;
using TradingOps.Data.Reports;

namespace TradingOps.Web.Reports;

/// <summary>
/// 票号明细: every ticket of the period's service days, with the clerk recorded on the ticket when service started
/// (tickets never served have none).
/// </summary>
public sealed class TicketDetailReport(ReportQueries queries) : IDetailReport<TicketDetailRow>
{
    public string Key => "tickets";
    public string Title => "票号明细";

    public SheetSpec<TicketDetailRow> Spec(DateOnly from, DateOnly to) => new(Title, $"{Title} {from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}",
    [
        new("办理日期", 11, CellKind.Date, r => r.ServiceDate, TotalKind.Label),
        new("票号", 8, CellKind.Text, r => r.Code, TotalKind.Count),
        new("业务类型", 14, CellKind.Text, r => r.ServiceType),
        new("取号方式", 9, CellKind.Text, r => ReportLabels.Of(r.Channel)),
        new("绿色通道", 8, CellKind.Text, r => r.IsPriority ? ReportLabels.Yes : null, TotalKind.Count),
        new("窗口", 10, CellKind.Text, r => r.Window),
        new("窗口人员", 10, CellKind.Text, r => r.Clerk),
        new("取号时间", 16, CellKind.DateTime, r => r.IssuedAt),
        new("叫号时间", 16, CellKind.DateTime, r => r.FirstCalledAt),
        new("开始办理", 16, CellKind.DateTime, r => r.ServingStartedAt),
        new("结束时间", 16, CellKind.DateTime, r => r.FinishedAt),
        new("等候（分钟）", 12, CellKind.Decimal, r => r.WaitMinutes, TotalKind.Sum),
        new("办理（分钟）", 12, CellKind.Decimal, r => r.ServiceMinutes, TotalKind.Sum),
        new("状态", 8, CellKind.Text, r => QueueTicket.StatusText(r.Status)),
        new("办理结果", 18, CellKind.Text, r => r.Outcome is { } o ? ReportLabels.Of(o) : null),
        new("过号", 6, CellKind.Text, r => r.NoShow ? ReportLabels.Yes : null, TotalKind.Count),
    ]);

    public Task<int> CountAsync(DateOnly from, DateOnly to, CancellationToken ct) => queries.TicketCountAsync(from, to, ct);

    public IAsyncEnumerable<TicketDetailRow> RowsAsync(DateOnly from, DateOnly to, CancellationToken ct = default) => queries.TicketsAsync(from, to, ct);
}

using TradingOps.Core.Queue;
using TradingOps.Data.Reports;

namespace TradingOps.Web.Reports;

/// <summary>满意度评价明细: every rating given in the period (center days), level, reasons, comment, follow-up.</summary>
public sealed class RatingDetailReport(ReportQueries queries, TimeProvider clock) : IDetailReport<RatingDetailRow>
{
    public string Key => "ratings";
    public string Title => "满意度评价明细";

    public SheetSpec<RatingDetailRow> Spec(DateOnly from, DateOnly to)
    {
        var now = clock.GetUtcNow();
        return new(Title, $"{Title} {from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}",
        [
            new("评价时间", 16, CellKind.DateTime, r => r.At, TotalKind.Label),
            new("票号", 8, CellKind.Text, r => r.Ticket, TotalKind.Count),
            new("办理日期", 11, CellKind.Date, r => r.ServiceDate),
            new("窗口", 10, CellKind.Text, r => r.Window),
            new("业务类型", 14, CellKind.Text, r => r.ServiceType),
            new("评价等级", 10, CellKind.Text, r => SatisfactionRating.LevelText(r.Level)),
            new("差评", 6, CellKind.Text, r => r.IsBad ? ReportLabels.Yes : null, TotalKind.Count),
            new("差评原因", 20, CellKind.Text, r => r.Reasons.Length == 0 ? null : r.Reasons),
            new("评价内容", 32, CellKind.Text, r => r.Comment),
            new("评价渠道", 9, CellKind.Text, r => ReportLabels.Of(r.Channel)),
            new("回访状态", 15, CellKind.Text, r => r.FollowUpStatus(now)),
            new("回访期限", 16, CellKind.DateTime, r => r.ContactDueAt),
            new("回访时间", 16, CellKind.DateTime, r => r.ContactedAt),
            new("整改情况", 30, CellKind.Text, r => r.Resolution),
            // 场地服务 and 见证服务 ratings come through a session's link: 票号 holds the project code then.
            new("服务类别", 9, CellKind.Text, r => SatisfactionRating.ServiceText(r.Service)),
        ]);
    }

    public Task<int> CountAsync(DateOnly from, DateOnly to, CancellationToken ct) => queries.RatingCountAsync(from, to, ct);

    public IAsyncEnumerable<RatingDetailRow> RowsAsync(DateOnly from, DateOnly to, CancellationToken ct = default) => queries.RatingsAsync(from, to, ct);
}

using TradingOps.Data.Queries;
using TradingOps.Data.Reports;

namespace TradingOps.Web.Reports;

/// <summary>项目登记台账: every project registered in a period, as supervisors file it.</summary>
public sealed class ProjectLedger(ReportQueries queries, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l)
    : IDetailReport<ProjectRow>
{
    public string Key => "ledger";
    public string Title => "项目登记台账";

    public SheetSpec<ProjectRow> Spec(DateOnly from, DateOnly to)
    {
        var index = 0;
        return new SheetSpec<ProjectRow>(Title, $"{Title} {from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}",
        [
            new("序号", 7, CellKind.Integer, _ => ++index, TotalKind.Label),
            new("项目编号", 20, CellKind.Text, p => p.Code, TotalKind.Count),
            new("项目名称", 44, CellKind.Text, p => p.Name),
            new("交易类别", 16, CellKind.Text, p => l[$"TradingCategory.{p.Category}"].Value),
            new("交易方式", 12, CellKind.Text, p => l[$"TradingMethod.{p.Method}"].Value),
            new("招标人/采购人/出让人", 30, CellKind.Text, p => p.Initiator),
            new("代理机构", 26, CellKind.Text, p => p.Agency ?? "自行组织"),
            new("金额（万元）", 16, CellKind.Money, p => decimal.Round(p.Amount / 10_000m, 2), TotalKind.Sum),
            new("服务责任人", 12, CellKind.Text, p => p.ResponsibleStaff),
            new("登记时间", 18, CellKind.DateTime, p => p.RegisteredAt),
            new("开标时间", 18, CellKind.DateTime, p => p.BidOpeningAt),
        ]);
    }

    public Task<int> CountAsync(DateOnly from, DateOnly to, CancellationToken ct) => queries.ProjectCountAsync(from, to, ct);

    /// <summary>Rows in registration order, streamed from the database so memory stays flat whatever the period.</summary>
    public IAsyncEnumerable<ProjectRow> RowsAsync(DateOnly from, DateOnly to, CancellationToken ct = default) => queries.ProjectsAsync(from, to, ct);
}

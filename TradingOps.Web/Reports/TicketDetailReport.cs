using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Queue;
using TradingOps.Core.Statistics;
using TradingOps.Data;

namespace TradingOps.Web.Reports;

/// <summary>One ticket of the window queue, from issue to its end.</summary>
public sealed record TicketDetailRow(
    Guid Id, DateOnly ServiceDate, string Code, string ServiceType, TicketChannel Channel, bool IsPriority, string? Window,
    TicketStatus Status, DateTimeOffset IssuedAt, DateTimeOffset ArrivedAt, DateTimeOffset? FirstCalledAt,
    DateTimeOffset? ServingStartedAt, DateTimeOffset? FinishedAt, ServiceOutcome? Outcome, string? Clerk = null)
{
    /// <summary>The ticket as the figures see it: the detail counts with the same definitions as the statistics.</summary>
    public TicketFacts Facts => new(ServiceType, Window, Clerk, ArrivedAt, FirstCalledAt, ServingStartedAt, FinishedAt, Status);

    /// <summary>等候 (<see cref="QueueFigures.WaitMinutes"/>), unrounded: the sheet's total is the statistics' wait total.</summary>
    public decimal? WaitMinutes => QueueFigures.WaitMinutes(Facts);

    /// <summary>办理 (<see cref="QueueFigures.ServiceMinutes"/>), for tickets served to the end.</summary>
    public decimal? ServiceMinutes => QueueFigures.ServiceMinutes(Facts);

    public bool NoShow => QueueFigures.IsNoShow(Facts);
}

/// <summary>
/// 票号明细: every ticket of the period's service days, with the clerk recorded on the ticket when service started
/// (tickets never served have none).
/// </summary>
public sealed class TicketDetailReport(IDbContextFactory<TradingOpsDbContext> factory) : IDetailReport<TicketDetailRow>
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

    public async Task<int> CountAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.QueueTickets.CountAsync(t => t.ServiceDate >= from && t.ServiceDate <= to, ct);
    }

    public IAsyncEnumerable<TicketDetailRow> RowsAsync(DateOnly from, DateOnly to, CancellationToken ct = default) =>
        Rows(from, to, ct);

    private async IAsyncEnumerable<TicketDetailRow> Rows(DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (first, last) = (from, to);
        var rows = (
                from t in db.QueueTickets.AsNoTracking()
                where t.ServiceDate >= first && t.ServiceDate <= last
                join s in db.ServiceTypes on t.ServiceTypeId equals s.Id
                join w in db.ServiceWindows on t.WindowId equals (Guid?)w.Id into windows
                from w in windows.DefaultIfEmpty()
                orderby t.ServiceDate, t.IssuedAt, t.Code
                select new TicketDetailRow(t.Id, t.ServiceDate, t.Code, s.Name, t.Channel, t.IsPriority, w == null ? null : w.Name,
                    t.Status, t.IssuedAt, t.ArrivedAt, t.FirstCalledAt, t.ServingStartedAt, t.FinishedAt, t.Outcome, t.ServedByName))
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct)) yield return row;
    }
}

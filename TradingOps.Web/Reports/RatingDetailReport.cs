using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Queue;
using TradingOps.Data;

namespace TradingOps.Web.Reports;

/// <summary>One 好差评 rating, with the follow-up a bad one opened.</summary>
public sealed record RatingDetailRow(
    DateTimeOffset At, string Ticket, DateOnly ServiceDate, string? Window, string ServiceType, RatingLevel Level, string Reasons,
    string? Comment, RatingChannel Channel, DateTimeOffset? ContactDueAt, DateTimeOffset? ContactedAt, DateTimeOffset? ResolveDueAt,
    DateTimeOffset? ClosedAt, string? Resolution)
{
    public bool IsBad => SatisfactionRating.IsBad(Level);

    /// <summary>差评回访 status as of <paramref name="now"/>; none for a good rating.</summary>
    public string? FollowUpStatus(DateTimeOffset now) =>
        !IsBad ? null
        : ContactDueAt is null ? "未建回访"
        : ClosedAt is not null ? "已整改关闭"
        : ContactedAt is not null ? (now > ResolveDueAt ? "已回访，整改逾期" : "已回访，整改中")
        : now > ContactDueAt ? "待回访（已逾期）" : "待回访";
}

/// <summary>满意度评价明细: every rating given in the period (center days), level, reasons, comment, follow-up.</summary>
public sealed class RatingDetailReport(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock) : IDetailReport<RatingDetailRow>
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
        ]);
    }

    public async Task<int> CountAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await InPeriod(db, from, to).CountAsync(ct);
    }

    public async IAsyncEnumerable<RatingDetailRow> RowsAsync(DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rated = InPeriod(db, from, to);
        var rows = (
                from r in rated
                join t in db.QueueTickets on r.TicketId equals t.Id
                join s in db.ServiceTypes on r.ServiceTypeId equals s.Id
                join w in db.ServiceWindows on r.WindowId equals (Guid?)w.Id into windows
                from w in windows.DefaultIfEmpty()
                join f in db.RatingFollowUps on r.Id equals f.RatingId into followUps
                from f in followUps.DefaultIfEmpty()
                orderby r.At, t.Code
                select new RatingDetailRow(r.At, t.Code, t.ServiceDate, w == null ? null : w.Name, s.Name, r.Level, r.Reasons, r.Comment,
                    r.Channel, f == null ? null : f.ContactDueAt, f == null ? null : f.ContactedAt, f == null ? null : f.ResolveDueAt,
                    f == null ? null : f.ClosedAt, f == null ? null : f.Resolution))
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct)) yield return row;
    }

    private static IQueryable<SatisfactionRating> InPeriod(TradingOpsDbContext db, DateOnly from, DateOnly to)
    {
        var (start, end) = (CenterTime.At(from, TimeOnly.MinValue), CenterTime.At(to.AddDays(1), TimeOnly.MinValue));
        return db.SatisfactionRatings.AsNoTracking().Where(r => r.At >= start && r.At < end);
    }
}

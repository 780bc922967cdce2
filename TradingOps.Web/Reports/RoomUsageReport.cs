using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Statistics;
using TradingOps.Data;

namespace TradingOps.Web.Reports;

/// <summary>One booking (场次) of a room: booked against actual times.</summary>
public sealed record RoomSessionRow(
    string RoomCode, string RoomName, RoomType RoomType, BookingPurpose Purpose, string ProjectCode, string ProjectName,
    string? Agency, BookingStatus Status, SessionPhase Phase, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTimeOffset? StartedAt, DateTimeOffset? EndedAt)
{
    /// <summary>The booked span in hours (<see cref="RoomFigures.Hours"/>), unrounded: rounding is the cell format's.</summary>
    public decimal BookedHours => RoomFigures.Hours(EndsAt - StartsAt);

    /// <summary>From the session's start to its end; none until it has ended.</summary>
    public decimal? UsedHours => StartedAt is { } s && EndedAt is { } e ? RoomFigures.Hours(e - s) : null;

    /// <summary>Minutes the session ran past its booked end (<see cref="RoomFigures.OverrunMinutes"/>); none until it has ended.</summary>
    public decimal? OverrunMinutes => EndedAt is { } e ? RoomFigures.OverrunMinutes(EndsAt, StartedAt, e, e) : null;

    /// <summary>Used ÷ booked hours of this one session.</summary>
    public decimal? Utilisation => UsedHours is { } used && BookedHours > 0 ? used / BookedHours : null;
}

/// <summary>场地使用明细: every booking of a room that starts in the period (cancelled ones left out), booked and used hours, overruns.</summary>
public sealed class RoomUsageReport(IDbContextFactory<TradingOpsDbContext> factory) : IDetailReport<RoomSessionRow>
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

    public async Task<int> CountAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await InPeriod(db, from, to).CountAsync(ct);
    }

    public async IAsyncEnumerable<RoomSessionRow> RowsAsync(DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = InPeriod(db, from, to)
            .Join(db.Rooms, b => b.RoomId, r => r.Id, (b, r) => new { b, r })
            .OrderBy(x => x.b.StartsAt).ThenBy(x => x.r.Code)
            .Select(x => new RoomSessionRow(x.r.Code, x.r.Name, x.r.Type, x.b.Purpose, x.b.ProjectCode, x.b.ProjectName, x.b.Agency,
                x.b.Status, x.b.Phase, x.b.StartsAt, x.b.EndsAt, x.b.StartedAt, x.b.EndedAt))
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct)) yield return row;
    }

    private static IQueryable<RoomBooking> InPeriod(TradingOpsDbContext db, DateOnly from, DateOnly to)
    {
        var (start, end) = (CenterTime.At(from, TimeOnly.MinValue), CenterTime.At(to.AddDays(1), TimeOnly.MinValue));
        return db.RoomBookings.AsNoTracking().Where(b => b.StartsAt >= start && b.StartsAt < end && b.Status != BookingStatus.Cancelled);
    }
}

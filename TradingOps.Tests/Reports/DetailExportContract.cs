using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Queue;
using TradingOps.Data;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Data.Reports;
using TradingOps.Web.Reports;

namespace TradingOps.Tests.Reports;

/// <summary>
/// The room, ticket and rating detail exports on a generated month, reopened with ClosedXML: one sheet with the
/// Chinese headers, exactly the period's raw rows, totals equal to sums made here from the entities, formats,
/// frozen header, autofilter and print setup, written alike by the formatted and by the streaming writer.
/// </summary>
public abstract class DetailExportContract : IAsyncLifetime
{
    private static readonly DateOnly First = new(2026, 11, 1), Last = new(2026, 11, 30);
    private static readonly FakeTimeProvider Clock = new(CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(10, 0)));
    private ServiceProvider _services = null!;

    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(Provider, NewDatabase(), actor: DetailExportTestData.Clerk, clock: Clock);
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await DetailExportTestData.GenerateAsync(_services, First, Last);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private IDbContextFactory<TradingOpsDbContext> Factory => _services.CreateScope().ServiceProvider.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>();

    public static TheoryData<bool> Writers() => new() { false, true };

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task The_ticket_detail_has_every_ticket_of_the_period_with_wait_and_service_totals_and_the_clerk(bool streamed)
    {
        await using var db = await _services.NewContextAsync();
        var tickets = (await db.QueueTickets.AsNoTracking().ToListAsync()).Where(t => t.ServiceDate >= First && t.ServiceDate <= Last).ToList();
        Assert.True(tickets.Count >= 250, "the month holds tickets");
        decimal Round(TimeSpan span) => Math.Round((decimal)span.TotalMinutes, 1, MidpointRounding.AwayFromZero);
        var waits = tickets.Where(t => t.FirstCalledAt is not null).Sum(t => Round(t.FirstCalledAt!.Value - t.ArrivedAt));
        var service = tickets.Where(t => t.Status == TicketStatus.Finished).Sum(t => Round(t.FinishedAt!.Value - t.ServingStartedAt!.Value));

        var sheet = await ExportAsync(new TicketDetailReport(new ReportQueries(Factory)), streamed, "票号明细", tickets.Count,
            ["办理日期", "票号", "业务类型", "取号方式", "绿色通道", "窗口", "窗口人员", "取号时间", "叫号时间", "开始办理", "结束时间",
             "等候（分钟）", "办理（分钟）", "状态", "办理结果", "过号"]);

        var totals = sheet.Row(tickets.Count + 2);
        Assert.Equal(tickets.Count, totals.Cell(2).GetValue<int>());
        Assert.Equal(tickets.Count(t => t.IsPriority), totals.Cell(5).GetValue<int>());
        Assert.Equal(waits, Math.Round(totals.Cell(12).GetValue<decimal>(), 1));
        Assert.Equal(service, Math.Round(totals.Cell(13).GetValue<decimal>(), 1));
        Assert.Equal(tickets.Count(t => t.Status == TicketStatus.NoShow), totals.Cell(16).GetValue<int>());
        Assert.True(waits > 0 && service > 0);

        var rows = DataRows(sheet, tickets.Count).ToList();
        Assert.Equal(tickets.Select(t => $"{t.ServiceDate:yyyy-MM-dd} {t.Code}").Order(),
            rows.Select(r => $"{r.Cell(1).GetDateTime():yyyy-MM-dd} {r.Cell(2).GetString()}").Order());
        // Served tickets carry the clerk recorded when service started; tickets never served (waiting, no-show) have none.
        Assert.Equal(tickets.Count(t => t.ServingStartedAt is not null), rows.Count(r => r.Cell(7).GetString() == DetailExportTestData.ClerkLabel));
        Assert.Equal(tickets.Count(t => t.ServingStartedAt is null), rows.Count(r => r.Cell(7).IsEmpty()));
        Assert.Equal(FormatOf(CellKind.Date), NumberFormat(sheet.Cell(2, 1)));
        Assert.Equal(FormatOf(CellKind.DateTime), NumberFormat(sheet.Cell(2, 8)));
        Assert.Equal(XLDataType.DateTime, sheet.Cell(2, 8).DataType);
        Assert.Equal(FormatOf(CellKind.Decimal), NumberFormat(sheet.Cell(2, 12)));
        Assert.Equal(FormatOf(CellKind.Decimal), NumberFormat(totals.Cell(12)));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task The_room_usage_detail_has_every_session_but_the_cancelled_with_booked_used_and_overrun_totals(bool streamed)
    {
        await using var db = await _services.NewContextAsync();
        var bookings = (await db.RoomBookings.AsNoTracking().ToListAsync())
            .Where(b => LocalDay(b.StartsAt) >= First && LocalDay(b.StartsAt) <= Last && b.Status != BookingStatus.Cancelled).ToList();
        Assert.Equal(30 * 5, bookings.Count);
        decimal Hours(TimeSpan span) => Math.Round((decimal)span.TotalHours, 2, MidpointRounding.AwayFromZero);
        var booked = bookings.Sum(b => Hours(b.EndsAt - b.StartsAt));
        var used = bookings.Where(b => b.EndedAt is not null).Sum(b => Hours(b.EndedAt!.Value - b.StartedAt!.Value));
        var overrun = bookings.Where(b => b.EndedAt > b.EndsAt).Sum(b => (int)Math.Round((b.EndedAt!.Value - b.EndsAt).TotalMinutes));

        var sheet = await ExportAsync(new RoomUsageReport(new ReportQueries(Factory)), streamed, "场地使用明细", bookings.Count,
            ["日期", "场地编号", "场地名称", "场地类型", "用途", "项目编号", "项目名称", "代理机构", "预约开始", "预约结束", "实际开始", "实际结束",
             "预约（小时）", "使用（小时）", "使用率", "超时（分钟）", "状态"]);

        var totals = sheet.Row(bookings.Count + 2);
        Assert.Equal(bookings.Count, totals.Cell(2).GetValue<int>());
        Assert.Equal(booked, Math.Round(totals.Cell(13).GetValue<decimal>(), 2));
        Assert.Equal(used, Math.Round(totals.Cell(14).GetValue<decimal>(), 2));
        Assert.Equal(overrun, totals.Cell(16).GetValue<int>());
        Assert.True(overrun > 0, "late sessions were generated");
        Assert.Equal(bookings.Select(b => b.ProjectCode).Order(), DataRows(sheet, bookings.Count).Select(r => r.Cell(6).GetString()).Order());
        Assert.Equal(FormatOf(CellKind.Percent), NumberFormat(sheet.Cell(2, 15)));
        Assert.Equal(FormatOf(CellKind.Integer), NumberFormat(sheet.Cell(2, 16)));
        Assert.Equal(FormatOf(CellKind.Decimal), NumberFormat(sheet.Cell(2, 13)));
        Assert.Equal(FormatOf(CellKind.DateTime), NumberFormat(sheet.Cell(2, 9)));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task The_satisfaction_detail_has_every_rating_of_the_period_its_level_and_the_follow_up_status(bool streamed)
    {
        await using var db = await _services.NewContextAsync();
        var ratings = (await db.SatisfactionRatings.AsNoTracking().ToListAsync())
            .Where(r => LocalDay(r.At) >= First && LocalDay(r.At) <= Last).ToList();
        var followUps = await db.RatingFollowUps.AsNoTracking().ToDictionaryAsync(f => f.RatingId);
        Assert.True(ratings.Count >= 60, "the month holds ratings");

        var sheet = await ExportAsync(new RatingDetailReport(new ReportQueries(Factory), Clock), streamed, "满意度评价明细", ratings.Count,
            ["评价时间", "票号", "办理日期", "窗口", "业务类型", "评价等级", "差评", "差评原因", "评价内容", "评价渠道", "回访状态", "回访期限", "回访时间", "整改情况", "服务类别"]);

        var totals = sheet.Row(ratings.Count + 2);
        Assert.Equal(ratings.Count, totals.Cell(2).GetValue<int>());
        Assert.Equal(ratings.Count(r => r.IsBadRating), totals.Cell(7).GetValue<int>());
        var rows = DataRows(sheet, ratings.Count).ToList();
        foreach (var level in Enum.GetValues<RatingLevel>())
            Assert.Equal(ratings.Count(r => r.Level == level), rows.Count(r => r.Cell(6).GetString() == SatisfactionRating.LevelText(level)));
        var bad = ratings.Where(r => r.IsBadRating).Select(r => followUps[r.Id]).ToList();
        Assert.Equal(bad.Count(f => f.IsClosed), rows.Count(r => r.Cell(11).GetString() == "已整改关闭"));
        Assert.Equal(bad.Count(f => !f.IsClosed && f.ContactedAt is not null), rows.Count(r => r.Cell(11).GetString().StartsWith("已回访", StringComparison.Ordinal)));
        Assert.Equal(bad.Count(f => f.ContactedAt is null), rows.Count(r => r.Cell(11).GetString().StartsWith("待回访", StringComparison.Ordinal)));
        Assert.Equal(ratings.Count(r => !r.IsBadRating), rows.Count(r => r.Cell(11).IsEmpty()));
        Assert.All(rows.Where(r => r.Cell(7).GetString() == "是"), r => Assert.Equal("等候时间长、告知不清楚", r.Cell(8).GetString()));
        Assert.Equal(FormatOf(CellKind.DateTime), NumberFormat(sheet.Cell(2, 1)));
        Assert.Equal(FormatOf(CellKind.Date), NumberFormat(sheet.Cell(2, 3)));
    }

    [Fact]
    public async Task An_empty_period_exports_the_header_and_zero_totals()
    {
        var day = new DateOnly(2027, 3, 1);
        await using var output = new MemoryStream();
        var export = await DetailWorkbook.WriteAsync(output, new TicketDetailReport(new ReportQueries(Factory)), day, day, CancellationToken.None);
        Assert.Equal((0, "票号明细_2027-03-01_2027-03-01.xlsx"), (export.Rows, export.FileName));
        output.Position = 0;
        using var workbook = new XLWorkbook(output);
        var sheet = workbook.Worksheet("票号明细");
        Assert.Equal("办理日期", sheet.Cell(1, 1).GetString());
        Assert.Equal("合计", sheet.Cell(2, 1).GetString());
        Assert.Equal(0, sheet.Cell(2, 2).GetValue<int>());
    }

    /// <summary>Writes the report for the month with the chosen writer and checks what every detail sheet must have.</summary>
    private async Task<IXLWorksheet> ExportAsync<T>(IDetailReport<T> report, bool streamed, string title, int rows, string[] headers)
    {
        var output = new MemoryStream();
        var export = await DetailWorkbook.WriteAsync(output, report, First, Last, CancellationToken.None, streamAbove: streamed ? 0 : DetailWorkbook.StreamAbove);
        Assert.Equal(streamed, export.Streamed);
        Assert.Equal(rows, export.Rows);
        Assert.Equal($"{title}_2026-11-01_2026-11-30.xlsx", export.FileName);

        output.Position = 0;
        var workbook = new XLWorkbook(output);
        Assert.Equal([title], workbook.Worksheets.Select(w => w.Name));
        var sheet = workbook.Worksheet(title);
        Assert.Equal(headers, Enumerable.Range(1, headers.Length).Select(c => sheet.Cell(1, c).HeaderText()));
        Assert.True(sheet.Cell(1, headers.Length + 1).IsEmpty());
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        var spec = report.Spec(First, Last);
        for (var c = 1; c <= headers.Length; c++)
            Assert.Equal(spec.Columns[c - 1].Width, sheet.Column(c).Width, 1);

        Assert.Equal("合计", sheet.Cell(rows + 2, 1).GetString());
        Assert.True(sheet.Cell(rows + 2, 1).Style.Font.Bold);
        Assert.True(sheet.Row(rows + 3).IsEmpty());
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal($"A1:{StreamingWorkbook.ColumnName(headers.Length)}{rows + 1}", sheet.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
        Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
        Assert.Equal((1, 0), (sheet.PageSetup.PagesWide, sheet.PageSetup.PagesTall));
        Assert.Equal(1, sheet.PageSetup.FirstRowToRepeatAtTop);
        Assert.False(sheet.PageSetup.ShowGridlines);
        return sheet;
    }

    private static IEnumerable<IXLRow> DataRows(IXLWorksheet sheet, int rows) => Enumerable.Range(2, rows).Select(sheet.Row);

    private static DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(CenterTime.ToLocal(at).DateTime);

    private static string FormatOf(CellKind kind) => SheetSpec<object>.Format(kind);

    /// <summary>The cell's number format as a format code (built-in formats are stored by number only).</summary>
    private static string NumberFormat(IXLCell cell) =>
        cell.Style.NumberFormat.Format is { Length: > 0 } code ? code
        : cell.Style.NumberFormat.NumberFormatId switch { 3 => "#,##0", 4 => "#,##0.00", 10 => "0.00%", 14 => "yyyy-mm-dd", var id => $"#{id}" };
}

public sealed class SqliteDetailExportTests : DetailExportContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlDetailExportTests(PostgreSqlServer server) : DetailExportContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"exports_{Guid.NewGuid():N}");
}

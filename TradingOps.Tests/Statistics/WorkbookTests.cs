using System.Net;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Queue;
using TradingOps.Data.Seeding;
using TradingOps.Data.Statistics;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;
using TradingOps.Web.Reports;

namespace TradingOps.Tests.Statistics;

[FullLane]
public sealed class WorkbookTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    private static readonly string[] LedgerHeaders =
        ["序号", "项目编号", "项目名称", "交易类别", "交易方式", "招标人/采购人/出让人", "代理机构", "金额（万元）", "服务责任人", "登记时间", "开标时间"];

    [Fact]
    public async Task The_registration_ledger_reopens_with_Chinese_headers_every_row_totals_formats_and_print_setup()
    {
        var to = CenterTime.Today(TimeProvider.System);
        var from = to.AddDays(-30);
        var (start, end) = (CenterTime.At(from, TimeOnly.MinValue), CenterTime.At(to.AddDays(1), TimeOnly.MinValue));
        await using var db = await app.Services.NewContextAsync();
        var expected = await db.TradingProjects.Where(p => p.RegisteredAt >= start && p.RegisteredAt < end).Select(p => p.Amount).ToListAsync();
        Assert.NotEmpty(expected);

        using var client = app.NewClient();
        await TradingOpsApp.SignInAsync(client, "supervisor", IdentitySeeder.DemoPassword);
        var response = await client.GetAsync($"/reports/ledger?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"项目登记台账_{from:yyyy-MM-dd}_{to:yyyy-MM-dd}.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);

        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        AssertLedger(workbook, expected.Count, expected.Sum(a => decimal.Round(a / 10_000m, 2)));
    }

    [Theory]
    [InlineData("平均等候（分钟）", 10, "平均等候\n（分钟）")] // 16 units in a 10-wide column: the unit goes below, whole
    [InlineData("平均等候（分钟）", 18, "平均等候（分钟）")]   // fits on one line: left alone
    [InlineData("窗口人员", 4, "窗口人员")]                 // no unit to move: the cell's own wrapping applies
    public void A_header_too_wide_for_its_column_prints_its_unit_whole_on_a_second_line(string header, double width, string printed) =>
        Assert.Equal(printed, new Column<int>(header, width, CellKind.Decimal, _ => null).PrintedHeader);

    [Fact]
    public async Task The_streaming_writer_produces_the_same_layout_for_a_large_sheet()
    {
        var spec = new SheetSpec<int>("明细", "测试明细",
        [
            new("序号", 8, CellKind.Integer, i => i + 1, TotalKind.Label),
            new("编号", 14, CellKind.Text, i => $"T{i:000000}", TotalKind.Count),
            new("金额（万元）", 14, CellKind.Money, i => i % 100 + 0.5m, TotalKind.Sum),
            new("比率", 10, CellKind.Percent, i => (i % 10) / 10m),
            new("时间", 18, CellKind.DateTime, i => CenterTime.At(new DateOnly(2026, 1, 1), TimeOnly.MinValue).AddMinutes(i)),
        ]);
        const int rows = 25_000;
        using var stream = new MemoryStream();
        var written = await StreamingWorkbook.WriteAsync(stream, spec, Numbers(rows), CancellationToken.None);
        Assert.Equal(rows, written);

        stream.Position = 0;
        using var workbook = new XLWorkbook(stream);
        var sheet = workbook.Worksheet("明细");
        Assert.Equal(["序号", "编号", "金额（万元）", "比率", "时间"], Enumerable.Range(1, 5).Select(c => sheet.Cell(1, c).HeaderText()));
        Assert.Equal("T000000", sheet.Cell(2, 2).GetString());
        Assert.Equal(new DateTime(2026, 1, 1, 0, 1, 0), sheet.Cell(3, 5).GetDateTime());
        Assert.Equal("0.0%", sheet.Cell(2, 4).Style.NumberFormat.Format);
        Assert.Equal("yyyy-mm-dd hh:mm", sheet.Cell(2, 5).Style.NumberFormat.Format);
        var totals = sheet.Row(rows + 2);
        Assert.Equal("合计", totals.Cell(1).GetString());
        Assert.Equal(rows, totals.Cell(2).GetValue<int>());
        Assert.Equal(Enumerable.Range(0, rows).Sum(i => i % 100 + 0.5m), totals.Cell(3).GetValue<decimal>());
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
        Assert.Equal(1, sheet.PageSetup.PagesWide);
    }

    private static readonly string[] MonthlySheets =
        ["汇总", "场地使用", "窗口排队", "窗口排队（人员）", "登记受理", "满意度", "满意度（人员）", "满意度（业务）", "差评整改", "项目登记台账", "故障统计"];

    [Fact]
    public async Task The_monthly_workbook_has_its_sheets_a_row_per_day_and_totals_that_match_the_raw_rows()
    {
        // As the job runs it on the 1st: the month just ended, with weeks of window and room history behind it.
        var today = CenterTime.Today(TimeProvider.System);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var last = first.AddMonths(1).AddDays(-1);
        await using (var db = await app.Services.NewContextAsync())
        {
            var calendar = await app.Services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync();
            await OperationsHistorySeeder.SeedAsync(db, calendar, first.AddMonths(-1), today.AddDays(-1), 40, 11, DateTimeOffset.UtcNow);
        }
        StoredReport report;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TradingOps.Web.Infrastructure.WebCurrentActor>().ActAs(TradingOps.Core.Auditing.Actor.System("test"));
            report = await scope.ServiceProvider.GetRequiredService<OperationsReports>().GenerateMonthlyAsync(first.AddDays(9));
        }
        Assert.Equal($"运营月报_{first:yyyyMM}.xlsx", report.FileName);
        await File.WriteAllBytesAsync(Fixtures.Browser.ScreenshotPath("monthly-report.xlsx"), report.Content); // for people to open or print

        await using var raw = await app.Services.NewContextAsync();
        var (start, end) = (CenterTime.At(first, TimeOnly.MinValue), CenterTime.At(last.AddDays(1), TimeOnly.MinValue));
        var amounts = await raw.TradingProjects.Where(p => p.RegisteredAt >= start && p.RegisteredAt < end).Select(p => p.Amount).ToListAsync();
        var openings = await raw.TradingProjects.CountAsync(p => p.BidOpeningAt >= start && p.BidOpeningAt < end);
        var levels = await raw.SatisfactionRatings.Where(r => r.At >= start && r.At < end).Select(r => r.Level).ToListAsync();
        var windowTickets = await raw.QueueTickets.CountAsync(t => t.ServiceDate >= first && t.ServiceDate <= last); // unassigned ones on their own row
        var bad = await raw.SatisfactionRatings.CountAsync(r => r.At >= start && r.At < end
            && (r.Level == RatingLevel.Dissatisfied || r.Level == RatingLevel.VeryDissatisfied));
        Assert.True(levels.Count > 100 && windowTickets > 200, "the month holds generated history");
        var previousStart = CenterTime.At(first.AddMonths(-1), TimeOnly.MinValue);
        var ratedWindows = await raw.SatisfactionRatings.Where(r => r.At >= previousStart && r.At < end).Select(r => r.WindowId).Distinct().CountAsync();

        using var workbook = new XLWorkbook(new MemoryStream(report.Content));
        Assert.Equal(MonthlySheets, workbook.Worksheets.Select(w => w.Name));
        foreach (var sheet in workbook.Worksheets)
        {
            Assert.Equal(1, sheet.SheetView.SplitRow);
            Assert.True(sheet.AutoFilter.IsEnabled, sheet.Name);
            Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
            Assert.Equal(1, sheet.PageSetup.PagesWide);
            Assert.True(sheet.Cell(1, 1).Style.Font.Bold, sheet.Name);
        }

        var summary = workbook.Worksheet("汇总");
        Assert.Equal(["日期", "进场登记项目（个）", "登记金额（万元）", "开标场次"], Enumerable.Range(1, 4).Select(c => summary.Cell(1, c).HeaderText()));
        Assert.Equal("满意率", summary.Cell(1, 18).HeaderText());
        Assert.Equal(first.ToDateTime(TimeOnly.MinValue), summary.Cell(2, 1).GetDateTime());
        var totals = summary.Row(last.Day + 2);
        Assert.Equal("合计", totals.Cell(1).GetString());
        Assert.Equal(amounts.Count, totals.Cell(2).GetValue<int>());
        Assert.Equal(decimal.Round(amounts.Sum() / 10_000m, 0), decimal.Round(totals.Cell(3).GetValue<decimal>(), 0));
        Assert.Equal(openings, totals.Cell(4).GetValue<int>());
        Assert.Equal(levels.Count, totals.Cell(16).GetValue<int>());
        Assert.Equal((double)levels.Count(l => l <= RatingLevel.Acceptable) / levels.Count, totals.Cell(18).GetValue<double>(), 6);
        Assert.Equal("0.0%", summary.Cell(2, 18).Style.NumberFormat.Format);
        Assert.Equal("yyyy-mm-dd", summary.Cell(2, 1).Style.NumberFormat.Format);

        var byWindow = workbook.Worksheet("满意度");
        Assert.Equal(["窗口", "非常满意", "满意", "基本满意", "不满意", "非常不满意", "评价总数", "满意率"], Enumerable.Range(1, 8).Select(c => byWindow.Cell(1, c).HeaderText()));
        var windowRows = TotalsRow(byWindow) - 2;
        Assert.Equal(ratedWindows, windowRows); // a row per window rated this month or last
        var windowTotals = byWindow.Row(windowRows + 2);
        Assert.Equal("合计", windowTotals.Cell(1).GetString());
        Assert.Equal(levels.Count, windowTotals.Cell(7).GetValue<int>());
        Assert.Equal(bad, windowTotals.Cell(5).GetValue<int>() + windowTotals.Cell(6).GetValue<int>());
        Assert.Equal((double)levels.Count(l => l <= RatingLevel.Acceptable) / levels.Count, windowTotals.Cell(8).GetValue<double>(), 6);
        Assert.Contains("满意率 =", byWindow.Cell(windowRows + 4, 1).GetString());

        var queues = workbook.Worksheet("窗口排队");
        var queueRows = TotalsRow(queues) - 2;
        Assert.Equal(windowTickets, queues.Row(queueRows + 2).Cell(2).GetValue<int>());
        Assert.Equal(bad, workbook.Worksheet("差评整改").Row(bad + 2).Cell(2).GetValue<int>());
        Assert.Equal(amounts.Count, workbook.Worksheet("登记受理").Row(8).Cell(2).GetValue<int>()); // 6 categories + header, totals below
        var rooms = workbook.Worksheet("场地使用");
        Assert.Equal(["场地", "场地类型", "使用场次", "开放时长（小时）", "预约时长（小时）", "实际使用（小时）", "使用率"],
            Enumerable.Range(1, 7).Select(c => rooms.Cell(1, c).HeaderText()));
        AssertLedger(new XLWorkbook(new MemoryStream(report.Content)), amounts.Count, amounts.Sum(a => decimal.Round(a / 10_000m, 2)));
    }

    [Fact]
    public async Task The_daily_workbook_adds_the_days_room_use_and_window_queues()
    {
        var yesterday = CenterTime.Today(TimeProvider.System).AddDays(-1);
        await using (var db = await app.Services.NewContextAsync())
        {
            var calendar = await app.Services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync();
            await OperationsHistorySeeder.SeedAsync(db, calendar, yesterday.AddDays(-6), yesterday, 40, 13, DateTimeOffset.UtcNow);
        }
        var day = yesterday;
        while (!(await app.Services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync()).IsWorkingDay(day)) day = day.AddDays(-1);
        StoredReport report;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TradingOps.Web.Infrastructure.WebCurrentActor>().ActAs(TradingOps.Core.Auditing.Actor.System("test"));
            report = await scope.ServiceProvider.GetRequiredService<OperationsReports>().GenerateDailyAsync(day);
        }
        Assert.Equal($"运营日报_{day:yyyyMMdd}.xlsx", report.FileName);
        await using var raw = await app.Services.NewContextAsync();
        var tickets = await raw.QueueTickets.CountAsync(t => t.ServiceDate == day);
        var noShows = await raw.QueueTickets.CountAsync(t => t.ServiceDate == day && t.Status == TicketStatus.NoShow);

        using var workbook = new XLWorkbook(new MemoryStream(report.Content));
        Assert.Equal(["分类统计", "当日登记项目", "开标安排", "场地使用", "窗口排队", "窗口排队（人员）"], workbook.Worksheets.Select(w => w.Name));
        var queues = workbook.Worksheet("窗口排队");
        Assert.Equal(["窗口", "取号数", "已叫号", "过号"], Enumerable.Range(1, 4).Select(c => queues.Cell(1, c).HeaderText()));
        var totals = queues.Row(TotalsRow(queues));
        Assert.Equal(tickets, totals.Cell(2).GetValue<int>());
        Assert.Equal(noShows, totals.Cell(4).GetValue<int>());
        Assert.Equal("0.0%", queues.Cell(2, 11).Style.NumberFormat.Format);
        var rooms = workbook.Worksheet("场地使用");
        Assert.True(rooms.Row(TotalsRow(rooms)).Cell(3).GetValue<int>() > 0, "the day's sessions are counted");
    }

    private static int TotalsRow(IXLWorksheet sheet) =>
        sheet.Column(1).CellsUsed().First(c => c.GetString() == "合计").Address.RowNumber;

    internal static void AssertLedger(XLWorkbook workbook, int rowCount, decimal totalWan)
    {
        var sheet = workbook.Worksheet("项目登记台账");
        Assert.Equal(LedgerHeaders, Enumerable.Range(1, LedgerHeaders.Length).Select(c => sheet.Cell(1, c).HeaderText()));
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        var totals = sheet.Row(rowCount + 2);
        Assert.Equal("合计", totals.Cell(1).GetString());
        Assert.Equal(rowCount, totals.Cell(2).GetValue<int>());
        Assert.Equal(totalWan, decimal.Round(totals.Cell(8).GetValue<decimal>(), 2));
        Assert.True(sheet.Cell(rowCount + 3, 2).IsEmpty());
        Assert.Equal("#,##0.00", sheet.Cell(2, 8).Style.NumberFormat.Format);
        Assert.Equal("yyyy-mm-dd hh:mm", sheet.Cell(2, 10).Style.NumberFormat.Format);
        Assert.Equal(XLDataType.DateTime, sheet.Cell(2, 10).DataType);
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
        Assert.Equal(1, sheet.PageSetup.PagesWide);
    }

    private static async IAsyncEnumerable<int> Numbers(int count)
    {
        for (var i = 0; i < count; i++) yield return i;
        await Task.CompletedTask;
    }
}

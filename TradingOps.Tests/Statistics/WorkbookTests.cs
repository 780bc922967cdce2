using System.Net;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;
using TradingOps.Web.Reports;

namespace TradingOps.Tests.Statistics;

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
        Assert.Equal(["序号", "编号", "金额（万元）", "比率", "时间"], Enumerable.Range(1, 5).Select(c => sheet.Cell(1, c).GetString()));
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

    [Fact]
    public async Task The_monthly_workbook_has_its_sheets_a_row_per_day_and_totals_that_match_the_rows()
    {
        // As the job runs it on the 1st: the month just ended.
        var today = CenterTime.Today(TimeProvider.System);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var last = first.AddMonths(1).AddDays(-1);
        await using var scope = app.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<OperationsReports>().GenerateMonthlyAsync(first.AddDays(9));
        Assert.Equal($"运营月报_{first:yyyyMM}.xlsx", report.FileName);

        await using var db = await app.Services.NewContextAsync();
        var (start, end) = (CenterTime.At(first, TimeOnly.MinValue), CenterTime.At(last.AddDays(1), TimeOnly.MinValue));
        var amounts = await db.TradingProjects.Where(p => p.RegisteredAt >= start && p.RegisteredAt < end).Select(p => p.Amount).ToListAsync();
        var openings = await db.TradingProjects.CountAsync(p => p.BidOpeningAt >= start && p.BidOpeningAt < end);

        using var workbook = new XLWorkbook(new MemoryStream(report.Content));
        Assert.Equal(["月度汇总", "分类统计", "项目登记台账"], workbook.Worksheets.Select(w => w.Name));
        var summary = workbook.Worksheet("月度汇总");
        Assert.Equal(["日期", "进场登记项目（个）", "登记金额（万元）", "开标场次"], Enumerable.Range(1, 4).Select(c => summary.Cell(1, c).GetString()));
        Assert.Equal(first.ToDateTime(TimeOnly.MinValue), summary.Cell(2, 1).GetDateTime());
        var totals = summary.Row(last.Day + 2);
        Assert.Equal("合计", totals.Cell(1).GetString());
        Assert.Equal(amounts.Count, totals.Cell(2).GetValue<int>());
        Assert.Equal(decimal.Round(amounts.Sum() / 10_000m, 0), decimal.Round(totals.Cell(3).GetValue<decimal>(), 0));
        Assert.Equal(openings, totals.Cell(4).GetValue<int>());
        Assert.Equal(amounts.Count, workbook.Worksheet("分类统计").Row(8).Cell(2).GetValue<int>()); // 6 categories + header, totals below
        AssertLedger(new XLWorkbook(new MemoryStream(report.Content)), amounts.Count, amounts.Sum(a => decimal.Round(a / 10_000m, 2)));
    }

    internal static void AssertLedger(XLWorkbook workbook, int rowCount, decimal totalWan)
    {
        var sheet = workbook.Worksheet("项目登记台账");
        Assert.Equal(LedgerHeaders, Enumerable.Range(1, LedgerHeaders.Length).Select(c => sheet.Cell(1, c).GetString()));
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

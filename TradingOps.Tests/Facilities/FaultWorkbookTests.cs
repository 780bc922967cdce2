using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Common;
using TradingOps.Core.Facilities;
using TradingOps.Data.Statistics;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Reports;

namespace TradingOps.Tests.Facilities;

/// <summary>The monthly workbook's 故障统计 sheet over the demo center (its repaired faults of last month).</summary>
[FullLane]
public sealed class FaultWorkbookTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    [Fact]
    public async Task The_monthly_workbook_has_a_fault_sheet_with_count_repaired_and_mttr_per_category_and_the_months_faults()
    {
        var today = CenterTime.Today(TimeProvider.System);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var (start, end) = (CenterTime.At(first, TimeOnly.MinValue), CenterTime.At(first.AddMonths(1), TimeOnly.MinValue));
        List<Fault> faults;
        await using (var db = await app.Services.NewContextAsync())
            faults = (await db.Faults.AsNoTracking().ToListAsync()).Where(f => f.ReportedAt >= start && f.ReportedAt < end).ToList();
        Assert.True(faults.Count >= 3, "the demo repaired faults last month");

        StoredReport report;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TradingOps.Web.Infrastructure.WebCurrentActor>().ActAs(TradingOps.Core.Auditing.Actor.System("test"));
            report = await scope.ServiceProvider.GetRequiredService<OperationsReports>().GenerateMonthlyAsync(first.AddDays(3));
        }
        await File.WriteAllBytesAsync(Fixtures.Browser.ScreenshotPath("monthly-report-faults.xlsx"), report.Content);

        using var workbook = new XLWorkbook(new MemoryStream(report.Content));
        var sheet = workbook.Worksheet("故障统计");
        Assert.Equal(["设备类别", "报修数", "已修复", "待修", "致场地停用", "平均修复时长\n（小时）"],
            Enumerable.Range(1, 6).Select(c => sheet.Cell(1, c).GetString()));
        var categories = faults.GroupBy(f => f.Category).OrderBy(g => g.Key).ToList();
        for (var i = 0; i < categories.Count; i++)
        {
            var group = categories[i].ToList();
            var row = sheet.Row(i + 2);
            Assert.Equal(ReportLabels.Of(categories[i].Key), row.Cell(1).GetString());
            Assert.Equal(group.Count, row.Cell(2).GetValue<int>());
            Assert.Equal(group.Count(f => f.RepairedAt is not null), row.Cell(3).GetValue<int>());
            Assert.Equal(group.Count(f => f.RepairedAt is null), row.Cell(4).GetValue<int>());
            var repaired = group.Where(f => f.RepairedAt is not null).Select(f => (f.RepairedAt!.Value - f.ReportedAt).TotalHours).ToList();
            if (repaired.Count > 0) Assert.Equal(Math.Round(repaired.Average(), 1), row.Cell(6).GetValue<double>(), 3);
            else Assert.True(row.Cell(6).IsEmpty());
        }
        var total = sheet.Row(categories.Count + 2);
        Assert.Equal("合计", total.Cell(1).GetString());
        Assert.Equal(faults.Count, total.Cell(2).GetValue<int>());

        // The month's faults, one per row under their header.
        var header = sheet.CellsUsed(c => c.GetString() == "报修单号").Single().Address.RowNumber;
        var numbers = Enumerable.Range(header + 1, faults.Count).Select(r => sheet.Cell(r, 1).GetString()).ToList();
        Assert.Equal(faults.OrderBy(f => f.ReportedAt).Select(f => f.Number), numbers);
        Assert.True(sheet.Cell(header + faults.Count + 1, 1).IsEmpty());
    }
}

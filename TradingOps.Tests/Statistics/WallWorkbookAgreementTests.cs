using Bunit;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Common;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Data;
using TradingOps.Data.Queue;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Wall;
using TradingOps.Web.Queue;
using TradingOps.Web.Reports;

namespace TradingOps.Tests.Statistics;

/// <summary>The duty wall and the daily workbook, over the same tickets, show the same figures.</summary>
public sealed class WallWorkbookAgreementTests : SqliteLiveBunitContext
{
    protected override void AddServices(IServiceCollection services)
    {
        services.AddScoped<ProjectLedger>();
        services.AddScoped<OperationsReports>();
    }

    [Fact]
    public async Task The_walls_no_show_rate_is_the_workbooks_for_the_same_tickets()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var type = new ServiceType("A", "项目登记受理", 1);
        ServiceWindow window;
        Staff clerk;
        await using (var db = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync())
        {
            var center = new Center("W", "测试中心", null);
            var zone = new Zone(center.Id, "公共服务区", ZoneKind.PublicService, "1F");
            window = new ServiceWindow(zone.Id, 1, "1号窗口", [type]);
            clerk = Clerks.NewStaff("E001", "张三");
            window.SignOn(WindowClerk.Of(clerk), DateTimeOffset.UtcNow);
            db.AddClerks(clerk);
            db.AddRange(center, zone, type, window);
            await db.SaveChangesAsync();
        }
        // Five visitors: one served, one no-show, one at the window now, two waiting.
        var queue = Services.QueueAs(clerk);
        for (var i = 0; i < 5; i++) await queue.IssueAsync(type.Id, TicketChannel.Kiosk);
        var served = (await queue.CallNextAsync(window.Id))!;
        await queue.StartServingAsync(served.Id);
        await queue.FinishAsync(served.Id, ServiceOutcome.Completed, null);
        var absent = (await queue.CallNextAsync(window.Id))!;
        await queue.NoShowAsync(absent.Id);
        var atWindow = (await queue.CallNextAsync(window.Id))!;
        await queue.StartServingAsync(atWindow.Id);

        var wall = (await Services.GetRequiredService<QueueQueries>().KpisAsync()).Overall;
        var panel = Render<QueueWallPanel>();
        panel.WaitForAssertion(() => Assert.Equal("1", panel.Find("[data-testid=wall-served] .v").TextContent));
        var shown = panel.Find("[data-testid=wall-served] .k").TextContent;

        var report = await Services.GetRequiredService<OperationsReports>().GenerateDailyAsync(CenterTime.Today(TimeProvider.System));
        using var workbook = new XLWorkbook(new MemoryStream(report.Content));
        var queues = workbook.Worksheet("窗口排队");
        var totals = queues.Row(queues.Column(1).CellsUsed().First(c => c.GetString() == "合计").Address.RowNumber);
        Assert.Equal(3, totals.Cell(3).GetValue<int>()); // 已叫号
        Assert.Equal(1, totals.Cell(4).GetValue<int>()); // 过号
        var workbookRate = totals.Cell(11).GetValue<double>();

        Assert.Equal(1.0 / 3, workbookRate, 9); // 过号 ÷ 已叫号
        Assert.Equal(workbookRate, wall.NoShowRate!.Value, 9);
        Assert.EndsWith($"过号率 {KpiText.Percent(workbookRate)}", shown.Trim());
        Assert.Contains("33%", shown);
    }
}

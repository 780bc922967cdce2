using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TradingOps.Core.Common;
using TradingOps.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Browser;

[FullLane]
public sealed class DetailExportBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task A_supervisor_picks_the_last_seven_days_on_the_reports_page_and_downloads_the_ticket_detail()
    {
        var today = CenterTime.Today(TimeProvider.System);
        var from = today.AddDays(-6);
        await using var db = await server.Services.NewContextAsync();
        var tickets = await db.QueueTickets.CountAsync(t => t.ServiceDate >= from && t.ServiceDate <= today);
        Assert.True(tickets > 0, "the demo queue has tickets today");

        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var page = await Fixtures.Browser.SignedInAsync(browser, server.BaseAddress, "supervisor");
        await page.GotoAsync(new Uri(server.BaseAddress, "/reports").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);

        var panel = page.GetByTestId("detail-export");
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "明细导出" })).ToBeVisibleAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "近 7 天" }).ClickAsync();
        var fileName = $"票号明细_{from:yyyy-MM-dd}_{today:yyyy-MM-dd}.xlsx";
        await Expect(page.GetByTestId("export-summary")).ToContainTextAsync(fileName);
        await Expect(page.GetByTestId("export-summary")).ToContainTextAsync($"该期间共 {tickets:#,0} 行");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("reports-detail-export-1920x1080.png") });

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-download").ClickAsync());
        Assert.Equal(fileName, download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.xlsx");
        try
        {
            await download.SaveAsAsync(file);
            using var workbook = new XLWorkbook(file);
            var sheet = workbook.Worksheet("票号明细");
            Assert.Equal("合计", sheet.Cell(tickets + 2, 1).GetString());
            Assert.Equal(tickets, sheet.Cell(tickets + 2, 2).GetValue<int>());
        }
        finally
        {
            File.Delete(file);
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Data.Statistics;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;
using TradingOps.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Browser;

[FullLane]
public sealed class StatisticsBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private Task<IPage> SignedInAsync(IBrowser browser, string account) =>
        Fixtures.Browser.SignedInAsync(browser, server.BaseAddress, account);

    [Fact]
    public async Task A_supervisor_sees_the_trend_chart_and_the_breakdown_against_the_previous_period()
    {
        await using (var scope = server.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(TradingOps.Core.Auditing.Actor.System("test"));
            await scope.ServiceProvider.GetRequiredService<DailyStatisticsService>().CatchUpAsync();
        }
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var page = await SignedInAsync(browser, "supervisor");
        await page.GotoAsync(new Uri(server.BaseAddress, "/statistics").ToString());

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "统计分析" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("stats-total")).ToContainTextAsync("本期合计");
        await Expect(page.GetByTestId("stats-breakdown").Locator("tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("svg path.mud-chart-line").First).ToBeAttachedAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("statistics-1920x1080.png") });
    }

    [Fact]
    public async Task An_admin_sees_each_job_with_its_triggers_and_can_start_one()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var page = await SignedInAsync(browser, "admin");
        await page.GotoAsync(new Uri(server.BaseAddress, "/admin/jobs").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);
        var job = page.GetByTestId("job-daily-statistics");
        await Expect(job).ToContainTextAsync("每天 00:10 计算前一日统计");
        await Expect(page.GetByTestId("job-daily-report")).ToContainTextAsync("每天 18:00");
        await Expect(page.GetByTestId("job-monthly-report")).ToContainTextAsync("每月 1 日 08:00");
        await Expect(page.GetByTestId("job-satisfaction-disclosure")).ToContainTextAsync("每周一 01:00 公示上周结果");
        await Expect(page.GetByTestId("job-satisfaction-disclosure")).ToContainTextAsync("每月 1 日 01:00 公示上月结果");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("admin-jobs-1920x1080.png") });
    }
}

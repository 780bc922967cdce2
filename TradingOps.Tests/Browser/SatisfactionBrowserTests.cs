using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Statistics;
using TradingOps.Data.Seeding;
using TradingOps.Data.Statistics;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Statistics;
using TradingOps.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Browser;

/// <summary>The statistics pages and the public disclosure, in Chromium at 1920×1080, over generated weeks of history.</summary>
[FullLane]
public sealed class SatisfactionBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private static readonly SemaphoreSlim Once = new(1, 1);

    private async Task EnsureHistoryAsync()
    {
        await Once.WaitAsync();
        try
        {
            var today = CenterTime.Today(TimeProvider.System);
            await using (var db = await server.Services.NewContextAsync())
            {
                var calendar = await server.Services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync();
                await OperationsHistorySeeder.SeedAsync(db, calendar, today.AddDays(-75), today.AddDays(-1), 60, 5, DateTimeOffset.UtcNow);
            }
            await using var scope = server.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(TradingOps.Core.Auditing.Actor.System("test"));
            await scope.ServiceProvider.GetRequiredService<DailyStatisticsService>().CatchUpAsync();
            await scope.ServiceProvider.GetRequiredService<SatisfactionDisclosureService>().CatchUpAsync();
        }
        finally
        {
            Once.Release();
        }
    }

    [Fact]
    public async Task A_supervisor_sees_the_satisfaction_rate_with_its_formula_trends_and_results_per_clerk()
    {
        await EnsureHistoryAsync();
        var today = CenterTime.Today(TimeProvider.System);
        var month = Period.Containing(PeriodKind.Month, today).Through(today);
        SatisfactionRow total;
        IReadOnlyList<SatisfactionRow> clerks;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var queries = scope.ServiceProvider.GetRequiredService<SatisfactionQueries>();
            total = (await queries.ByDimensionAsync(month, DailyStatistic.Total)).Single();
            clerks = await queries.ByDimensionAsync(month, Metrics.ByClerk);
        }
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var page = await Fixtures.Browser.SignedInAsync(browser, server.BaseAddress, "supervisor");
        await page.GotoAsync(new Uri(server.BaseAddress, "/statistics/satisfaction").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);

        await Expect(page.GetByTestId("rate-formula")).ToHaveTextAsync(SatisfactionRules.Formula);
        await Expect(page.GetByTestId("sat-rate-value")).ToHaveTextAsync(StatText.Rate(total.Counts.Rate));
        await Expect(page.GetByTestId("sat-total-value")).ToHaveTextAsync(total.Counts.Total.ToString("#,0"));
        await Expect(page.GetByTestId("satisfaction-table").Locator("tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("svg path.mud-chart-line").First).ToBeAttachedAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("satisfaction-1920x1080.png"), FullPage = true });

        // Per clerk: each clerk's row shows their own rate.
        await page.GetByTestId("dimension").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "工作人员" }).ClickAsync();
        var busiest = clerks.First();
        var row = page.GetByTestId("satisfaction-table").Locator("tbody tr", new() { HasText = busiest.Key });
        await Expect(row).ToContainTextAsync(StatText.Rate(busiest.Counts.Rate));
        await Expect(page.GetByTestId("satisfaction-table").Locator("tbody tr")).ToHaveCountAsync(clerks.Count);
    }

    [Fact]
    public async Task A_supervisor_sees_queue_and_room_figures_against_the_previous_period()
    {
        await EnsureHistoryAsync();
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var page = await Fixtures.Browser.SignedInAsync(browser, server.BaseAddress, "supervisor");
        await page.GotoAsync(new Uri(server.BaseAddress, "/statistics/operations").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "运营统计" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("queue-table").Locator("tbody tr").First).ToContainTextAsync("窗口");
        await Expect(page.GetByTestId("room-table")).ToContainTextAsync("开标室");
        await Expect(page.GetByTestId("ops-tickets")).ToContainTextAsync("上期");
        // Month-to-date against the same days of last month: the change shown is the like-for-like one, and the page says so.
        var today = CenterTime.Today(TimeProvider.System);
        var month = Period.Containing(PeriodKind.Month, today).Through(today);
        MetricSums sums;
        await using (var scope = server.Services.CreateAsyncScope())
            sums = (await scope.ServiceProvider.GetRequiredService<StatisticsQueries>().SumsAsync([Metrics.QueueTickets], DailyStatistic.Total, month)).Single();
        await Expect(page.GetByTestId("compare-with")).ToHaveTextAsync(
            (month.IsWhole ? "较上月 " : "较上月同期 ") + month.Previous.DayRange);
        await Expect(page.GetByTestId("ops-tickets")).ToContainTextAsync(
            $"上期 {sums.Before(Metrics.QueueTickets):#,0}，变化 {StatText.Change(sums[Metrics.QueueTickets], sums.Before(Metrics.QueueTickets))}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("operations-1920x1080.png"), FullPage = true });

        // Per staff member (工号 / 姓名): tickets, served, no-shows, waits and service as per window.
        await page.GetByTestId("queue-dimension").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "工作人员" }).ClickAsync();
        await Expect(page.GetByTestId("queue-table").Locator("tbody tr").First).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\S+ / \S+"));
        await Expect(page.GetByTestId("queue-table").Locator("thead")).ToContainTextAsync("过号");
    }

    [Fact]
    public async Task The_operations_and_satisfaction_pages_export_what_they_show_for_the_chosen_period_and_the_export_is_audited()
    {
        await EnsureHistoryAsync();
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "supervisor");
        foreach (var (path, testId, figure) in new[] { ("/statistics/operations", "ops", "取号数"), ("/statistics/satisfaction", "sat", "评价总数") })
        {
            await page.GotoAsync(new Uri(server.BaseAddress, path).ToString());
            await Fixtures.Browser.WaitInteractiveAsync(page);
            var shown = await page.GetByTestId(testId == "ops" ? "ops-tickets-value" : "sat-total-value").InnerTextAsync();
            var exportsBefore = await ExportsAsync();
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId($"{testId}-export").ClickAsync());
            var today = CenterTime.Today(TimeProvider.System);
            var month = Period.Containing(PeriodKind.Month, today).Through(today);
            Assert.EndsWith($"_{month.Start:yyyyMMdd}_{month.End:yyyyMMdd}.xlsx", download.SuggestedFilename);
            var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.xlsx");
            try
            {
                await download.SaveAsAsync(file);
                using var workbook = new ClosedXML.Excel.XLWorkbook(file);
                var overview = workbook.Worksheet("概览");
                var row = overview.RowsUsed().Single(r => r.Cell(1).GetString() == figure);
                Assert.Equal(shown.Trim(), row.Cell(2).GetValue<decimal>().ToString("#,0"));
            }
            finally
            {
                File.Delete(file);
            }
            Assert.Equal(exportsBefore + 1, await ExportsAsync());
        }

        async Task<int> ExportsAsync()
        {
            await using var db = await server.Services.NewContextAsync();
            return await db.AuditEntries.CountAsync(a => a.Entity == TradingOps.Web.Reports.ReportEndpoints.ReportExportEntity
                && (a.Key == TradingOps.Web.Reports.StatisticsExports.OperationsKey || a.Key == TradingOps.Web.Reports.StatisticsExports.SatisfactionKey));
        }
    }

    [Fact]
    public async Task The_public_disclosure_shows_last_week_and_month_without_anyone_signing_in_and_without_names()
    {
        await EnsureHistoryAsync();
        IReadOnlyList<SatisfactionDisclosure> latest;
        List<string> clerkNames;
        await using (var scope = server.Services.CreateAsyncScope())
            latest = await scope.ServiceProvider.GetRequiredService<SatisfactionDisclosureService>().LatestAsync();
        await using (var db = await server.Services.NewContextAsync())
            clerkNames = await db.QueueTickets.Where(t => t.ServedByName != null).Select(t => t.ServedByName!).Distinct().ToListAsync();
        Assert.Equal(2, latest.Count);

        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var page = await Fixtures.Browser.WallSizedPageAsync(browser);
        await page.GotoAsync(new Uri(server.BaseAddress, "/public/satisfaction").ToString());

        await Expect(page.GetByTestId("rate-formula")).ToHaveTextAsync(SatisfactionRules.Formula);
        foreach (var d in latest)
            await Expect(page.GetByTestId($"disclosure-{d.Kind}-rate")).ToHaveTextAsync(StatText.Rate(d.Rate));
        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain(clerkNames, name => text.Contains(name));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("public-satisfaction-1920x1080.png") });
    }
}

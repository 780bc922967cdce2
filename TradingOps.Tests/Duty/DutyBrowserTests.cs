using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Core.Duty;
using TradingOps.Data.Duty;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Duty;

/// <summary>
/// The duty roster and the wall in Chromium over the seeded demo center (its roster of the demo weeks): the admin's month
/// grid on the holiday calendar, the 1920×1080 wall showing who is on duty and an operations alert with its assignee,
/// acknowledged by the duty manager on /alerts.
/// </summary>
[FullLane]
public sealed class DutyBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private async Task<OpsAlertRow> RaiseAsync(string key, string title)
    {
        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test"));
        return await scope.ServiceProvider.GetRequiredService<OpsAlertService>().RaiseAsync(OpsAlertKind.DeviceSilent, key, title, "最后心跳超过 2 分钟");
    }

    [Fact]
    public async Task The_roster_page_shows_the_month_on_the_holiday_calendar_with_the_demo_gap_highlighted()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "admin");
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(server.BaseAddress, "/admin/duty").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("roster-grid")).ToBeVisibleAsync();
        Assert.True(await page.GetByTestId("roster-slot").CountAsync() >= 28);
        // Every non-working day has one holiday shift; the demo roster names people on today's slots.
        Assert.Equal(await page.Locator("[data-testid=roster-slot].roster-holiday").CountAsync(),
            await page.Locator("[data-testid=roster-slot][data-shift=Holiday]").CountAsync());
        await page.ScreenshotAsync(new() { FullPage = false, Path = Fixtures.Browser.ScreenshotPath("duty-roster-1920x1080.png") });

        // The demo's gap (security on the last weekend of the demo weeks) is highlighted in its month.
        var gapMonth = await FindGapMonthAsync(page);
        Assert.NotNull(gapMonth);
        Assert.Empty(errors);
    }

    private async Task<string?> FindGapMonthAsync(IPage page)
    {
        for (var i = 0; i < 3; i++)
        {
            if (await page.Locator("[data-testid=roster-cell][data-problem=Gap]").CountAsync() > 0)
                return await page.GetByTestId("roster-month").TextContentAsync();
            await page.GetByTestId("roster-next").ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("month="));
            await Expect(page.GetByTestId("roster-grid")).ToBeVisibleAsync();
        }
        return null;
    }

    [Fact]
    public async Task The_wall_at_1920x1080_shows_who_is_on_duty_and_an_operations_alert_with_its_assignee_which_the_duty_manager_acknowledges()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var wall = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "display");
        var errors = new List<string>();
        wall.PageError += (_, e) => errors.Add(e);
        await wall.GotoAsync(new Uri(server.BaseAddress, "/wall?panel=alerts").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(wall);

        var header = wall.Locator(".wall-header [data-testid=duty-now]");
        await Expect(header).ToBeVisibleAsync();
        await Expect(header.GetByTestId("duty-now-Technician")).Not.ToContainTextAsync("未排班");
        await Expect(header.GetByTestId("duty-now-DutyManager")).Not.ToContainTextAsync("未排班");

        var raised = await RaiseAsync("device-browser-test", "K201 门牌屏失联");
        Assert.NotNull(raised.AssignedName);
        var alert = wall.GetByTestId("alert-ops-device-browser-test");
        await Expect(alert).ToContainTextAsync("K201 门牌屏失联");
        await Expect(alert.GetByTestId("alert-ops-assignee")).ToHaveTextAsync($"值班：{raised.AssignedName}");
        // The first technician on duty is the one the header names.
        await Expect(header.GetByTestId("duty-now-Technician")).ToContainTextAsync(raised.AssignedName!);

        var scrolls = await wall.EvaluateAsync<bool>("() => document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth");
        Assert.False(scrolls, "the wall with the duty line fits 1920x1080 without scrollbars");
        var headerFits = await wall.EvaluateAsync<bool>("() => { const h = document.querySelector('.wall-header'); return [...h.children].every(c => c.getBoundingClientRect().right <= h.getBoundingClientRect().right + 1); }");
        Assert.True(headerFits, "every part of the header is inside it at 1920 wide");
        await wall.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("duty-wall-alert-1920x1080.png") });

        // The duty manager acknowledges it on /alerts: the wall shows who did.
        var duty = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "duty");
        await duty.GotoAsync(new Uri(server.BaseAddress, "/alerts").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(duty);
        var row = duty.Locator("[data-testid=alert-row][data-key=device-browser-test]");
        await row.GetByTestId("acknowledge").ClickAsync();
        await Expect(row).ToContainTextAsync("已确认：");
        await Expect(alert.GetByTestId("alert-ops-assignee")).ToContainTextAsync("已确认：");
        await duty.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("duty-alerts-page.png") });
        Assert.Empty(errors);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TradingOps.Core.Duty;
using TradingOps.Core.Facilities;
using TradingOps.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Facilities;

/// <summary>A fault reported from the /venues page in Chromium over the demo center: the room goes out of service, then back with the repair.</summary>
[FullLane]
public sealed class FaultBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();

    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    [Fact]
    public async Task A_major_fault_on_the_decryptor_reported_from_venues_takes_the_room_out_and_the_repair_brings_it_back()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "duty");
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync(Url("/venues"));
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("room-status-K203")).ToContainTextAsync("可用");

        await page.GetByTestId("report-fault-K203").ClickAsync();
        await Expect(page.GetByTestId("fault-form")).ToBeVisibleAsync();
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await page.GetByTestId("fault-equipment").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "开标解密终端" }).First.ClickAsync();
        await Expect(page.GetByTestId("fault-takes-room-out")).ToBeVisibleAsync(); // Major is the default severity
        await Input(page, "fault-description").FillAsync("解密终端无法读取CA锁，开标无法进行");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("fault-new-1920x1080.png") });
        await page.GetByTestId("fault-submit").ClickAsync();

        await Expect(page.GetByTestId("fault-facts")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("fault-room-out")).ToContainTextAsync("是");
        await Expect(page.GetByTestId("fault-outage-state")).ToContainTextAsync("停用中");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, FullPage = true, Path = Fixtures.Browser.ScreenshotPath("fault-detail-1920x1080.png") });
        var faultUrl = page.Url;

        await using (var db = await server.Services.NewContextAsync())
        {
            var fault = await db.Faults.AsNoTracking().SingleAsync(f => f.Status == FaultStatus.Open && f.TakesRoomOut);
            Assert.NotNull(fault.OutageId);
            Assert.True(await db.OpsAlerts.AnyAsync(a => a.Key == $"fault:{fault.Id}" && a.ClearedAt == null && a.Kind == OpsAlertKind.EquipmentFault));
        }

        await page.GotoAsync(Url("/venues"));
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("room-status-K203")).ToContainTextAsync("停用");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("fault-venues-out-1920x1080.png") });

        await page.GotoAsync(faultUrl);
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Input(page, "fault-repair-notes-input").FillAsync("更换读卡模块，试解密正常");
        await page.GetByTestId("fault-repair").ClickAsync();
        await Expect(page.GetByTestId("fault-status")).ToContainTextAsync("已修复");
        await Expect(page.GetByTestId("fault-outage-state")).ToContainTextAsync("已恢复使用");

        await page.GotoAsync(Url("/venues"));
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("room-status-K203")).ToContainTextAsync("可用");

        // The list: open faults first (the demo's clock), the repaired one after it.
        await page.GotoAsync(Url("/facilities/faults"));
        await Fixtures.Browser.WaitInteractiveAsync(page);
        var rows = page.GetByTestId("faults").Locator("tbody tr");
        await Expect(rows.First).ToContainTextAsync("待修");
        await Expect(page.GetByTestId("faults").Locator("tbody tr", new() { HasText = "开标解密终端" }).First).ToContainTextAsync("已修复");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("fault-list-1920x1080.png") });

        // This month's faults on the operations statistics: the decryptor's, repaired, with its time to repair.
        await page.GotoAsync(Url("/statistics/operations"));
        await Fixtures.Browser.WaitInteractiveAsync(page);
        var decryptors = page.GetByTestId("fault-mttr-Decryptor");
        await Expect(decryptors).ToBeVisibleAsync();
        await Expect(decryptors.Locator("td").Nth(2)).Not.ToHaveTextAsync("0"); // repaired
        await decryptors.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("fault-statistics-1920x1080.png") });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TradingOps.Core.Devices;
using TradingOps.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Health;

/// <summary>A server whose device pages beat every 2 seconds instead of 15.</summary>
public sealed class FastHeartbeatServer() : TradingOpsServer(new Dictionary<string, string>
{
    ["Health:HeartbeatSeconds"] = "2", ["Health:AmberAfterSeconds"] = "10", ["Health:SilenceSeconds"] = "30",
});

/// <summary>
/// Remote reload end to end (issue 21, Done-when): a door plate paired on its own screen beats from its page in
/// Chromium; the duty manager asks it to reload on the health board; the page reloads for real and its first
/// heartbeat after the reload shows on the board as come back.
/// </summary>
[FullLane]
public sealed class DeviceReloadBrowserTests(FastHeartbeatServer server) : IClassFixture<FastHeartbeatServer>
{
    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();

    private static readonly LocatorAssertionsToHaveAttributeOptions Patient = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_remote_reload_reaches_a_paired_door_plate_which_reloads_and_the_board_shows_it_came_back()
    {
        var paired = await DeviceKit.PairAsync(server.Services, DeviceKind.DoorPlate, "K201 门牌");
        await DeviceKit.PairAsync(server.Services, DeviceKind.HallDisplay, "一楼叫号屏（未上线）");
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;

        // The door plate is paired once on its own screen, then shows its room.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1080, Height = 1920 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        });
        var plate = await context.NewPageAsync();
        await plate.GotoAsync(Url("/devices/pair"));
        await plate.GetByLabel("配对码").FillAsync(paired.Secret);
        await plate.GetByRole(AriaRole.Button, new() { Name = "配对" }).ClickAsync();
        await Expect(plate.GetByTestId("device-paired")).ToBeVisibleAsync();
        await plate.GotoAsync(Url("/doorplate/K201"));
        await Expect(plate.GetByTestId("plate")).ToBeVisibleAsync();
        var firstBoot = await plate.EvaluateAsync<string>("() => window.tradingOpsDeviceHealth.bootId");
        await plate.EvaluateAsync("() => { window.beforeReload = true; }");

        // The duty manager sees it beating on the board.
        var duty = await Fixtures.Browser.SignedInAsync(browser, server.BaseAddress, "duty");
        await duty.GotoAsync(Url("/health"));
        await Fixtures.Browser.WaitInteractiveAsync(duty);
        var card = duty.Locator($"[data-device='{paired.DeviceId}']");
        await Expect(card).ToHaveAttributeAsync("data-state", "Green", Patient);
        await Expect(card.GetByTestId("device-screen")).ToHaveTextAsync("1080×1920");

        var reloaded = new TaskCompletionSource();
        plate.Load += (_, _) => reloaded.TrySetResult();
        await card.GetByTestId("reload-device").ClickAsync();
        await Expect(duty.GetByTestId("health-done")).ToContainTextAsync("已请求「K201 门牌」远程刷新");

        // The plate takes it with its next heartbeat and reloads: a new page load, a new boot id.
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Expect(plate.GetByTestId("plate")).ToBeVisibleAsync();
        Assert.Null(await plate.EvaluateAsync<bool?>("() => window.beforeReload"));
        var secondBoot = await plate.EvaluateAsync<string>("() => window.tradingOpsDeviceHealth.bootId");
        Assert.NotEqual(firstBoot, secondBoot);

        // Its first beat after the reload: the board shows it came back.
        var reload = card.GetByTestId("device-reload");
        await Expect(reload).ToHaveAttributeAsync("data-stage", "CameBack", Patient);
        await Expect(reload).ToContainTextAsync("已重新加载");
        await Expect(card).ToHaveAttributeAsync("data-state", "Green");
        await using (var db = await server.Services.NewContextAsync())
        {
            var command = await db.DeviceCommands.SingleAsync(c => c.DeviceId == paired.DeviceId);
            Assert.NotNull(command.CameBackAt);
            Assert.Equal(secondBoot, (await db.DeviceHeartbeats.SingleAsync(h => h.Id == paired.DeviceId)).BootId);
        }
        await duty.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("health-board-1920x1080.png") });
    }
}

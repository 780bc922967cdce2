using Microsoft.Playwright;
using TradingOps.Tests.Fixtures;
using TradingOps.Tests.Floor;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Venue;

/// <summary>The outage desk in a browser over the demo center: from the overrunning room's tile to its proposals, and the
/// demo's planned projector repair with its hit booking.</summary>
[FullLane]
public sealed class OutageBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task The_overrunning_rooms_tile_opens_proposals_for_its_later_bookings_and_the_planned_outage_shows_its_hit_booking()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await FloorTestSupport.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync(new Uri(server.BaseAddress, "/floor").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);

        await page.GetByTestId("Overrun-K202").ClickAsync();
        await Expect(page.GetByTestId("overrun-K202")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("overrun-proposals-K202")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("venue-overrun-1920x1080.png") });

        await page.GotoAsync(new Uri(server.BaseAddress, "/venue/outages").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("outage-K208")).ToContainTextAsync("音响系统检修");
        await Expect(page.GetByTestId("overrun-K202")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, FullPage = true, Path = Fixtures.Browser.ScreenshotPath("venue-outages-1920x1080.png") });

        await page.GetByTestId("outage-K208").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("outage-facts")).ToContainTextAsync("第八开标室");
        var row = page.Locator("[data-testid^=proposal-]").First;
        await Expect(row).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("venue-outage-detail-1920x1080.png") });
        await row.Locator("[data-testid^=accept-]").ClickAsync();
        await Expect(page.GetByTestId("proposals-message")).ToContainTextAsync("已按建议调整 1 个预约");
        await Expect(page.GetByTestId("proposals-empty")).ToBeVisibleAsync();
    }
}

using Microsoft.Playwright;
using TradingOps.Tests.Fixtures;
using TradingOps.Tests.Floor;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Evaluation;

/// <summary>The expert pool in a browser over the demo's 3,000 experts: filter to a thin specialty, open a record, see masks only.</summary>
[FullLane]
public sealed class ExpertPoolBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task An_admin_filters_the_demo_pool_by_a_specialty_and_opens_a_record_with_masks_and_no_name()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await FloorTestSupport.SignedInAsync(chromium.Browser, server.BaseAddress, "admin");
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync(new Uri(server.BaseAddress, "/evaluation/experts").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);

        await Expect(page.GetByTestId("pool-total")).ToContainTextAsync("3000");
        await Expect(page.GetByTestId("specialty-count")).ToHaveCountAsync(48);
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("evaluation-pool-1920x1080.png") });

        await page.Locator("[data-testid=specialty-count][data-code=B11] a").ClickAsync();
        await Expect(page.GetByTestId("pool-total")).Not.ToContainTextAsync("3000");
        await Expect(page.GetByTestId("pool-row-code").First).ToBeVisibleAsync();
        await page.GetByTestId("pool-row-code").First.Locator("a").ClickAsync();

        await Expect(page.GetByTestId("expert-facts")).ToContainTextAsync("B11");
        await Expect(page.GetByTestId("expert-facts")).ToContainTextAsync("********");
        await Expect(page.GetByTestId("expert-name")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("expert-reveal")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("evaluation-expert-1920x1080.png") });
    }
}

using Microsoft.Playwright;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Wall;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Floor;

public sealed class WallPanelsBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    public static TheoryData<string> Panels => [.. WallPanels.All.Select(p => p.Key)];

    [Theory]
    [MemberData(nameof(Panels))]
    public async Task Every_wall_panel_fits_the_1920x1080_wall_without_scrollbars_or_page_errors(string panel)
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var wall = await FloorTestSupport.SignedInAsync(browser, server.BaseAddress, "display");
        var errors = new List<string>();
        wall.PageError += (_, e) => errors.Add(e);

        await wall.GotoAsync(new Uri(server.BaseAddress, $"/wall?panel={panel}").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(wall);
        await Expect(wall.Locator("body")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("wall-stale"));
        await wall.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var scrolls = await wall.EvaluateAsync<bool>("() => document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth");
        Assert.False(scrolls, $"the {panel} panel fits 1920x1080 without scrollbars");
        await wall.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath($"wall-{panel}-1920x1080.png") });
        Assert.Empty(errors);
    }
}

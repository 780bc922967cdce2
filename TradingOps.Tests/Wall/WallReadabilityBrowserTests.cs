using Microsoft.Playwright;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Wall;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Wall;

/// <summary>The duty wall at 1920×1080, read from across the room by a Display-role screen (issue 22).</summary>
[FullLane]
public sealed class WallReadabilityBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    public static TheoryData<string> Panels => [.. WallPanels.All.Select(p => p.Key)];

    private async Task<IPage> WallAsync(IBrowser browser, string path)
    {
        var wall = await Fixtures.Browser.SignedInAsync(browser, server.BaseAddress, "display");
        await wall.GotoAsync(new Uri(server.BaseAddress, path).ToString());
        await Fixtures.Browser.WaitInteractiveAsync(wall);
        await wall.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return wall;
    }

    /// <summary>Every visible element with text of its own, and its computed font size, where it is under 18 px.</summary>
    private const string SmallText = """
        () => [...document.querySelectorAll('body *')]
          .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
          .filter(e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e); return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; })
          .map(e => ({ text: e.textContent.trim().slice(0, 30), size: parseFloat(getComputedStyle(e).fontSize) }))
          .filter(x => x.size < 18)
          .map(x => `${x.size}px "${x.text}"`)
        """;

    [Theory]
    [MemberData(nameof(Panels))]
    public async Task Every_wall_panel_has_text_of_at_least_18px_one_main_one_h1_and_every_row_inside_the_screen(string panel)
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var wall = await WallAsync(chromium.Browser, $"/wall?panel={panel}");

        var small = await wall.EvaluateAsync<string[]>(SmallText);
        Assert.True(small.Length == 0, $"the {panel} panel has text under 18px: {string.Join("; ", small.Take(10))}");
        Assert.Equal(1, await wall.Locator("main").CountAsync());
        Assert.Equal(1, await wall.Locator("h1").CountAsync());
        var lowest = await wall.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('.wall-panel.active tr, .wall-panel.active .wall-alert, .wall-panel.active .room-tile, .wall-panel.active .timeline-row, .wall-strip')].map(e => e.getBoundingClientRect().bottom))");
        Assert.True(lowest <= 1080, $"a row of the {panel} panel ends at {lowest}px, below the 1080px screen");
        await wall.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath($"wall-panel-{panel}.png") });
    }

    [Theory]
    [InlineData("/wall/registrations", "wall-panel-registrations-page.png")]
    [InlineData("/wall/queues", "wall-panel-queues-page.png")]
    public async Task The_walls_own_pages_have_text_of_at_least_18px_one_main_and_one_h1(string path, string screenshot)
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var wall = await WallAsync(chromium.Browser, path);
        var small = await wall.EvaluateAsync<string[]>(SmallText);
        Assert.True(small.Length == 0, $"{path} has text under 18px: {string.Join("; ", small.Take(10))}");
        Assert.Equal(1, await wall.Locator("main").CountAsync());
        Assert.Equal(1, await wall.Locator("h1").CountAsync());
        await wall.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath(screenshot) });
    }

    [Fact]
    public async Task The_registration_list_pages_instead_of_clipping()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var wall = await WallAsync(chromium.Browser, "/wall?panel=registrations");
        var list = wall.Locator(".wall-panel.active [data-testid=wall-list]");
        var pending = int.Parse(await wall.Locator(".wall-panel.active [data-testid=wall-pending]").InnerTextAsync());
        Assert.True(pending > 8, $"the demo center has more waiting registrations than a page holds ({pending})");
        var pages = int.Parse((await list.GetAttributeAsync("data-pages"))!);
        Assert.True(pages >= 2);

        var seen = new HashSet<string>();
        for (var page = 1; page <= pages; page++)
        {
            // Nobody touches the wall: the list turns its own page (Wall:PageSeconds), with "第 n/m 页" under it.
            await Expect(list).ToHaveAttributeAsync("data-page", page.ToString(), new() { Timeout = 60_000 });
            await Expect(wall.Locator(".wall-panel.active [data-testid=wall-list-page]")).ToHaveTextAsync($"第 {page}/{pages} 页");
            var rows = await wall.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('.wall-panel.active [data-testid=wall-list] tr')]
                  .map(r => { const b = r.getBoundingClientRect(); return `${r.dataset.code}|${b.top >= 0 && b.bottom <= innerHeight && b.right <= innerWidth}`; })
                """);
            Assert.All(rows, r => Assert.EndsWith("|true", r)); // every row of the page is inside the 1920×1080 screen
            seen.UnionWith(rows.Select(r => r.Split('|')[0]));
        }
        Assert.Equal(pending, seen.Count); // every waiting registration came round
    }

    [Fact]
    public async Task Wall_alert_strip_shows_on_every_panel_until_the_condition_clears()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var wall = await WallAsync(chromium.Browser, "/wall?rotate=5");
        var strip = wall.GetByTestId("wall-alert-strip");
        // The demo center has open alerts (rooms overrunning, overdue registrations): the strip counts what the alerts panel lists.
        var count = await strip.GetAttributeAsync("data-count");
        Assert.True(int.Parse(count!) > 0);
        foreach (var panel in WallPanels.All)
        {
            await Expect(wall.Locator($".wall-panel.active[data-panel={panel.Key}]")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
            await Expect(strip).ToBeVisibleAsync();
            await Expect(strip).ToHaveAttributeAsync("data-count", count!);
            await Expect(wall.GetByTestId("wall-alert-strip-count")).ToHaveTextAsync($"告警 {count} 条");
            var box = await strip.BoundingBoxAsync();
            Assert.True(box!.Y + box.Height <= 1080);
        }
    }
}

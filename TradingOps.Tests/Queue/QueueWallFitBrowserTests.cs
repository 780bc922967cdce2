using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Common;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Data.Queue;
using TradingOps.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Queue;

/// <summary>The wall's queue panel on a 1920×1080 wall screen with a full counter of 16 windows.</summary>
[FullLane]
public sealed class QueueWallFitBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private const int Windows = 16;

    [Theory]
    [InlineData("/wall/queues", "queue-wall-16-windows-1920x1080.png")]
    [InlineData("/wall?panel=queues", "wall-queues-16-windows-1920x1080.png")] // under the rotating wall's header
    public async Task With_16_windows_all_calling_the_queue_wall_fits_1920x1080_without_scrolling_or_clipping(string page, string screenshot)
    {
        await FillCounterAsync();
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;

        var wall = await Fixtures.Browser.SignedInAsync(browser, server.BaseAddress, "display");
        await wall.GotoAsync(new Uri(server.BaseAddress, page).ToString());
        await Fixtures.Browser.WaitInteractiveAsync(wall);
        var rows = wall.Locator("[data-testid^=wall-window-]"); // one queue panel on either page
        await Expect(rows).ToHaveCountAsync(Windows);
        await Expect(rows.Locator(".code")).ToHaveCountAsync(Windows); // every window shows the number it called
        await wall.ScreenshotAsync(new() { Animations = Microsoft.Playwright.ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath(screenshot) });
        await AssertFitsAsync(wall);
    }

    [Fact]
    public async Task With_16_windows_calling_the_hall_display_shows_the_latest_call_and_a_full_list_within_1920x1080()
    {
        await FillCounterAsync();
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;

        var hall = await Fixtures.Browser.WallSizedPageAsync(browser); // anonymous: it hangs in the public hall
        await hall.GotoAsync(new Uri(server.BaseAddress, "/queue/hall").ToString());
        await Expect(hall.GetByTestId("hall-now-code")).Not.ToHaveTextAsync("—");
        await Expect(hall.Locator("#hall-calls tr")).ToHaveCountAsync(7); // eight latest calls: one large, seven listed
        await hall.ScreenshotAsync(new() { Animations = Microsoft.Playwright.ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("queue-hall-16-windows-1920x1080.png") });
        var fit = await hall.EvaluateAsync<double[]>("""
            () => {
              const d = document.documentElement;
              const parts = [...document.querySelectorAll('#hall-calls tr, .hall-now, .hall-waiting .type, .hall-head')];
              return [d.scrollHeight, d.scrollWidth, Math.max(...parts.map(e => e.getBoundingClientRect().bottom)), Math.max(...parts.map(e => e.getBoundingClientRect().right))];
            }
            """);
        Assert.True(fit[0] <= 1080, $"the hall display scrolls: {fit[0]}px tall");
        Assert.True(fit[1] <= 1920, $"the hall display scrolls sideways: {fit[1]}px wide");
        Assert.True(fit[2] <= 1080, $"part of the hall display ends at {fit[2]}px, below the screen");
        Assert.True(fit[3] <= 1920, $"part of the hall display ends at {fit[3]}px, right of the screen");
    }

    /// <summary>Nothing of the queue panel scrolls or ends beyond the 1920×1080 screen.</summary>
    internal static async Task AssertFitsAsync(Microsoft.Playwright.IPage wall)
    {
        var fit = await wall.EvaluateAsync<double[]>("""
            () => {
              const d = document.documentElement;
              const bottoms = [...document.querySelectorAll('.qwall tr, .qwall-kpi, .qwall .panel')].map(e => e.getBoundingClientRect().bottom);
              const rights = [...document.querySelectorAll('.qwall td, .qwall th, .qwall-kpi')].map(e => e.getBoundingClientRect().right);
              return [d.scrollHeight, d.scrollWidth, Math.max(...bottoms), Math.max(...rights), innerHeight, innerWidth];
            }
            """);
        var (scrollHeight, scrollWidth, lowest, rightmost, height, width) = (fit[0], fit[1], fit[2], fit[3], fit[4], fit[5]);
        Assert.Equal(1080, height);
        Assert.Equal(1920, width);
        Assert.True(scrollHeight <= height, $"the page scrolls: {scrollHeight}px tall on a {height}px screen");
        Assert.True(scrollWidth <= width, $"the page scrolls sideways: {scrollWidth}px wide on a {width}px screen");
        Assert.True(lowest <= height, $"a row ends at {lowest}px, below the {height}px screen");
        Assert.True(rightmost <= width, $"a cell ends at {rightmost}px, right of the {width}px screen");
    }

    /// <summary>The demo center's windows plus new ones up to 16, every one signed on with a ticket called.</summary>
    private async Task FillCounterAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<QueueService>();
        List<ServiceWindow> windows;
        await using (var db = await server.Services.NewContextAsync())
        {
            windows = await db.ServiceWindows.Include(w => w.ServiceTypes).Where(w => w.InService).OrderBy(w => w.Number).ToListAsync();
            var zone = windows[0].ZoneId;
            var types = await db.ServiceTypes.Where(t => t.IsActive).OrderBy(t => t.Prefix).ToListAsync();
            for (var n = windows.Max(w => w.Number) + 1; windows.Count < Windows; n++)
            {
                var added = new ServiceWindow(zone, n, $"{n}号窗口", [types[n % types.Count]]);
                db.ServiceWindows.Add(added);
                windows.Add(added);
            }
            await db.SaveChangesAsync();
        }
        Assert.Equal(Windows, windows.Count);
        foreach (var window in windows)
        {
            queue = await server.Services.StaffWindowAsync(window.Id); // a clerk of the test's own at every window
            if (window.PauseReason is not null) await queue.ResumeAsync(window.Id);
            await queue.IssueAsync(window.ServiceTypes.First().Id, TicketChannel.Staff);
            try
            {
                await queue.CallNextAsync(window.Id);
            }
            catch (DomainException e) when (e.Code == "Window.Busy")
            {
                // already serving someone from the demo queue: busy is what this test wants
            }
        }
    }
}

/// <summary>The demo center as shipped (12 windows) on the rotating wall, under its header.</summary>
[FullLane]
public sealed class QueueWallDemoFitBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task The_demo_centers_twelve_windows_all_show_on_the_rotating_walls_queue_panel_at_1920x1080()
    {
        await using (var db = await server.Services.NewContextAsync())
            Assert.Equal(12, await db.ServiceWindows.CountAsync(w => w.InService));
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;

        var wall = await Fixtures.Browser.SignedInAsync(browser, server.BaseAddress, "display");
        await wall.GotoAsync(new Uri(server.BaseAddress, "/wall?panel=queues").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(wall);
        await Expect(wall.Locator("[data-testid^=wall-window-]")).ToHaveCountAsync(12);
        await wall.ScreenshotAsync(new() { Animations = Microsoft.Playwright.ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("wall-queues-demo-1920x1080.png") });
        await QueueWallFitBrowserTests.AssertFitsAsync(wall);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Queue;

public sealed class QueueBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();

    private async Task<IPage> SignedInAsync(IBrowser browser, string account)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/account/login"));
        await page.FillAsync("#username", account);
        await page.FillAsync("#password", IdentitySeeder.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.GetByTestId("current-user")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A service type and a window of its own, so the demo queue does not get in the way.</summary>
    private async Task<(string Prefix, int Window)> TestCounterAsync()
    {
        await using var db = await server.Services.NewContextAsync();
        var used = await db.ServiceTypes.Select(t => t.Prefix).ToListAsync();
        var prefix = "ZYXWVUT".First(p => !used.Contains(p.ToString())).ToString();
        var type = new ServiceType(prefix, "测试业务" + prefix, 90);
        var zone = await db.ServiceWindows.GroupBy(w => w.ZoneId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var number = 90 + used.Count;
        db.AddRange(type, new ServiceWindow(zone, number, $"{number}号窗口", [type]));
        await db.SaveChangesAsync();
        return (prefix, number);
    }

    [Fact]
    public async Task A_kiosk_ticket_is_called_at_a_window_shown_in_the_hall_within_2_seconds_rated_by_QR_and_counted_on_the_wall()
    {
        var (prefix, windowNumber) = await TestCounterAsync();
        var (playwright, browser) = await Fixtures.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

        // The kiosk: anonymous, one touch per service.
        var kiosk = await Fixtures.Browser.WallSizedPageAsync(browser);
        await kiosk.GotoAsync(Url("/queue/kiosk"));
        await kiosk.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("queue-kiosk-1920x1080.png") });
        await kiosk.GetByTestId($"kiosk-{prefix}").ClickAsync();
        await Expect(kiosk.GetByTestId("ticket-code")).ToHaveTextAsync($"{prefix}001");
        await Expect(kiosk.Locator(".qr svg")).ToBeVisibleAsync();
        await kiosk.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("queue-ticket-slip.png") });
        var ratePath = await kiosk.GetByTestId("rate-link").TextContentAsync();

        // The wall's queue panel (Display account) sees one waiting.
        var wall = await SignedInAsync(browser, "display");
        await wall.GotoAsync(Url("/wall/queues"));
        await Fixtures.Browser.WaitInteractiveAsync(wall);
        var wallRow = wall.GetByTestId($"wall-type-{prefix}");
        await Expect(wallRow.Locator("td").Nth(1)).ToHaveTextAsync("1");

        // The hall display: anonymous, live through its own hub.
        var hall = await Fixtures.Browser.WallSizedPageAsync(browser);
        await hall.GotoAsync(Url("/queue/hall"));
        await Expect(hall.Locator("#hall[data-live=on]")).ToBeAttachedAsync();

        // The window console: sign on, call next.
        var console = await SignedInAsync(browser, "staff");
        await console.GotoAsync(Url($"/queue/window/{windowNumber}"));
        await Fixtures.Browser.WaitInteractiveAsync(console);
        await console.GetByTestId("sign-on").ClickAsync();
        await Expect(console.GetByTestId("call-next")).ToBeEnabledAsync();
        await console.GetByTestId("call-next").ClickAsync();

        await Expect(hall.GetByTestId("hall-now-code")).ToHaveTextAsync($"{prefix}001", new() { Timeout = 2000 });
        await Expect(hall.Locator("#now-window")).ToContainTextAsync($"{windowNumber}");
        await hall.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("queue-hall-1920x1080.png") });
        await Expect(wallRow.Locator("td").Nth(1)).ToHaveTextAsync("0");

        var card = console.GetByTestId($"ticket-{prefix}001");
        await card.GetByTestId("start").ClickAsync();
        await Expect(card.GetByTestId("ticket-status")).ToHaveTextAsync("办理中");
        await console.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("queue-window-console-1920x1080.png") });
        await card.GetByTestId("finish").ClickAsync();
        await Expect(card).ToHaveCountAsync(0);

        // The visitor scans the QR code and rates.
        await kiosk.GotoAsync(Url(ratePath!));
        await kiosk.GetByTestId("level-VerySatisfied").ClickAsync();
        await kiosk.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("queue-rate.png") });
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Expect(kiosk.GetByTestId("rate-thanks")).ToBeVisibleAsync();

        // The wall reflects the served and rated ticket.
        await Expect(wallRow.Locator("td").Nth(5)).ToHaveTextAsync("100%");
        await wall.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("queue-wall-1920x1080.png") });

        await using var db = await server.Services.NewContextAsync();
        var ticket = await db.QueueTickets.SingleAsync(t => t.Code == $"{prefix}001");
        Assert.NotNull(ticket.RatedAt);
        Assert.Equal([TicketEventKind.Issued, TicketEventKind.Called, TicketEventKind.Serving, TicketEventKind.Finished, TicketEventKind.Rated],
            await db.TicketEvents.Where(e => e.TicketId == ticket.Id).OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.Kind).ToListAsync());
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Queue;

[FullLane]
public sealed class QueueBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();

    private Task<IPage> SignedInAsync(IBrowser browser, string account) =>
        Fixtures.Browser.SignedInAsync(browser, server.BaseAddress, account);

    [Fact]
    public async Task A_kiosk_ticket_is_called_at_a_window_shown_in_the_hall_within_2_seconds_rated_by_QR_and_counted_on_the_wall()
    {
        var (prefix, windowNumber) = await TestCounters.NewAsync(server.Services);
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;

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

        // The window console: sign on, call next. (The demo seats the "staff" account's record at a window of its own:
        // sign off there first, as one clerk sits at one window.)
        await TestCounters.SignOffEverywhereAsync(server.Services, "staff");
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

    [Fact]
    public async Task A_bad_rating_on_the_counter_pad_opens_a_follow_up_that_a_supervisor_closes()
    {
        var (prefix, windowNumber) = await TestCounters.NewAsync(server.Services);
        using (var scope = server.Services.CreateScope())
        {
            await using var db = await server.Services.NewContextAsync();
            var type = await db.ServiceTypes.SingleAsync(t => t.Prefix == prefix);
            var window = await db.ServiceWindows.SingleAsync(w => w.Number == windowNumber);
            var queue = await server.Services.StaffWindowAsync(window.Id);
            await queue.IssueAsync(type.Id, TicketChannel.Staff);
            var called = (await queue.CallNextAsync(window.Id))!;
            await queue.StartServingAsync(called.Id);
            await queue.FinishAsync(called.Id, ServiceOutcome.IncompleteMaterials, "缺营业执照副本");
        }
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;

        // The counter tablet is paired once: an admin pairs it with the window, someone types the code on it.
        var paired = await DeviceKit.PairAsync(server.Services, TradingOps.Core.Devices.DeviceKind.RatingPad, $"{windowNumber}号窗口评价器", windowNumber);
        var pad = await Fixtures.Browser.WallSizedPageAsync(browser);
        await pad.GotoAsync(Url($"/queue/pad/{windowNumber}"));
        await Expect(pad.GetByTestId("device-pairing")).ToBeVisibleAsync();
        await Expect(pad.GetByText($"{prefix}001")).ToHaveCountAsync(0);
        await pad.GetByLabel("配对码").FillAsync(paired.Secret);
        await pad.GetByRole(AriaRole.Button, new() { Name = "配对" }).ClickAsync();
        await Expect(pad.GetByText($"{prefix}001")).ToBeVisibleAsync();
        await pad.GetByTestId("level-Dissatisfied").ClickAsync();
        await pad.GetByLabel("告知不清楚").CheckAsync();
        await pad.GetByLabel("意见和建议（选填）").FillAsync("材料清单没有一次说清");
        await pad.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("queue-rating-pad-1920x1080.png") });
        await pad.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Expect(pad.GetByText("感谢您的评价！")).ToBeVisibleAsync();

        var supervisor = await SignedInAsync(browser, "supervisor");
        await supervisor.GotoAsync(Url($"/queue/followups?q={prefix}001")); // the filter in the URL: the list is paged
        await Fixtures.Browser.WaitInteractiveAsync(supervisor);
        var row = supervisor.Locator("tr", new() { HasText = $"{prefix}001" });
        await Expect(row).ToContainTextAsync("告知不清楚");
        await supervisor.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("queue-followups-1920x1080.png") });
        await row.GetByLabel("回访/整改情况").FillAsync("已电话回访致歉，窗口补充材料清单");
        await row.GetByRole(AriaRole.Button, new() { Name = "整改关闭" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);

        await using var check = await server.Services.NewContextAsync();
        var followUp = await check.RatingFollowUps.Join(check.QueueTickets, f => f.TicketId, t => t.Id, (f, t) => new { f, t.Code })
            .SingleAsync(x => x.Code == $"{prefix}001");
        Assert.Equal("已电话回访致歉，窗口补充材料清单", followUp.f.Resolution);
        Assert.NotNull(followUp.f.ClosedAt);
    }

    [Fact]
    public async Task The_queue_overview_and_the_setup_page_render_for_their_roles()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var admin = await SignedInAsync(browser, "admin");
        await admin.GotoAsync(Url("/queue"));
        await Fixtures.Browser.WaitInteractiveAsync(admin);
        await Expect(admin.GetByTestId("kpi-waiting")).ToBeVisibleAsync();
        await admin.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("queue-overview-1920x1080.png") });
        await admin.GotoAsync(Url("/admin/queue-setup"));
        await Fixtures.Browser.WaitInteractiveAsync(admin);
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "业务与窗口设置" })).ToBeVisibleAsync();
        await admin.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("queue-setup-1920x1080.png") });
    }
}

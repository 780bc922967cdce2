using Microsoft.Playwright;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Security;

/// <summary>A server whose pages report activity every second instead of every minute.</summary>
public sealed class ActivityPingServer() : TradingOpsServer(new Dictionary<string, string> { ["Security:ActivityPingSeconds"] = "1" });

/// <summary>
/// A live console talks to the server over its circuit only; session-activity.js is what tells the server a
/// person is still there, so that idle staff consoles can be signed out while busy ones are not.
/// </summary>
[FullLane]
public sealed class SessionActivityBrowserTests(ActivityPingServer server) : IClassFixture<ActivityPingServer>
{
    [Fact]
    public async Task A_click_on_a_staff_console_is_reported_to_the_server_and_nothing_is_sent_without_one()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var page = await Fixtures.Browser.SignedInAsync(browser, server.BaseAddress, "staff");
        await page.GotoAsync(new Uri(server.BaseAddress, "/projects").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);

        var pings = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/account/activity", StringComparison.Ordinal)) Interlocked.Increment(ref pings);
        };
        // Three ping intervals without input: the page stays quiet.
        await page.WaitForTimeoutAsync(3000);
        Assert.Equal(0, Volatile.Read(ref pings));

        var ping = page.WaitForResponseAsync(r => r.Url.EndsWith("/account/activity", StringComparison.Ordinal),
            new PageWaitForResponseOptions { Timeout = 5000 });
        await page.Mouse.ClickAsync(900, 600);
        Assert.Equal(204, (await ping).Status);
    }

    [Fact]
    public async Task A_wall_screen_does_not_report_activity()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var page = await Fixtures.Browser.SignedInAsync(browser, server.BaseAddress, "display");
        await page.GotoAsync(new Uri(server.BaseAddress, "/wall").ToString());
        Assert.Equal(0, await page.Locator("script[src*='session-activity']").CountAsync());
    }
}

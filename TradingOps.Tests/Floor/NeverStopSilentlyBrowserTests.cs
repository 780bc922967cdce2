using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Playwright;
using TradingOps.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Floor;

/// <summary>
/// Issue 15, item 4: hall displays, door plates and the public occupancy page never stop silently. A feed that
/// answers 429 or 5xx is retried after a back-off that honours Retry-After, and the screen shows
/// "数据可能不是最新 · 最后更新 hh:mm:ss" until the feed answers again. The failures are made in the browser
/// (Playwright route interception), the recovery is the real feed.
/// </summary>
[FullLane]
public sealed class NeverStopSilentlyBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 20000 };

    [Fact]
    public async Task A_hall_display_refused_with_429_then_500_backs_off_as_Retry_After_asks_shows_it_is_stale_and_recovers_by_itself()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var hall = await Fixtures.Browser.WallSizedPageAsync(chromium.Browser);
        var failing = true;
        var refused = new ConcurrentQueue<(long At, int Status)>();
        await hall.RouteAsync("**/api/queue/hall/**", async route =>
        {
            if (!failing)
            {
                await route.ContinueAsync();
                return;
            }
            // First a rate limit asking for 3 seconds, then server errors without Retry-After.
            var status = refused.IsEmpty ? 429 : 500;
            refused.Enqueue((Stopwatch.GetTimestamp(), status));
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = status,
                ContentType = "application/problem+json",
                Body = "{\"title\":\"请求过于频繁，请稍后再试\"}",
                Headers = status == 429 ? new Dictionary<string, string> { ["Retry-After"] = "3" } : null,
            });
        });

        await hall.GotoAsync(new Uri(server.BaseAddress, "/queue/hall").ToString());
        var stale = hall.GetByTestId("hall-stale");
        await Expect(stale).ToBeVisibleAsync(Soon);
        await Expect(stale).ToContainTextAsync("数据可能不是最新");
        await Expect(stale).ToContainTextAsync("最后更新");
        await Eventually.FoundAsync(() => Task.FromResult(refused.Count >= 2 ? "retried" : null), TimeSpan.FromSeconds(15),
            "the hall display tries again after the 429");

        var attempts = refused.ToArray();
        Assert.Equal(429, attempts[0].Status);
        Assert.True(Stopwatch.GetElapsedTime(attempts[0].At, attempts[1].At) >= TimeSpan.FromSeconds(2.9),
            $"the retry came {Stopwatch.GetElapsedTime(attempts[0].At, attempts[1].At).TotalSeconds:0.0} s after a 429 that asked for 3 s");
        await Expect(stale).ToBeVisibleAsync(); // still stale while the feed fails
        await hall.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("queue-hall-stale-1920x1080.png") });

        failing = false;
        await Expect(stale).ToBeHiddenAsync(new() { Timeout = 20000 });
        await Expect(hall.Locator("body")).ToHaveAttributeAsync("data-live-stale", "off");
    }

    [Fact]
    public async Task A_door_plate_whose_refresh_fails_shows_it_is_stale_with_its_last_update_and_recovers_by_itself()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var plate = await Fixtures.Browser.WallSizedPageAsync(chromium.Browser);
        var failing = true;
        var refused = 0;
        await plate.RouteAsync("**/doorplate/**", async route =>
        {
            var refresh = route.Request.Headers.ContainsKey("x-floor-refresh");
            if (!refresh || !failing)
            {
                await route.ContinueAsync();
                return;
            }
            Interlocked.Increment(ref refused);
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 503,
                ContentType = "text/html; charset=utf-8",
                Body = "<html><body>数据库暂时不可用</body></html>",
                Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
            });
        });

        await plate.GotoAsync(new Uri(server.BaseAddress, "/doorplate/K201").ToString());
        var stale = plate.GetByTestId("live-stale");
        await Expect(stale).ToBeVisibleAsync(Soon); // the refresh after the hub connects was refused
        await Expect(stale).ToContainTextAsync("数据可能不是最新 · 最后更新");
        await Eventually.FoundAsync(() => Task.FromResult(Volatile.Read(ref refused) >= 2 ? "retried" : null), TimeSpan.FromSeconds(15),
            "the door plate tries again by itself");
        await Expect(plate.GetByTestId("plate")).ToBeVisibleAsync(); // the last good plate stays on screen

        failing = false;
        await Expect(stale).ToBeHiddenAsync(new() { Timeout = 20000 });
    }

    [Fact]
    public async Task A_wall_whose_server_refuses_waits_as_Retry_After_asks_and_never_reloads_into_an_error_page()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var wall = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "display");
        await wall.GotoAsync(new Uri(server.BaseAddress, "/wall?panel=floor").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(wall);

        var healthFailing = true;
        var pageFailing = true;
        var health = new ConcurrentQueue<long>();
        var pageRefusals = 0;
        await wall.RouteAsync("**/health/live", async route =>
        {
            if (!healthFailing) { await route.ContinueAsync(); return; }
            var first = health.IsEmpty;
            health.Enqueue(Stopwatch.GetTimestamp());
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = first ? 429 : 500,
                Body = "busy",
                Headers = first ? new Dictionary<string, string> { ["Retry-After"] = "4" } : null,
            });
        });
        await wall.RouteAsync(new System.Text.RegularExpressions.Regex(@"/wall\?panel=floor$"), async route =>
        {
            if (!pageFailing) { await route.ContinueAsync(); return; }
            Interlocked.Increment(ref pageRefusals);
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 503, ContentType = "text/html; charset=utf-8", Body = "<html><body>error page</body></html>",
                Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
            });
        });

        // The circuit is lost and the server no longer knows it (what a restart does), as Blazor reports it.
        await wall.EvaluateAsync(@"() => {
            window.beforeReload = true;
            Blazor.reconnect = async () => false;
            document.getElementById('components-reconnect-modal').classList.add('components-reconnect-failed');
        }");
        await Expect(wall.Locator("body")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("wall-stale"));
        await Eventually.FoundAsync(() => Task.FromResult(health.Count >= 2 ? "retried" : null), TimeSpan.FromSeconds(15),
            "the wall asks the server again after the 429");
        var asked = health.ToArray();
        Assert.True(Stopwatch.GetElapsedTime(asked[0], asked[1]) >= TimeSpan.FromSeconds(3.9),
            $"the wall came back {Stopwatch.GetElapsedTime(asked[0], asked[1]).TotalSeconds:0.0} s after a 429 that asked for 4 s");

        // The server answers again but the wall page itself is refused: the wall keeps what it shows, stale, and waits.
        healthFailing = false;
        await Eventually.FoundAsync(() => Task.FromResult(Volatile.Read(ref pageRefusals) >= 1 ? "refused" : null), TimeSpan.FromSeconds(30),
            "the wall checks that its page answers before reloading");
        Assert.True(await wall.EvaluateAsync<bool>("() => window.beforeReload === true"), "the wall did not reload into the error page");
        await Expect(wall.Locator("body")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("wall-stale"));

        pageFailing = false;
        await Eventually.FoundAsync<string>(async () =>
        {
            try { return await wall.EvaluateAsync<bool>("() => window.beforeReload === undefined") ? "reloaded" : null; }
            catch (PlaywrightException) { return null; } // navigating
        }, TimeSpan.FromSeconds(30), "the wall reloads once its page answers");
        await Fixtures.Browser.WaitInteractiveAsync(wall);
        await Expect(wall.Locator("body")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("wall-stale"), new() { Timeout = 20000 });
    }
}

using Microsoft.Playwright;
using TradingOps.Core.Floor;
using TradingOps.Data.Floor;
using TradingOps.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Floor;

[FullLane]
public sealed class WallBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task A_session_started_by_staff_in_another_browser_turns_the_wall_tile_within_two_seconds()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;

        var wall = await FloorTestSupport.SignedInAsync(browser, server.BaseAddress, "display");
        await wall.GotoAsync(new Uri(server.BaseAddress, "/wall?panel=floor").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(wall);
        var wallTile = wall.GetByTestId("tile-T322");
        await Expect(wallTile).ToHaveAttributeAsync("data-state", nameof(RoomState.Upcoming));
        await Expect(wall.GetByTestId("tile-K202")).ToHaveAttributeAsync("data-state", nameof(RoomState.Overrunning));

        var staff = await FloorTestSupport.SignedInAsync(browser, server.BaseAddress, "staff");
        await staff.GotoAsync(new Uri(server.BaseAddress, "/floor").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(staff);
        await staff.GetByTestId("Start-T322").ClickAsync();

        await Expect(wallTile).ToHaveAttributeAsync("data-state", nameof(RoomState.InSession), new() { Timeout = 2000 });
        await Expect(staff.GetByTestId("tile-T322")).ToHaveAttributeAsync("data-state", nameof(RoomState.InSession));
        await Expect(wall.Locator("body")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("wall-stale"));

        var scrolls = await wall.EvaluateAsync<bool>("() => document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth");
        Assert.False(scrolls, "the wall fits 1920x1080 without scrollbars");
        await wall.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("floor-wall-1920x1080.png") });
        await staff.EvaluateAsync("() => window.scrollTo(0, 0)");
        await staff.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("floor-board-1920x1080.png") });

        await wall.GotoAsync(new Uri(server.BaseAddress, "/wall?panel=timeline").ToString());
        await Expect(wall.GetByTestId("timeline-K201")).ToBeVisibleAsync();
        await wall.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("floor-wall-timeline-1920x1080.png") });
        await wall.GotoAsync(new Uri(server.BaseAddress, "/wall?panel=alerts").ToString());
        await Expect(wall.GetByTestId("alert-K202")).ToBeVisibleAsync();
        await wall.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("floor-wall-alerts-1920x1080.png") });
    }

    [Fact]
    public async Task The_wall_rotates_its_panels_on_the_configured_interval_by_itself()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var wall = await FloorTestSupport.SignedInAsync(browser, server.BaseAddress, "duty");
        await wall.GotoAsync(new Uri(server.BaseAddress, "/wall?rotate=5").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(wall);
        await Expect(wall.GetByTestId("wall-panel-title")).ToHaveTextAsync("场地总览");
        await Expect(wall.GetByTestId("wall-panel-title")).ToHaveTextAsync("今日场地时间轴", new() { Timeout = 10_000 });
        await Expect(wall.Locator(".wall-panel.active")).ToHaveAttributeAsync("data-panel", "timeline");
    }

    [Fact]
    public async Task Extending_a_session_shows_the_later_booking_it_would_hit_before_saving()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var running = await FloorTestSupport.BookingAsync(server.Services, "K201", SessionPhase.InSession);
        var staff = await FloorTestSupport.SignedInAsync(browser, server.BaseAddress, "duty");
        await staff.GotoAsync(new Uri(server.BaseAddress, "/floor").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(staff);

        await staff.GetByTestId("Extend-K201").ClickAsync();
        await staff.GetByTestId("extend-60").ClickAsync();
        await Expect(staff.GetByTestId("extend-hits")).ToContainTextAsync("将与以下预约冲突");
        await Expect(staff.GetByTestId("extend-confirm")).ToBeDisabledAsync();
        await staff.GetByTestId("extend-15").ClickAsync();
        await Expect(staff.GetByTestId("extend-hits")).ToHaveCountAsync(0);
        await Expect(staff.GetByTestId("extend-confirm")).ToBeDisabledAsync(); // no reason yet
        await staff.Locator("input[data-testid=extend-reason], [data-testid=extend-reason] input").First.FillAsync("评标专家要求延长");
        await staff.GetByTestId("extend-confirm").ClickAsync();

        var newEnd = TradingOps.Web.Fmt.Time(running.EndsAt.AddMinutes(15));
        await Expect(staff.GetByTestId("tile-K201")).ToContainTextAsync(newEnd);
        var stored = await FloorTestSupport.BookingAsync(server.Services, "K201", SessionPhase.InSession);
        Assert.Equal(BookingStatus.Extended, stored.Status);
    }

    [Fact]
    public async Task A_door_plate_opens_anonymously_and_follows_its_room_without_reload()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var plate = await Fixtures.Browser.WallSizedPageAsync(browser);
        await plate.GotoAsync(new Uri(server.BaseAddress, "/doorplate/K203").ToString());
        await Expect(plate.GetByTestId("plate-state")).ToHaveAttributeAsync("data-state", nameof(RoomState.Suspended));

        var booking = await FloorTestSupport.BookingAsync(server.Services, "K203", SessionPhase.Suspended);
        await FloorTestSupport.CommandAsync(server.Services, booking.Id, SessionCommand.Resume);

        await Expect(plate.GetByTestId("plate-state")).ToHaveAttributeAsync("data-state", nameof(RoomState.InSession));
        await plate.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("floor-doorplate-1920x1080.png") });

        var occupancy = await Fixtures.Browser.WallSizedPageAsync(browser);
        await occupancy.GotoAsync(new Uri(server.BaseAddress, "/public/occupancy").ToString());
        await Expect(occupancy.GetByTestId("public-K201")).ToBeVisibleAsync();
        await occupancy.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("floor-public-1920x1080.png") });
    }
}

[FullLane]
public sealed class WallRestartTests(RestartableServer server) : IClassFixture<RestartableServer>
{
    [Fact]
    public async Task After_a_server_restart_the_open_wall_shows_current_data_again_within_twenty_seconds_with_no_click()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var wall = await FloorTestSupport.SignedInAsync(browser, server.BaseAddress, "display");
        await wall.GotoAsync(new Uri(server.BaseAddress, "/wall?panel=floor").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(wall);
        var tile = wall.GetByTestId("tile-K205");
        await Expect(tile).ToHaveAttributeAsync("data-state", nameof(RoomState.Upcoming));

        await server.StopAsync();
        try
        {
            await Expect(wall.GetByTestId("stale-badge")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        }
        catch (PlaywrightException e)
        {
            var info = await wall.EvaluateAsync<string>("() => document.body.className + '|' + document.body.dataset.live + '|' + (document.getElementById('components-reconnect-modal')?.className) + '|' + document.querySelectorAll('link[rel=stylesheet]').length");
            throw new Xunit.Sdk.XunitException(info + "\n" + e.Message);
        }
        await wall.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("floor-wall-stale-1920x1080.png") });

        await server.StartAgainAsync();
        var booking = await FloorTestSupport.BookingAsync(server.Services, "K205", SessionPhase.CheckedIn);
        await FloorTestSupport.CommandAsync(server.Services, booking.Id, SessionCommand.Start);

        await Expect(tile).ToHaveAttributeAsync("data-state", nameof(RoomState.InSession), new() { Timeout = 20_000 });
        await Expect(wall.GetByTestId("stale-badge")).ToBeHiddenAsync();
        Assert.EndsWith("/wall?panel=floor", wall.Url);
    }
}

[FullLane]
public sealed class BookingBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task A_clerk_books_a_free_room_and_a_second_booking_of_the_same_slot_is_refused_naming_the_first()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var page = await FloorTestSupport.SignedInAsync(browser, server.BaseAddress, "staff");
        await page.GotoAsync(new Uri(server.BaseAddress, "/floor/book").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("free-slots")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("floor-book-1920x1080.png") });

        await BookAsync(page, "GC-2026-TEST01");
        await Expect(page.GetByText("已预约 GC-2026-TEST01")).ToBeVisibleAsync();
        await BookAsync(page, "GC-2026-TEST02");
        await Expect(page.GetByTestId("book-error")).ToContainTextAsync("GC-2026-TEST01");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("floor-book-conflict-1920x1080.png") });
    }

    private static async Task BookAsync(IPage page, string code)
    {
        await page.Locator(".book-room-select").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("K210 拍卖厅").ClickAsync();
        // The select closes and takes focus back after the server handled the choice; typing before that can lose
        // the first field's change event.
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await page.GetByLabel("项目编号").FillAsync(code);
        await Expect(page.GetByLabel("项目编号")).ToHaveValueAsync(code);
        await page.GetByLabel("项目名称").FillAsync("示范市国有资产拍卖");
        await page.GetByTestId("book-submit").ClickAsync();
    }
}

[FullLane]
public sealed class DoorPlateRefreshTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task A_change_announced_while_the_plate_is_still_fetching_is_fetched_again_not_dropped()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var plate = await Fixtures.Browser.WallSizedPageAsync(browser);

        // The plate's first refresh (after joining the room's hub group) is answered with the floor as it was
        // before the change, and held back until the change's push has reached the page.
        var fetched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refreshes = 0;
        await plate.RouteAsync("**/doorplate/K203", async route =>
        {
            if (!route.Request.Headers.ContainsKey("x-floor-refresh") || Interlocked.Increment(ref refreshes) > 1)
            {
                await route.ContinueAsync();
                return;
            }
            var before = await route.FetchAsync();
            fetched.TrySetResult();
            await release.Task;
            await route.FulfillAsync(new() { Response = before });
        });
        var pushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        plate.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            if (frame.Text?.Contains("FloorChanged") == true) pushed.TrySetResult();
        };

        await plate.GotoAsync(new Uri(server.BaseAddress, "/doorplate/K203").ToString());
        await fetched.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var booking = await FloorTestSupport.BookingAsync(server.Services, "K203", SessionPhase.Suspended);
        await FloorTestSupport.CommandAsync(server.Services, booking.Id, SessionCommand.Resume);
        await pushed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        release.SetResult();

        // Well before the 30 s poll: the page fetched once more after the stale answer.
        await Expect(plate.GetByTestId("plate-state")).ToHaveAttributeAsync("data-state", nameof(RoomState.InSession), new() { Timeout = 5000 });
    }
}

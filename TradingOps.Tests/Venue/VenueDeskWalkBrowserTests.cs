using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;
using TradingOps.Core.Organisation;
using TradingOps.Data.Floor;
using TradingOps.Tests.Fixtures;
using TradingOps.Tests.Floor;
using TradingOps.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Venue;

/// <summary>
/// The venue desk's day in one walk, in a browser over the demo center: the week grid, a booking opened from it and
/// rescheduled, its room taken out of service, and the proposals for every booking hit accepted at once.
/// </summary>
[FullLane]
public sealed class VenueDeskWalkBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    private async Task<RoomBooking> BookAsync(Room room, DateOnly day, TimeOnly from, TimeOnly until, string code)
    {
        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("walk-desk"));
        return await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(new BookingRequest(room.Id, null, code,
            "市政道路改造工程施工招标", "云南某招标代理有限公司", BookingPurpose.BidOpening, 30, CenterTime.At(day, from), CenterTime.At(day, until),
            "李敏", "13812345678", "limin@example.cn"));
    }

    [Fact]
    public async Task A_desk_clerk_opens_a_booking_from_the_week_grid_reschedules_it_takes_its_room_out_of_service_and_accepts_every_proposal()
    {
        // A day with no demo bookings (the demo floor is today, its planned repair the next working morning).
        var day = CenterTime.Today(TimeProvider.System).AddDays(9);
        Room room;
        await using (var db = await server.Services.NewContextAsync())
            room = await db.Rooms.SingleAsync(r => r.Code == "K203");
        var morning = await BookAsync(room, day, new(9, 0), new(10, 0), "GC-WALK-0001");
        var afternoon = await BookAsync(room, day, new(14, 0), new(15, 30), "GC-WALK-0002");

        await using var chromium = await Fixtures.Browser.OpenAsync();
        var desk = await FloorTestSupport.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        var shot = (string name) => desk.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath(name) });

        // 1. The week of that day: the booking is a block of K203's row; it opens the booking's page.
        await desk.GotoAsync(new Uri(server.BaseAddress, $"/venue/schedule?date={day:yyyy-MM-dd}&view=week").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(desk);
        await Expect(desk.GetByTestId($"block-{morning.Id}")).ToBeVisibleAsync();
        await shot("venue-walk-1-week.png");
        await desk.GetByTestId($"block-{morning.Id}").ClickAsync();
        await Expect(desk).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/venue/bookings/{morning.Id}$"));
        await Fixtures.Browser.WaitInteractiveAsync(desk);

        // 2. Rescheduled an hour and a half later, with its reason; the page and its history say so.
        await desk.GetByTestId("action-reschedule").ClickAsync();
        await Input(desk, "change-from").FillAsync("10:30");
        await Input(desk, "change-until").FillAsync("11:30");
        await Input(desk, "change-reason").FillAsync("代理机构申请推迟开标");
        await Expect(desk.GetByTestId("change-free")).ToBeVisibleAsync();
        await shot("venue-walk-2-reschedule.png");
        await desk.GetByTestId("change-save").ClickAsync();
        await Expect(desk.GetByTestId("booking-time")).ToContainTextAsync("10:30-11:30");
        await Expect(desk.GetByTestId("history-row").Last).ToContainTextAsync("代理机构申请推迟开标");

        // 3. K203 out of service for the whole day: both bookings are hit, each with a proposal.
        await desk.GotoAsync(new Uri(server.BaseAddress, $"/venue/outages?room={room.Id}").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(desk);
        await Input(desk, "outage-from").FillAsync($"{day:yyyy-MM-dd} 08:00");
        await Input(desk, "outage-until").FillAsync($"{day:yyyy-MM-dd} 18:00");
        await Input(desk, "outage-reason").FillAsync("开标系统服务器更换（浏览器测试）");
        await desk.GetByTestId("outage-create").ClickAsync();
        await Expect(desk).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/venue/outages/[0-9a-f-]+$"));
        await Expect(desk.GetByTestId("proposal-GC-WALK-0001")).ToBeVisibleAsync();
        await Expect(desk.GetByTestId("proposal-GC-WALK-0002")).ToBeVisibleAsync();
        await shot("venue-walk-3-outage.png");

        // 4. Every proposal accepted at once: both bookings leave K203, and the agency is told.
        await desk.GetByTestId("proposals-accept-all").ClickAsync();
        await Expect(desk.GetByTestId("proposals-message")).ToContainTextAsync("已按建议调整 2 个预约");
        await shot("venue-walk-4-accepted.png");

        await using var check = await server.Services.NewContextAsync();
        var moved = await check.RoomBookings.AsNoTracking().Where(b => b.Id == morning.Id || b.Id == afternoon.Id).ToListAsync();
        Assert.All(moved, b => Assert.NotEqual(room.Id, b.RoomId));
        Assert.Equal(2, await check.OutboxMessages.CountAsync(m => m.Kind == NotificationKind.ProposalAccepted && m.Channel == NotificationChannel.Sms
                                                                   && (m.BookingId == morning.Id || m.BookingId == afternoon.Id)));
    }
}

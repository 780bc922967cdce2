using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Core.Floor;
using TradingOps.Data.Floor;
using TradingOps.Web.Infrastructure;
using TradingOps.Core.Common;
using TradingOps.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Floor;

/// <summary>The demo center with its real opening hours (07:30-21:30), for a booking form as the desk sees it.</summary>
public sealed class OpeningHoursServer() : TradingOpsServer(new Dictionary<string, string> { ["Floor:OpensAt"] = "07:30", ["Floor:ClosesAt"] = "21:30" });

[FullLane]
public sealed class BookRoomBrowserTests(OpeningHoursServer server) : IClassFixture<OpeningHoursServer>
{
    [Fact]
    public async Task The_grids_link_opens_the_form_on_that_day_with_every_fitting_rooms_free_slots_and_names_the_conflict_before_saving()
    {
        var day = CenterTime.Today(TimeProvider.System).AddDays(1);
        var (room, blocker) = await BookFirstFreeAsync(day);
        var link = $"/floor/book?date={day:yyyy-MM-dd}&room={room}&from=13:20&until=14:20";

        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await FloorTestSupport.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        await page.GotoAsync(new Uri(server.BaseAddress, link).ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);

        await Expect(page.GetByTestId("free-slots")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("slot-refused")).ToContainTextAsync(blocker);
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, FullPage = false,
            Path = Fixtures.Browser.ScreenshotPath("floor-book-availability-1920x1080.png") });
    }

    /// <summary>A bid opening 13:00-14:00 on the day in the first K room that takes it (the demo floor has some taken).</summary>
    private async Task<(Guid Room, string Code)> BookFirstFreeAsync(DateOnly day)
    {
        List<Guid> rooms;
        await using (var db = await server.Services.NewContextAsync())
            rooms = await db.Rooms.Where(r => r.Code.StartsWith("K2") && r.InService).OrderBy(r => r.Code).Select(r => r.Id).ToListAsync();
        foreach (var room in rooms)
        {
            await using var scope = server.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test-clerk"));
            try
            {
                await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(new BookingRequest(room, null, "GC-2026-SHOT01", "示范市政道路改造工程",
                    "华信招标代理有限公司", BookingPurpose.BidOpening, 20, CenterTime.At(day, new(13, 0)), CenterTime.At(day, new(14, 0))));
                return (room, "GC-2026-SHOT01");
            }
            catch (DomainException)
            {
                // taken: the next room
            }
        }
        throw new InvalidOperationException("no K room free tomorrow 13:00-14:00 in the demo center");
    }
}

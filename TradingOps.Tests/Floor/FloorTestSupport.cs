using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Core.Floor;
using TradingOps.Data.Floor;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;
using TradingOps.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Floor;

internal static class FloorTestSupport
{
    public static Task<IPage> SignedInAsync(IBrowser browser, Uri baseAddress, string account) =>
        Fixtures.Browser.SignedInAsync(browser, baseAddress, account);

    /// <summary>The booking of a room in the given session phase (the demo floor has one in each room it names).</summary>
    public static async Task<RoomBooking> BookingAsync(IServiceProvider services, string roomCode, SessionPhase phase)
    {
        await using var db = await services.NewContextAsync();
        var room = await db.Rooms.SingleAsync(r => r.Code == roomCode);
        return await db.RoomBookings.Where(b => b.RoomId == room.Id && b.Phase == phase).OrderBy(b => b.StartsAt).FirstAsync();
    }

    /// <summary>A session command as a clerk gives it on the server (not through a browser).</summary>
    public static async Task CommandAsync(IServiceProvider services, Guid bookingId, SessionCommand command)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test-clerk"));
        await scope.ServiceProvider.GetRequiredService<BookingService>().SessionAsync(bookingId, command, "现场暂停");
    }
}

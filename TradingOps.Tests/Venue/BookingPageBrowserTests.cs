using Microsoft.Playwright;
using TradingOps.Core.Floor;
using TradingOps.Tests.Fixtures;
using TradingOps.Tests.Floor;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Venue;

/// <summary>The booking page in a browser over the demo center: reached from the floor board, changed through its dialogs.</summary>
[FullLane]
public sealed class BookingPageBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    [Fact]
    public async Task A_booking_on_the_floor_board_opens_its_page_where_a_move_is_previewed_and_a_cancellation_needs_a_reason()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var staff = await FloorTestSupport.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        var booked = await FloorTestSupport.BookingAsync(server.Services, "P306", SessionPhase.NotStarted);
        await staff.GotoAsync(new Uri(server.BaseAddress, "/floor").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(staff);

        await staff.GetByTestId("open-P306").ClickAsync();
        await Expect(staff).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/venue/bookings/{booked.Id}$"));
        await Fixtures.Browser.WaitInteractiveAsync(staff);
        await Expect(staff.GetByTestId("booking-room")).ToContainTextAsync("P306");
        await Expect(staff.GetByTestId("history-row").First).ToContainTextAsync("预约");
        await staff.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("venue-booking-page-1920x1080.png") });

        await staff.GetByTestId("action-reschedule").ClickAsync();
        // The preview answers at once (its own slot: free, or outside opening hours when the demo floor runs late).
        await Expect(staff.Locator("[data-testid=change-free], [data-testid=change-refusal]")).ToBeVisibleAsync();
        await Input(staff, "change-from").FillAsync("23:00");
        await Input(staff, "change-until").FillAsync("22:00");
        await Input(staff, "change-reason").FillAsync("代理机构申请改到晚上");
        await Expect(staff.GetByTestId("change-refusal")).ToContainTextAsync("结束时间必须晚于开始时间"); // refused whatever the hour
        await Expect(staff.GetByTestId("change-save")).ToBeDisabledAsync();
        await staff.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("venue-booking-reschedule-1920x1080.png") });
        await staff.GetByTestId("change-close").ClickAsync();

        await staff.GetByTestId("action-cancel").ClickAsync();
        await Expect(staff.GetByTestId("change-save")).ToBeDisabledAsync();
        await Input(staff, "change-reason").FillAsync("招标人通知项目暂停（浏览器测试）");
        await staff.GetByTestId("change-save").ClickAsync();
        await Expect(staff.GetByTestId("booking-status")).ToHaveTextAsync("已取消");
        await Expect(staff.GetByTestId("history-row").Last).ToContainTextAsync("项目暂停");
    }
}

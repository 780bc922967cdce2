using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Evaluation;
using TradingOps.Data;
using TradingOps.Tests.Fixtures;
using TradingOps.Tests.Floor;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Evaluation;

/// <summary>The demo's drawn sessions in a browser: the sealed session page (codes only), the fairness review, one call.</summary>
[FullLane]
public sealed class DrawBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task A_demo_session_shows_codes_before_the_start_its_rounds_verify_and_the_caller_sees_one_name()
    {
        Guid bookingId;
        await using (var db = await server.Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync())
        {
            var now = DateTimeOffset.UtcNow;
            bookingId = await db.DrawRequests.Where(r => r.Status == DrawRequestStatus.Drawn && r.StartsAt > now
                    && db.CommitteeMembers.Any(m => m.BookingId == r.BookingId && m.Outcome == CallOutcome.Pending))
                .OrderBy(r => r.StartsAt).Select(r => r.BookingId).FirstAsync();
        }
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await FloorTestSupport.SignedInAsync(chromium.Browser, server.BaseAddress, "supervisor");
        await page.SetViewportSizeAsync(1920, 1080);

        await page.GotoAsync(new Uri(server.BaseAddress, $"/evaluation/sessions/{bookingId}").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("session-status")).ToContainTextAsync("已抽取");
        await Expect(page.GetByTestId("draw-result")).ToContainTextAsync("E0");
        await Expect(page.GetByTestId("member-row").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, FullPage = true, Path = Fixtures.Browser.ScreenshotPath("draw-session-1920x1080.png") });

        await page.GetByTestId("session-rounds").ClickAsync();
        await Expect(page.GetByTestId("round-verified").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("round-problem")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, FullPage = true, Path = Fixtures.Browser.ScreenshotPath("draw-rounds-1920x1080.png") });

        await page.GotoAsync(new Uri(server.BaseAddress, $"/evaluation/sessions/{bookingId}/calls").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await page.GetByTestId("call-next").ClickAsync();
        await Expect(page.GetByTestId("call-name")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("call-phone")).ToContainTextAsync("1");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("draw-call-1920x1080.png") });
        await page.GetByTestId("call-accepted").ClickAsync();
        await Expect(page.GetByTestId("call-name")).ToHaveCountAsync(0); // the name leaves the screen with the call
    }
}

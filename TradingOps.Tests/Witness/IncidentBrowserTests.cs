using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TradingOps.Core.Floor;
using TradingOps.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Witness;

/// <summary>A witness raises a system-failure incident from a running bid opening and suspends it, as a user does (issue 19 item 3).</summary>
[FullLane]
public sealed class IncidentBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private const string Reason = "解密服务器无响应需重启";

    [Fact]
    public async Task A_system_failure_raised_from_a_session_suspends_it_tells_every_party_and_shows_suspended_without_its_reason_on_the_door_plate()
    {
        string roomCode;
        Guid bookingId;
        await using (var db = await server.Services.NewContextAsync())
        {
            var running = await (from b in db.RoomBookings
                                 join r in db.Rooms on b.RoomId equals r.Id
                                 where b.Phase == SessionPhase.InSession && b.Purpose == BookingPurpose.BidOpening
                                 orderby r.Code
                                 select new { b.Id, r.Code }).FirstAsync();
            (bookingId, roomCode) = (running.Id, running.Code);
        }

        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync(new Uri(server.BaseAddress, $"/venue/bookings/{bookingId}").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await page.GetByTestId("booking-incident").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/witness/incidents/new\\?booking={bookingId}"));
        await Fixtures.Browser.WaitInteractiveAsync(page);

        await page.GetByTestId("category-SystemFailure").ClickAsync();
        await Expect(page.GetByTestId("incident-checklist")).ToContainTextAsync("通知技术保障人员");
        await Expect(page.GetByTestId("incident-reason")).ToBeVisibleAsync(); // "suspend now" is ticked for a system failure: its reason is asked
        await page.GetByTestId("incident-description").FillAsync("开标解密阶段电子开标系统无响应，投标人无法解密");
        await page.GetByTestId("incident-reason").FillAsync(Reason);
        await page.GetByTestId("incident-raise").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/witness/incidents/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("incident-state")).ToHaveAttributeAsync("data-state", "Suspended");
        await Expect(page.GetByTestId("message-DepartmentReport-Sms")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("incident-entries")).ToContainTextAsync("会议暂停");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, FullPage = true, Path = Fixtures.Browser.ScreenshotPath("witness-incident.png") });

        // The floor shows it suspended; the public door plate says so without the reason.
        await page.GotoAsync(new Uri(server.BaseAddress, "/floor").ToString());
        await Expect(page.GetByTestId($"tile-{roomCode}")).ToHaveAttributeAsync("data-state", nameof(RoomState.Suspended));
        await Expect(page.GetByTestId($"tile-{roomCode}")).ToContainTextAsync(Reason);
        using var anonymous = server.NewClient();
        anonymous.BaseAddress = server.BaseAddress;
        var plate = await anonymous.GetStringAsync($"/doorplate/{roomCode}");
        Assert.Contains("data-state=\"Suspended\"", plate);
        Assert.DoesNotContain(Reason, plate);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;
using TradingOps.Core.Organisation;
using TradingOps.Core.Witness;
using TradingOps.Data.Floor;
using TradingOps.Data.Witness;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Witness;

/// <summary>
/// The walk of issue 19 in Chromium at 1920x1080, as the people do it: the witness ticks a bid opening step by step
/// with the keyboard, raises a system-failure incident that suspends it, the parties' messages are in the outbox, the
/// incident is resolved and the session resumed, the witness ticks the rest, the desk ends the session from the floor,
/// a clerk issues the witness certificate, and anyone checks it on the public verify page without signing in.
/// </summary>
[FullLane]
public sealed class WitnessWalkBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task A_bid_opening_witnessed_step_by_step_suspended_by_a_system_failure_resumed_ended_and_certified_checks_out_publicly()
    {
        var project = $"WALK19-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        var (bookingId, roomCode) = await RunningBidOpeningAsync(project);

        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        await page.SetViewportSizeAsync(1920, 1080);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        // 1. The witness ticks the first four steps with the number keys (开标准备, 签到, 递交投标文件截止, 开标).
        await OpenLogAsync(page, bookingId);
        var steps = page.Locator("[data-testid=witness-step]");
        Assert.Equal(7, await steps.CountAsync());
        await TickAsync(page, 1, 4);

        // 2. The decryption system fails: a system-failure incident, raised from the log, suspends the session.
        await page.GotoAsync(new Uri(server.BaseAddress, $"/witness/incidents/new?booking={bookingId}").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await page.GetByTestId("category-SystemFailure").ClickAsync();
        await page.GetByTestId("incident-description").FillAsync("解密阶段电子开标系统无响应，投标人无法解密投标文件");
        await page.GetByTestId("incident-reason").FillAsync("电子开标系统故障，暂停开标");
        await page.GetByTestId("incident-raise").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/witness/incidents/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("incident-state")).ToHaveAttributeAsync("data-state", "Suspended");

        // 3. Every party is told through the outbox: the agency (SMS and e-mail) and the supervising department.
        await Expect(page.GetByTestId("message-DepartmentReport-Sms")).ToBeVisibleAsync();
        await using (var db = await server.Services.NewContextAsync())
        {
            var messages = await db.OutboxMessages.Where(m => m.BookingId == bookingId && m.Kind == NotificationKind.SessionSuspended).ToListAsync();
            Assert.Contains(messages, m => m.Channel == NotificationChannel.Sms && m.Address == "13912345678");
            Assert.Contains(messages, m => m.Channel == NotificationChannel.Email && m.Address == "walk@agency.example.cn");
            Assert.Equal(SessionPhase.Suspended, (await db.RoomBookings.SingleAsync(b => b.Id == bookingId)).Phase);
        }
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, FullPage = true, Path = Fixtures.Browser.ScreenshotPath("witness-walk-incident.png") });

        // 4. Fixed: the session resumes (confirmed), and the incident says so.
        await page.GetByTestId("action-resume").ClickAsync();
        await page.GetByTestId("confirm-yes").ClickAsync();
        await Expect(page.GetByTestId("incident-state")).ToHaveAttributeAsync("data-state", "Resumed");

        // 5. The witness ticks the rest (唱标, 异议答复, 结束); the log shows the suspension and resumption as system entries.
        await OpenLogAsync(page, bookingId);
        await Expect(page.Locator($"[data-testid=witness-entry][data-code='{WitnessCodes.SessionSuspended}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-testid=witness-entry][data-code='{WitnessCodes.SessionResumed}']")).ToBeVisibleAsync();
        await TickAsync(page, 5, 7);
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, FullPage = true, Path = Fixtures.Browser.ScreenshotPath("witness-walk-log.png") });

        // 6. The desk ends the session from its tile on the floor.
        await page.GotoAsync(new Uri(server.BaseAddress, "/floor").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await page.GetByTestId($"End-{roomCode}").ClickAsync();
        await page.GetByTestId("irreversible-confirm").ClickAsync(); // 结束 cannot be undone: it asks first
        await Eventually.FoundAsync(async () =>
        {
            await using var db = await server.Services.NewContextAsync();
            return await db.RoomBookings.AnyAsync(b => b.Id == bookingId && b.Phase == SessionPhase.Ended) ? "ended" : null;
        }, TimeSpan.FromSeconds(15), "the session ended from the floor");

        // 7. A clerk issues the witness certificate for the project.
        await page.GotoAsync(new Uri(server.BaseAddress, "/witness/certificates").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await page.Locator("input[data-testid=cert-project], [data-testid=cert-project] input").First.FillAsync(project);
        await page.GetByTestId("cert-check").ClickAsync();
        await Expect(page.GetByTestId("cert-can-issue")).ToBeVisibleAsync();
        await page.GetByTestId("cert-issue").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/witness/certificates/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("cert-number")).ToContainTextAsync("JZ");
        var number = (await page.GetByTestId("cert-number").InnerTextAsync()).Trim();
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, FullPage = true, Path = Fixtures.Browser.ScreenshotPath("witness-walk-certificate.png") });
        Assert.Empty(errors);

        // 8. Anyone, not signed in, checks it: valid, matching the witness log; nothing but number, project code and dates.
        var anonymous = await Fixtures.Browser.WallSizedPageAsync(chromium.Browser);
        await anonymous.GotoAsync(new Uri(server.BaseAddress, $"/verify/{number}").ToString());
        await Expect(anonymous.GetByTestId("verify-verdict")).ToHaveTextAsync("有效：与见证记录一致");
        await Expect(anonymous.GetByTestId("verify-project")).ToHaveTextAsync(project);
        var content = await anonymous.ContentAsync();
        Assert.DoesNotContain("电子开标系统", content);
        Assert.DoesNotContain("走查代理", content);
        await anonymous.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("witness-walk-verify.png") });

        await using (var db = await server.Services.NewContextAsync())
        {
            var chain = await WitnessLog.ChainAsync(db, project);
            Assert.True(WitnessChain.Verify(project, chain).Intact);
            Assert.Equal(7, chain.Count(e => e.Kind == WitnessEntryKind.Step));
            Assert.Contains(chain, e => e.Code == WitnessCodes.CertificateIssued);
        }
    }

    private async Task OpenLogAsync(IPage page, Guid bookingId)
    {
        await page.GotoAsync(new Uri(server.BaseAddress, $"/witness/sessions/{bookingId}").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("witness-checklist")).ToBeFocusedAsync();
    }

    /// <summary>Ticks steps <paramref name="from"/>..<paramref name="to"/> (1-based) with their number keys, each seen ticked before the next.</summary>
    private static async Task TickAsync(IPage page, int from, int to)
    {
        for (var n = from; n <= to; n++)
        {
            await page.Keyboard.PressAsync(n.ToString());
            await Expect(page.Locator("[data-testid=witness-step]").Nth(n - 1)).ToHaveAttributeAsync("data-ticked", "true");
        }
        await Expect(page.GetByTestId("witness-log-progress")).ToContainTextAsync($"{to}/7");
    }

    /// <summary>A bid opening of a new project in a bid-opening room free for the next hour, confirmed, checked in and started, witnessed by staff.</summary>
    private async Task<(Guid Booking, string Room)> RunningBidOpeningAsync(string project)
    {
        var now = TimeProvider.System.GetUtcNow();
        Room room;
        string adminId;
        await using (var db = await server.Services.NewContextAsync())
        {
            var holding = RoomBooking.HoldingStatuses;
            var busy = await db.RoomBookings.Where(b => holding.Contains(b.Status) && b.StartsAt < now.AddHours(2) && b.EndsAt > now.AddHours(-3))
                .Select(b => b.RoomId).Distinct().ToListAsync();
            room = (await db.Rooms.Where(r => r.Type == RoomType.BidOpeningRoom && r.InService).ToListAsync())
                .Where(r => !busy.Contains(r.Id)).OrderBy(r => r.Code).First();
            adminId = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
        }
        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.User(adminId, "admin"));
        var bookings = scope.ServiceProvider.GetRequiredService<BookingService>();
        var booking = await bookings.BookAsync(new BookingRequest(room.Id, null, project, "城区道路照明改造工程施工", "走查代理有限公司",
            BookingPurpose.BidOpening, 30, now.AddMinutes(2), now.AddMinutes(32), "王经理", "13912345678", "walk@agency.example.cn"));
        foreach (var step in new[] { SessionCommand.Confirm, SessionCommand.CheckIn, SessionCommand.Start })
            await bookings.SessionAsync(booking.Id, step);
        await scope.ServiceProvider.GetRequiredService<WitnessSessionService>().AssignAsync(booking.Id, "staff", null);
        return (booking.Id, room.Code);
    }
}

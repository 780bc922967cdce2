using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data.Floor;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Evaluation;

/// <summary>
/// The evaluation area's flow in one walk, in a browser over the demo center, as the people who do it: the desk clerk
/// requests a draw and starts it, a supervisor confirms it on their own screen, the clerk calls the experts one name at
/// a time (one declines), the gap is redrawn by the same two people, the gate admits an expert with a seat and a locker
/// and refuses a second entry, the declined expert turns up at the gate and the wall raises the alert, which the duty
/// manager resolves at the desk.
/// </summary>
[FullLane]
public sealed class EvaluationWalkBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    /// <summary>An evaluation session starting in 40 minutes (inside the gate's window) in the first free evaluation room.</summary>
    private async Task<(RoomBooking Booking, Room Room)> SessionSoonAsync()
    {
        List<Room> rooms;
        await using (var db = await server.Services.NewContextAsync())
            rooms = (await db.Rooms.AsNoTracking().Where(r => r.EvaluationSeats >= 9).OrderByDescending(r => r.Code).ToListAsync())
                .Where(r => r.Type.IsEvaluationArea()).ToList();
        var now = TimeProvider.System.GetUtcNow();
        var start = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(40);
        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("walk-evaluation"));
        var bookings = scope.ServiceProvider.GetRequiredService<BookingService>();
        foreach (var room in rooms)
        {
            try
            {
                // Overnight evaluation: the walk may run at any hour, even across midnight.
                var booking = await bookings.BookAsync(new BookingRequest(room.Id, null, "GC-WALK-EVAL", "第三中学教学楼新建工程施工评标",
                    "示范招标代理有限公司", BookingPurpose.OvernightEvaluation, 4, start, start.AddHours(3), "王伟", "13812345678", null));
                return (booking, room);
            }
            catch (DomainException)
            {
                // That room is taken at that time on the demo floor: the next one.
            }
        }
        throw new InvalidOperationException("no evaluation room is free for the walk");
    }

    private async Task<string> IdNumberOfAsync(Guid bookingId, CallOutcome outcome)
    {
        await using var db = await server.Services.NewContextAsync();
        var member = await db.CommitteeMembers.AsNoTracking()
            .Where(m => m.BookingId == bookingId && m.Kind == MemberKind.Expert && m.Outcome == outcome).OrderBy(m => m.Order).FirstAsync();
        return server.Services.GetRequiredService<IIdentityProtector>().Unprotect(member.ProtectedIdNumber);
    }

    /// <summary>Opens the next call (one name) when the page offers it.</summary>
    private static async Task NextCallAsync(IPage page)
    {
        await Expect(page.GetByTestId("call-next").Or(page.GetByTestId("call-name"))).ToBeVisibleAsync();
        if (await page.GetByTestId("call-next").IsVisibleAsync()) await page.GetByTestId("call-next").ClickAsync();
    }

    [Fact]
    public async Task Request_draw_with_two_confirmations_calls_with_a_decline_redraw_gate_with_seat_and_locker_second_entry_refused_and_a_wall_alert_resolved()
    {
        var (booking, room) = await SessionSoonAsync();
        var session = new Uri(server.BaseAddress, $"/evaluation/sessions/{booking.Id}").ToString();
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var clerk = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        var supervisor = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "supervisor");
        Task Shot(IPage page, string name) => page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath(name) });

        // 1. The request: initiator, a bidder's employer excluded, three experts of 房屋建筑工程.
        await clerk.GotoAsync(session);
        await Fixtures.Browser.WaitInteractiveAsync(clerk);
        await Input(clerk, "request-initiator").FillAsync("示范市第三中学");
        await Input(clerk, "request-excluded").FillAsync("示范建设集团有限公司");
        await clerk.GetByTestId("quota-specialty").First.ClickAsync();
        await clerk.Locator(".mud-popover-open").GetByText("A01 房屋建筑工程", new() { Exact = true }).ClickAsync();
        // The server has applied the choice (the list closed, the field shows it) before the count is typed: a render of
        // the choice arriving after the typing could otherwise put the count back to 1 under load (CI saw a one-expert draw).
        await Expect(clerk.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await Expect(clerk.GetByTestId("quota-specialty").First).ToContainTextAsync("A01");
        await Input(clerk, "quota-count").FillAsync("3");
        await Input(clerk, "quota-count").PressAsync("Tab");
        await Expect(Input(clerk, "quota-count")).ToHaveValueAsync("3");
        await clerk.GetByTestId("request-save").ClickAsync();
        await Shot(clerk, "evaluation-walk-1-request.png");
        await Expect(clerk.GetByTestId("request-error")).ToHaveCountAsync(0);
        await Expect(clerk.GetByTestId("session-counts")).ToContainTextAsync("需抽 3 人"); // the saved request wants three
        await Expect(clerk.GetByTestId("draw-start")).ToBeEnabledAsync(); // saved with its quota: the draw may start

        // 2. The clerk starts the draw; the supervisor, another person, confirms it on their own screen.
        await clerk.GetByTestId("draw-start").ClickAsync();
        await Expect(clerk.GetByTestId("draw-awaiting")).ToBeVisibleAsync();
        await Expect(clerk.GetByTestId("draw-confirm")).ToHaveCountAsync(0); // the operator cannot confirm
        await supervisor.GotoAsync(session);
        await Fixtures.Browser.WaitInteractiveAsync(supervisor);
        await supervisor.GetByTestId("draw-confirm").ClickAsync();
        await Expect(supervisor.GetByTestId("draw-done")).ToBeVisibleAsync();
        await Expect(clerk.GetByTestId("draw-done")).ToBeVisibleAsync(); // the clerk's screen follows live
        await Expect(clerk.GetByTestId("member-row")).ToHaveCountAsync(3);
        await Shot(clerk, "evaluation-walk-2-drawn.png");

        // 3. Calls, one name at a time: the first declines, the other two accept.
        var calls = new Uri(server.BaseAddress, $"/evaluation/sessions/{booking.Id}/calls").ToString();
        await clerk.GotoAsync(calls);
        await Fixtures.Browser.WaitInteractiveAsync(clerk);
        foreach (var outcome in new[] { "call-declined", "call-accepted", "call-accepted" })
        {
            await NextCallAsync(clerk);
            await Expect(clerk.GetByTestId("call-name")).ToHaveCountAsync(1); // one name on screen, never the list
            await clerk.GetByTestId(outcome).ClickAsync();
            await Expect(clerk.GetByTestId("call-name")).ToHaveCountAsync(0);
            await Expect(clerk.GetByTestId("call-error")).ToHaveCountAsync(0);
        }
        await Expect(clerk.GetByTestId("accepted-row")).ToHaveCountAsync(2);

        // 4. The gap is redrawn (补抽) by the same two people, with a reason; the new expert accepts.
        await clerk.GotoAsync(session);
        await Fixtures.Browser.WaitInteractiveAsync(clerk);
        await Input(clerk, "redraw-reason").FillAsync("专家本人拒绝参加");
        await clerk.GetByTestId("redraw-request").ClickAsync();
        await supervisor.ReloadAsync();
        await Fixtures.Browser.WaitInteractiveAsync(supervisor);
        await supervisor.GetByTestId("redraw-confirm").ClickAsync();
        await Expect(clerk.GetByTestId("member-row")).ToHaveCountAsync(4);
        await Shot(clerk, "evaluation-walk-3-redrawn.png");
        await clerk.GotoAsync(calls);
        await Fixtures.Browser.WaitInteractiveAsync(clerk);
        await NextCallAsync(clerk);
        await clerk.GetByTestId("call-accepted").ClickAsync();
        await Expect(clerk.GetByTestId("accepted-row")).ToHaveCountAsync(3);

        // 5. The gate admits an accepted expert with a seat and a locker; the same person again is refused.
        var accepted = await IdNumberOfAsync(booking.Id, CallOutcome.Accepted);
        var gate = new Uri(server.BaseAddress, "/evaluation/gate").ToString();
        await clerk.GotoAsync(gate);
        await Fixtures.Browser.WaitInteractiveAsync(clerk);
        await Input(clerk, "gate-id").FillAsync(accepted);
        await Input(clerk, "gate-id").PressAsync("Enter");
        await Expect(clerk.GetByTestId("gate-admitted")).ToBeVisibleAsync();
        await Expect(clerk.GetByTestId("gate-room")).ToContainTextAsync(room.Code);
        await Expect(clerk.GetByTestId("gate-seat")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d"));
        await Expect(clerk.GetByTestId("gate-locker")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"[A-Z]-\d{3}"));
        await Shot(clerk, "evaluation-walk-4-admitted.png");
        await Input(clerk, "gate-id").FillAsync(accepted);
        await Input(clerk, "gate-id").PressAsync("Enter");
        await Expect(clerk.GetByTestId("gate-refused")).ToBeVisibleAsync();
        await Expect(clerk.GetByTestId("gate-reason")).ToContainTextAsync("一次入场");

        // 6. The expert who declined turns up at the gate: refused, and the wall shows the alert by room code.
        var declined = await IdNumberOfAsync(booking.Id, CallOutcome.Declined);
        await Input(clerk, "gate-id").FillAsync(declined);
        await Input(clerk, "gate-id").PressAsync("Enter");
        await Expect(clerk.GetByTestId("gate-refused")).ToBeVisibleAsync();
        await Shot(clerk, "evaluation-walk-5-recused-refused.png");
        var wall = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "display");
        await wall.GotoAsync(new Uri(server.BaseAddress, "/wall?panel=evaluation").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(wall);
        var wallAlert = wall.Locator($"[data-testid=ewall-alert][data-kind={EvaluationAlertKind.RecusedAtGate}]").Filter(new() { HasText = room.Code });
        await Expect(wallAlert).ToBeVisibleAsync();
        await Shot(wall, "evaluation-walk-6-wall-alert.png");
        Assert.DoesNotContain(declined, await wall.ContentAsync());

        // 7. The duty manager resolves it at the desk, saying how; the wall drops it.
        var duty = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "duty");
        await duty.GotoAsync(new Uri(server.BaseAddress, "/evaluation").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(duty);
        var alert = duty.Locator($"[data-testid=alert-row][data-kind={EvaluationAlertKind.RecusedAtGate}][data-room={room.Code}]");
        await alert.GetByTestId("resolve").ClickAsync();
        await Input(duty, "resolution").FillAsync("已核实该专家已拒绝参加，劝离评标区");
        await duty.GetByTestId("resolve-submit").ClickAsync();
        await Expect(duty.GetByTestId("resolved-row").Filter(new() { HasText = "已核实该专家已拒绝参加" })).ToBeVisibleAsync();
        await Expect(wallAlert).ToHaveCountAsync(0);
        await Shot(duty, "evaluation-walk-7-resolved.png");

        await using var check = await server.Services.NewContextAsync();
        var resolved = await check.EvaluationAlerts.AsNoTracking().SingleAsync(a => a.BookingId == booking.Id && a.Kind == EvaluationAlertKind.RecusedAtGate);
        Assert.Equal("duty", resolved.ResolvedBy);
        Assert.Equal(1, await check.GateAdmissions.CountAsync(a => a.BookingId == booking.Id));
        Assert.Equal(2, await check.DrawRounds.CountAsync(r => r.BookingId == booking.Id));
    }
}

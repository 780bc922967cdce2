using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;

namespace TradingOps.Tests.Queue;

[FullLane]
public sealed class QueueHttpTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    [Fact]
    public async Task The_hall_display_and_its_feed_are_public_and_an_unknown_hall_is_a_Chinese_404_problem()
    {
        var client = app.NewClient();
        var hall = await client.GetAsync("/queue/hall");
        Assert.Equal(HttpStatusCode.OK, hall.StatusCode);
        var html = await hall.Content.ReadAsStringAsync();
        Assert.Contains("叫号显示", html);
        Assert.Contains("lib/signalr/signalr.min.js", html);

        var feed = await client.GetAsync("/api/queue/hall");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Contains("\"waiting\"", await feed.Content.ReadAsStringAsync());

        var unknown = await client.GetAsync($"/api/queue/hall/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("没有这个大厅", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_queue_wall_panel_is_for_display_screens_and_duty_managers_only()
    {
        var anonymous = await app.NewClient().GetAsync("/wall/queues");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);

        var staff = app.NewClient();
        await TradingOpsApp.SignInAsync(staff, "staff", IdentitySeeder.DemoPassword);
        var denied = await staff.GetAsync("/wall/queues");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("access-denied", denied.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);

        var display = app.NewClient();
        await TradingOpsApp.SignInAsync(display, "display", IdentitySeeder.DemoPassword);
        Assert.Contains("data-testid=\"queue-wall\"", await display.GetStringAsync("/wall/queues"));
    }

    [Fact]
    public async Task The_kiosk_issues_numbers_but_refuses_unknown_services_and_too_many_tickets_a_minute_from_one_address()
    {
        var client = app.NewClient();
        await using var db = await app.Services.NewContextAsync();
        var typeId = (await db.ServiceTypes.FirstAsync(t => t.Prefix == "G")).Id;

        async Task<HttpResponseMessage> PostAsync(string type)
        {
            var page = await client.GetStringAsync("/queue/kiosk");
            var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            return await client.PostAsync("/queue/kiosk", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["_handler"] = "kiosk", ["type"] = type,
            }));
        }

        var unknown = await PostAsync(Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("请选择要办理的业务", await unknown.Content.ReadAsStringAsync());

        for (var i = 0; i < 6; i++) // Queue:KioskTicketsPerMinute defaults to 6
        {
            var issued = await PostAsync(typeId.ToString());
            Assert.True(HttpStatus.IsRedirect(issued.StatusCode), $"ticket {i + 1} is issued ({issued.StatusCode})");
            Assert.Contains("/queue/ticket/", issued.Headers.Location!.OriginalString);
        }
        var refused = await PostAsync(typeId.ToString());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("取号过于频繁", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Demo_data_gives_today_a_live_queue_with_served_waiting_and_rated_tickets()
    {
        await using var db = await app.Services.NewContextAsync();
        var today = TradingOps.Core.Queue.QueueRules.ServiceDateOf(DateTimeOffset.UtcNow);
        var tickets = await db.QueueTickets.Where(t => t.ServiceDate == today).ToListAsync();
        Assert.True(tickets.Count >= 20, $"a morning of tickets ({tickets.Count})");
        if (TradingOps.Core.Common.CenterTime.ToLocal(DateTimeOffset.UtcNow).Hour >= 1) // right after midnight the day has barely begun
        {
            Assert.Contains(tickets, t => t.Status == TradingOps.Core.Queue.TicketStatus.Finished);
            Assert.True(await db.SatisfactionRatings.AnyAsync());
        }
        Assert.True(await db.TicketEvents.CountAsync() >= tickets.Count);
        Assert.True(await db.ServiceWindows.CountAsync(w => w.ClerkName != null) >= 10);
    }
}

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Core.Statistics;
using TradingOps.Data.Statistics;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;
using TradingOps.Web.Queue;
using TradingOps.Web.Reports;

namespace TradingOps.Tests.Queue;

/// <summary>The bound clerk where people meet it: the hall display, the rating pad, the console, sign-out, the clock, the workbooks.</summary>
[FullLane]
public sealed class WindowClerkHttpTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    /// <summary>A zone, service type and window of the test's own, so the demo queue does not get in the way.</summary>
    private async Task<(Guid Zone, Guid Type, ServiceWindow Window)> CounterAsync()
    {
        await using var db = await app.Services.NewContextAsync();
        var center = await db.Centers.Select(c => c.Id).FirstAsync();
        var zone = new Zone(center, "工号测试大厅" + Guid.NewGuid().ToString("N")[..6], ZoneKind.PublicService, "1F");
        var used = await db.ServiceTypes.Select(t => t.Prefix).ToListAsync();
        var type = new ServiceType("ZYXWVUTS".First(p => !used.Contains(p.ToString())).ToString(), "工号测试业务", 96);
        var number = 80 + await db.ServiceWindows.CountAsync();
        var window = new ServiceWindow(zone.Id, number, $"{number}号窗口", [type]);
        db.AddRange(zone, type, window);
        await db.SaveChangesAsync();
        return (zone.Id, type.Id, window);
    }

    private async Task<Staff> ClerkAsync(string name)
    {
        var staff = Clerks.NewStaff($"C{Random.Shared.Next(1000, 9999)}", name);
        await using var db = await app.Services.NewContextAsync();
        db.AddClerks(staff);
        await db.SaveChangesAsync();
        return staff;
    }

    [Fact]
    public async Task The_hall_display_its_feed_the_rating_pad_and_the_window_console_show_the_bound_clerks_employee_number_and_name()
    {
        var (zone, type, window) = await CounterAsync();
        var clerk = await ClerkAsync("赵六");
        var label = $"{clerk.EmployeeNo} / 赵六";
        var queue = app.Services.QueueAs(clerk);
        await queue.SignOnAsync(window.Id);
        var issued = await queue.IssueAsync(type, TicketChannel.Kiosk);
        await queue.CallNextAsync(window.Id);

        var anonymous = app.NewClient();
        var hall = await anonymous.GetStringAsync($"/queue/hall/{zone}");
        Assert.Contains(issued.Code, hall);
        Assert.Matches($"data-testid=\"hall-now-clerk\"[^>]*>[^<]*{Regex.Escape(label)}", hall);

        using var feed = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/queue/hall/{zone}"));
        var latest = feed.RootElement.GetProperty("calls")[0];
        Assert.Equal(issued.Code, latest.GetProperty("code").GetString());
        Assert.Equal(label, latest.GetProperty("clerk").GetString());

        // The pad is a paired device of this window (an unpaired browser sees the pairing screen only).
        var padDevice = app.NewClient();
        var paired = await DeviceKit.PairAsync(app.Services, TradingOps.Core.Devices.DeviceKind.RatingPad, $"{window.Number}号窗口评价器", window.Number);
        await DeviceKit.EnterCodeAsync(padDevice, $"/queue/pad/{window.Number}", paired.Secret);
        var pad = await padDevice.GetStringAsync($"/queue/pad/{window.Number}");
        Assert.Contains($"为您服务：{label}", pad);

        var supervisor = app.NewClient();
        await TradingOpsApp.SignInAsync(supervisor, "supervisor", IdentitySeeder.DemoPassword);
        var console = await supervisor.GetStringAsync($"/queue/window/{window.Number}");
        Assert.Matches($"data-testid=\"window-clerk\"[\\s\\S]*{Regex.Escape(label)}", console);
        Assert.DoesNotContain("窗口工作人员", console);
    }

    [Fact]
    public async Task A_call_pushed_to_the_hall_displays_names_the_clerk_calling()
    {
        var (_, type, window) = await CounterAsync();
        var clerk = await ClerkAsync("钱七");
        var published = new TaskCompletionSource<TicketChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = app.Services.GetRequiredService<TradingOps.Web.Live.ILiveEventSubscriptions>().Subscribe<TicketChanged>(e =>
        {
            if (e.WindowId == window.Id && e.IsCall) published.TrySetResult(e);
            return Task.CompletedTask;
        });
        var queue = app.Services.QueueAs(clerk);
        await queue.SignOnAsync(window.Id);
        await queue.IssueAsync(type, TicketChannel.Kiosk);
        await queue.CallNextAsync(window.Id);

        var call = await published.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal($"{clerk.EmployeeNo} / 钱七", call.Clerk);
    }

    [Fact]
    public async Task Signing_out_of_the_console_signs_off_the_window_the_person_is_signed_on_to()
    {
        var (_, _, window) = await CounterAsync();
        string userId;
        await using (var db = await app.Services.NewContextAsync())
        {
            userId = await db.Users.Where(u => u.UserName == "staff").Select(u => u.Id).SingleAsync();
            var staffId = await db.Staff.Where(s => s.UserId == userId).Select(s => s.Id).SingleAsync();
            foreach (var other in await db.ServiceWindows.Where(w => w.ClerkStaffId == staffId).ToListAsync()) other.SignOff();
            await db.SaveChangesAsync();
        }
        await app.Services.QueueAs(Actor.User(userId, "staff")).SignOnAsync(window.Id);

        var client = app.NewClient();
        await TradingOpsApp.SignInAsync(client, "staff", IdentitySeeder.DemoPassword);
        var home = await client.GetStringAsync("/");
        var token = Regex.Match(home, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signedOut = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        await using var check = await app.Services.NewContextAsync();
        Assert.Null((await check.ServiceWindows.SingleAsync(w => w.Id == window.Id)).ClerkStaffId);
        Assert.True(await check.AuditEntries.AnyAsync(e => e.Entity == nameof(ServiceWindow) && e.Key == window.Id.ToString()
            && e.ActorId == userId && e.Changes.Contains("ClerkStaffId")), "the sign-off is the person's own, audited");
    }

    [Fact]
    public async Task An_account_signs_on_at_a_window_only_once_an_admin_has_linked_it_to_its_staff_number()
    {
        var (_, _, window) = await CounterAsync();
        var employeeNo = $"L{Random.Shared.Next(1000, 9999)}";
        await using (var db = await app.Services.NewContextAsync())
        {
            db.Staff.Add(new Staff(employeeNo, "周九", "窗口服务部", null, null));
            await db.SaveChangesAsync();
        }
        string userId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var userName = $"zhoujiu{employeeNo}".ToLowerInvariant();
            await scope.ServiceProvider.GetRequiredService<AccountAdminService>().CreateAsync(userName, "周九", "Staff", "Zhoujiu2026pass");
            await using var db = await app.Services.NewContextAsync();
            userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        }
        var zhou = Actor.User(userId, "周九");

        var unlinked = await Assert.ThrowsAsync<TradingOps.Core.Common.DomainException>(() => app.Services.QueueAs(zhou).SignOnAsync(window.Id));
        Assert.Contains("请管理员在账号管理中为账号关联工号", unlinked.Message);

        var links = app.Services.CreateScope().ServiceProvider.GetRequiredService<StaffAccountLinks>();
        var unknown = await Assert.ThrowsAsync<TradingOps.Core.Common.DomainException>(() => links.LinkAsync(userId, "NO-SUCH"));
        Assert.Equal("没有工号为 NO-SUCH 的工作人员", unknown.Message);
        await links.LinkAsync(userId, employeeNo);
        Assert.Equal($"{employeeNo} / 周九", (await links.ListAsync())[userId]);

        await app.Services.QueueAs(zhou).SignOnAsync(window.Id);
        await using var check = await app.Services.NewContextAsync();
        Assert.Equal($"{employeeNo} / 周九", (await check.ServiceWindows.SingleAsync(w => w.Id == window.Id)).ClerkName);
    }

    [Fact]
    public async Task The_live_clock_tick_signs_off_a_window_idle_for_the_configured_time()
    {
        var (_, _, window) = await CounterAsync();
        var clerk = await ClerkAsync("孙八");
        await app.Services.QueueAs(clerk).SignOnAsync(window.Id);
        await using (var db = await app.Services.NewContextAsync())
        {
            // The clerk's last action at the window was 31 minutes ago (Queue:WindowIdleSignOffMinutes defaults to 30).
            (await db.ServiceWindows.SingleAsync(w => w.Id == window.Id)).RecordAction(DateTimeOffset.UtcNow.AddMinutes(-31));
            await db.SaveChangesAsync();
        }
        // Written behind the node's back (time passing, without events): the node re-reads, as after a bus gap.
        await app.Services.GetRequiredService<ILiveEventPublisher>().PublishAsync(new LiveResync(DateTimeOffset.UtcNow, "test: last action set in the database"));
        await app.Services.GetRequiredService<TradingOps.Web.Live.LiveEventBus>().DeliveredAsync();

        await app.Services.GetRequiredService<ILiveEventPublisher>().PublishAsync(new ClockTick(DateTimeOffset.UtcNow));

        await Eventually.FoundAsync(async () =>
        {
            await using var db = await app.Services.NewContextAsync();
            return await db.ServiceWindows.AnyAsync(w => w.Id == window.Id && w.ClerkStaffId == null) ? "signed off" : null;
        }, TimeSpan.FromSeconds(10), "the idle window is signed off on the tick");
        await using var check = await app.Services.NewContextAsync();
        Assert.True(await check.AuditEntries.AnyAsync(e => e.Entity == nameof(ServiceWindow) && e.Key == window.Id.ToString()
            && e.ActorName == $"system:{WindowIdleSignOff.ActorName}"), "the automatic sign-off is audited as the system's");
    }

    [Fact]
    public async Task The_daily_operations_workbook_breaks_the_queue_down_per_staff_member_and_the_staff_rows_add_up_to_the_day()
    {
        var day = CenterTime.Today(TimeProvider.System).AddDays(-1);
        var calendar = await app.Services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync();
        while (!calendar.IsWorkingDay(day)) day = day.AddDays(-1);
        await using (var db = await app.Services.NewContextAsync())
            await OperationsHistorySeeder.SeedAsync(db, calendar, day, day, 40, 17, DateTimeOffset.UtcNow);
        StoredReport report;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TradingOps.Web.Infrastructure.WebCurrentActor>().ActAs(Actor.System("test"));
            report = await scope.ServiceProvider.GetRequiredService<OperationsReports>().GenerateDailyAsync(day);
        }
        await using var raw = await app.Services.NewContextAsync();
        var tickets = await raw.QueueTickets.Where(t => t.ServiceDate == day).Select(t => new { t.ServedByName, t.Status }).ToListAsync();
        var byStaff = tickets.Where(t => t.ServedByName != null).GroupBy(t => t.ServedByName!).ToList();
        Assert.True(byStaff.Count >= 2, "the day was served by several clerks");

        using var workbook = new XLWorkbook(new MemoryStream(report.Content));
        var sheet = workbook.Worksheet("窗口排队（人员）");
        Assert.Equal(["工作人员（工号 / 姓名）", "取号数", "已叫号", "过号", "办结", "等候合计（分钟）", "平均等候（分钟）"],
            Enumerable.Range(1, 7).Select(c => sheet.Cell(1, c).HeaderText()));
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        var totalsRow = sheet.Column(1).CellsUsed().First(c => c.GetString() == "合计").Address.RowNumber;
        var rows = Enumerable.Range(2, totalsRow - 2).Select(r => sheet.Row(r)).ToDictionary(r => r.Cell(1).GetString());
        foreach (var clerk in byStaff)
        {
            Assert.Matches(@"^\S+ / \S+$", clerk.Key); // 工号 / 姓名
            var row = rows[clerk.Key];
            Assert.Equal(clerk.Count(), row.Cell(2).GetValue<int>());
            Assert.Equal(clerk.Count(t => t.Status == TicketStatus.NoShow), row.Cell(4).GetValue<int>());
            Assert.Equal(clerk.Count(t => t.Status == TicketStatus.Finished), row.Cell(5).GetValue<int>());
        }
        var totals = sheet.Row(totalsRow);
        Assert.Equal(tickets.Count, totals.Cell(2).GetValue<int>()); // with the row of tickets nobody called: the day's whole count
        Assert.Equal(tickets.Count(t => t.Status == TicketStatus.Finished), totals.Cell(5).GetValue<int>());
        Assert.Equal(tickets.Count(t => t.Status == TicketStatus.NoShow), totals.Cell(4).GetValue<int>());
    }
}

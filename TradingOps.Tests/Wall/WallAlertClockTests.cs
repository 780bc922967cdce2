using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;
using TradingOps.Core.Queue;
using TradingOps.Core.Registrations;
using TradingOps.Data.Queue;
using TradingOps.Data.Registrations;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Infrastructure;
using TradingOps.Web.Wall;
using static TradingOps.Tests.Registrations.RegistrationTestData;

namespace TradingOps.Tests.Wall;

/// <summary>The app on a Monday morning with its clock under the test's control and every alert on one page of the alerts panel.</summary>
public sealed class WallClockApp : TradingOpsApp
{
    public WallClockApp() => Settings = new Dictionary<string, string> { ["Wall:AlertRowsPerPage"] = "20", ["Wall:LongWaitMinutes"] = "20" };

    public FakeTimeProvider Clock { get; } = new(At("2026-11-23 10:30"));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>Long waits and overdue registrations become wall alerts on the server's tick alone, and clear with their condition (issue 22).</summary>
[FullLane]
public sealed class WallAlertClockTests : TradingOpsBunitContext, IClassFixture<WallClockApp>
{
    private readonly WallClockApp _app;

    public WallAlertClockTests(WallClockApp app)
    {
        _app = app;
        _ = app.Services; // start the host (and its LiveClock)
        Services.AddFallbackServiceProvider(app.Services);
        Services.AddSingleton<TimeProvider>(app.Clock);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task A_ticket_waiting_past_the_threshold_becomes_a_wall_alert_and_clears_when_called()
    {
        // A service of its own with a window of its own: nothing of the demo queue is called before this ticket.
        var type = new ServiceType("W", "测试业务", 99);
        ServiceWindow window;
        await using (var db = await _app.Services.NewContextAsync())
        {
            var zone = db.ServiceWindows.First().ZoneId;
            db.ServiceTypes.Add(type);
            window = new ServiceWindow(zone, 90, "90号窗口", [type]);
            db.ServiceWindows.Add(window);
            await db.SaveChangesAsync();
        }
        var queue = await _app.Services.StaffWindowAsync(window.Id);
        var ticket = await queue.IssueAsync(type.Id, TicketChannel.Staff);

        var panel = Render<AlertsWallPanel>();
        var strip = Render<WallAlertStrip>();
        var alert = $"[data-testid='alert-wait-{ticket.Code}']";
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=wall-alerts]")));
        Assert.Empty(panel.FindAll(alert)); // 19 minutes is not yet long
        _app.Clock.Advance(TimeSpan.FromMinutes(19));
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=wall-alerts]")), TimeSpan.FromSeconds(10));
        Assert.Empty(panel.FindAll(alert));

        _app.Clock.Advance(TimeSpan.FromMinutes(1)); // 20 minutes: the tick makes it an alert, nobody touches anything
        panel.WaitForAssertion(() => Assert.Contains(ticket.Code, panel.Find(alert).TextContent), TimeSpan.FromSeconds(10));
        int Count() => int.Parse(strip.Find("[data-testid=wall-alert-strip]").GetAttribute("data-count")!);
        int open = 0;
        strip.WaitForAssertion(() => { open = Count(); Assert.Equal(panel.FindAll(".wall-alert").Count, open); }, TimeSpan.FromSeconds(10)); // the strip counts what the panel lists

        var called = await queue.CallNextAsync(window.Id); // the condition clears: the ticket is no longer waiting
        Assert.Equal(ticket.Code, called!.Code);
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll(alert)), TimeSpan.FromSeconds(10));
        strip.WaitForAssertion(() => Assert.Equal(open - 1, Count()), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_overdue_registration_becomes_a_wall_alert()
    {
        Guid id;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test"));
            var outcome = await scope.ServiceProvider.GetRequiredService<RegistrationService>()
                .SubmitAsync(Draft(_app.Clock.GetUtcNow(), TradingCategory.Engineering), RegistrationChannel.Online);
            Assert.True(outcome.Succeeded, outcome.Message);
            id = outcome.Id!.Value;
        }
        string code;
        DateTimeOffset due;
        await using (var db = await _app.Services.NewContextAsync())
        {
            var registration = db.Registrations.Single(r => r.Id == id);
            (code, due) = (registration.Code, registration.DueAt!.Value);
        }

        var panel = Render<AlertsWallPanel>();
        var alert = $"[data-testid='alert-registration-{code}']";
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=wall-alerts]")));
        _app.Clock.Advance(due - _app.Clock.GetUtcNow() - TimeSpan.FromMinutes(1)); // a minute before its deadline
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=wall-alerts]")), TimeSpan.FromSeconds(10));
        Assert.Empty(panel.FindAll(alert));

        _app.Clock.Advance(TimeSpan.FromMinutes(2)); // past it: the tick makes it an alert
        panel.WaitForAssertion(() => Assert.Contains(code, panel.Find(alert).TextContent), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(Draft(_app.Clock.GetUtcNow(), TradingCategory.Engineering).ProjectName!, panel.Find(alert).TextContent); // the code, never the project
    }
}

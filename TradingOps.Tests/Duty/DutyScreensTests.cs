using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Duty;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Auditing;
using TradingOps.Data.Duty;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Duty;
using TradingOps.Web.Wall;

namespace TradingOps.Tests.Duty;

/// <summary>
/// The duty screens on a real database, live from the in-process bus: the wall's header shows who is on duty now (names,
/// never a phone) and moves to the next shift's people at the change of shift; an operations alert on the wall names
/// its assignee and follows escalation; /alerts acknowledges; the roster page highlights gaps and saves an edit.
/// </summary>
public sealed class DutyScreensTests : SqliteLiveBunitContext, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly DateOnly Thursday = new(2026, 12, 3);
    private readonly FakeTimeProvider _clock = new(CenterTime.At(Thursday, new TimeOnly(10, 0)));
    private BunitAuthorizationContext _auth = default!;
    private Staff _wang = null!, _zhou = null!, _li = null!, _wu = null!;

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        // Every change rendered as it comes (the wall's pacing waits on the wall's clock, which is fake here; LivePacingTests test it).
        services.Configure<TradingOps.Web.Live.LiveOptions>(o => o.WallPaceMilliseconds = 0);
        // The person at the console: a duty manager (acknowledging and editing are a person's acts).
        services.AddScoped<ICurrentActor>(_ => new FixedActor(Actor.User("u-duty", "值班经理")));
        _auth = AddAuthorization();
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        _wang = new Staff("T001", "王工", "信息技术部", null, "13900000001");
        _zhou = new Staff("T002", "周工", "信息技术部", null, "13900000002");
        _li = new Staff("M001", "李主任", "综合部", null, "13900000009");
        _wu = new Staff("T003", "吴工", "信息技术部", null, "13900000003");
        db.AddRange(new Center("T", "测试中心", null), _wang, _zhou, _li, _wu);
        await db.SaveChangesAsync();
        await using var scope = Services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<DutyRosterService>();
        await roster.SetAsync(Thursday, DutyShift.Day, DutyRole.Technician, [_wang.Id, _zhou.Id]);
        await roster.SetAsync(Thursday, DutyShift.Day, DutyRole.DutyManager, [_li.Id]);
        await roster.SetAsync(Thursday, DutyShift.Evening, DutyRole.Technician, [_wu.Id]);
    }

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private async Task TickAsync(TimeSpan by)
    {
        _clock.Advance(by);
        await Services.GetRequiredService<ILiveEventPublisher>().PublishAsync(new ClockTick(_clock.GetUtcNow()));
    }

    [Fact]
    public async Task The_wall_header_shows_who_is_on_duty_per_role_without_a_phone_and_the_next_shift_at_the_change_of_shift()
    {
        _clock.SetUtcNow(CenterTime.At(Thursday, new TimeOnly(17, 0)));
        _auth.SetAuthorized("display").SetRoles(Roles.Display);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/wall?panel=alerts");
        var wall = Render<TradingOps.Web.Wall.Wall>();
        wall.WaitForAssertion(() =>
        {
            var line = wall.Find(".wall-header [data-testid=duty-now]");
            Assert.Contains("王工", line.QuerySelector("[data-testid=duty-now-Technician]")!.TextContent);
            Assert.Contains("李主任", line.QuerySelector("[data-testid=duty-now-DutyManager]")!.TextContent);
            Assert.Contains("未排班", line.QuerySelector("[data-testid=duty-now-Security]")!.TextContent);
            Assert.Contains("白班", line.TextContent);
        }, Wait);
        Assert.DoesNotContain("1390000", wall.Markup);

        // 17:30 the evening shift starts: the header takes its people on the tick, with no other event.
        await TickAsync(TimeSpan.FromMinutes(31));
        wall.WaitForAssertion(() =>
        {
            var line = wall.Find(".wall-header [data-testid=duty-now]");
            Assert.Contains("吴工", line.QuerySelector("[data-testid=duty-now-Technician]")!.TextContent);
            Assert.Contains("夜班", line.TextContent);
            Assert.Contains("未排班", line.QuerySelector("[data-testid=duty-now-DutyManager]")!.TextContent);
        }, Wait);

        // The admin rosters a duty manager for tonight: the header follows the roster change.
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DutyRosterService>().SetAsync(Thursday, DutyShift.Evening, DutyRole.DutyManager, [_zhou.Id]);
        wall.WaitForAssertion(() => Assert.Contains("周工", wall.Find(".wall-header [data-testid=duty-now-DutyManager]").TextContent), Wait);
    }

    [Fact]
    public async Task An_operations_alert_on_the_wall_names_who_has_it_and_follows_its_escalation_until_cleared()
    {
        var panel = Render<AlertsWallPanel>();
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<OpsAlertService>().RaiseAsync(OpsAlertKind.DeviceSilent, "device-K201", "K201 门牌屏失联", "最后心跳 09:58");
        panel.WaitForAssertion(() =>
        {
            var alert = panel.Find("[data-testid=alert-ops-device-K201]");
            Assert.Contains("设备失联", alert.TextContent);
            Assert.Contains("K201 门牌屏失联", alert.TextContent);
            Assert.Equal("值班：王工", alert.QuerySelector("[data-testid=alert-ops-assignee]")!.TextContent);
        }, Wait);
        Assert.DoesNotContain("13900000001", panel.Markup);

        _clock.Advance(TimeSpan.FromMinutes(10));
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<OpsAlertService>().EscalateAsync(_clock.GetUtcNow());
        panel.WaitForAssertion(() => Assert.Equal("值班：周工（已升级至第 2 级）",
            panel.Find("[data-testid=alert-ops-device-K201] [data-testid=alert-ops-assignee]").TextContent), Wait);

        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<OpsAlertService>().ClearAsync("device-K201");
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=alert-ops-device-K201]")), Wait);
    }

    [Fact]
    public async Task A_duty_manager_acknowledges_an_alert_on_the_alerts_page_and_it_shows_who_and_leaves_the_waiting_count()
    {
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<OpsAlertService>().RaiseAsync(OpsAlertKind.IntegrationDown, "integration-redis", "Redis 总线中断", null);
        _auth.SetAuthorized("duty").SetRoles(Roles.DutyManager);
        Render<MudBlazor.MudPopoverProvider>();
        var page = Render<AlertsPage>();
        var summary = Render<OpsAlertSummary>();
        page.WaitForAssertion(() => Assert.Equal("王工", page.Find("[data-testid=alert-row][data-key=integration-redis] [data-testid=alert-assignee]").FirstChild!.TextContent.Trim()), Wait);
        summary.WaitForAssertion(() => Assert.Contains("待确认 1 条", summary.Find("[data-testid=ops-alert-summary-waiting]").TextContent), Wait);
        Assert.Contains("13900000001", page.Find("[data-testid=duty-now]").TextContent); // staff page: the first person's phone

        page.Find("[data-testid=acknowledge]").Click();
        page.WaitForAssertion(() => Assert.Contains("已确认：值班经理", page.Find("[data-testid=alert-row]").TextContent), Wait);
        summary.WaitForAssertion(() => Assert.Contains("待确认 0 条", summary.Find("[data-testid=ops-alert-summary-waiting]").TextContent), Wait);
        Assert.Empty(page.FindAll("[data-testid=acknowledge]"));
    }

    [Fact]
    public void The_roster_page_shows_the_month_on_the_calendar_with_gaps_highlighted_and_saves_an_edit_in_calling_order()
    {
        _auth.SetAuthorized("admin").SetRoles(Roles.Admin);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/duty?month=2026-12");
        var page = Render<RosterPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=roster-slot]")), Wait);
        // December 2026: 23 working days × 2 shifts + 8 weekend days × 1.
        Assert.Equal(23 * 2 + 8, page.FindAll("[data-testid=roster-slot]").Count);
        Assert.Equal("Holiday", page.Find("[data-testid=roster-slot][data-day='2026-12-05']").GetAttribute("data-shift"));
        var cell = page.Find("[data-testid=roster-slot][data-day='2026-12-03'][data-shift=Day] [data-role=Technician]");
        Assert.Contains("王工 → 周工", cell.TextContent);
        Assert.Null(cell.GetAttribute("data-problem"));
        Assert.Equal("Gap", page.Find("[data-testid=roster-slot][data-day='2026-12-03'][data-shift=Day] [data-role=Security]").GetAttribute("data-problem"));

        // Security for Friday's day shift: 吴工 then 周工.
        page.Find("[data-testid=roster-slot][data-day='2026-12-04'][data-shift=Day] [data-role=Security] [data-testid=roster-edit]").Click();
        page.Find("[data-testid=roster-person]").Change(_wu.Id.ToString());
        page.Find("[data-testid=roster-add]").Click();
        page.FindAll("[data-testid=roster-person]")[1].Change(_zhou.Id.ToString());
        page.Find("[data-testid=roster-save]").Click();
        page.WaitForAssertion(() =>
        {
            var saved = page.Find("[data-testid=roster-slot][data-day='2026-12-04'][data-shift=Day] [data-role=Security]");
            Assert.Contains("吴工 → 周工", saved.TextContent);
            Assert.Null(saved.GetAttribute("data-problem"));
        }, Wait);

        // One person in two roles of a shift: refused in Chinese, the editor keeps the choice.
        page.Find("[data-testid=roster-slot][data-day='2026-12-03'][data-shift=Day] [data-role=Security] [data-testid=roster-edit]").Click();
        page.Find("[data-testid=roster-person]").Change(_wang.Id.ToString());
        page.Find("[data-testid=roster-save]").Click();
        page.WaitForAssertion(() => Assert.Equal("王工 本班次已在设备保障岗位值班", page.Find("[data-testid=roster-error]").TextContent), Wait);
        Assert.Single(page.FindAll("[data-testid=roster-editor]"));
    }
}

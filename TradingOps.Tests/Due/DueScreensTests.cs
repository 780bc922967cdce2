using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Cases;
using TradingOps.Core.Common;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Cases;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Cases;
using TradingOps.Web.Live;
using TradingOps.Web.Wall;

namespace TradingOps.Tests.Due;

/// <summary>
/// The wall's overdue-case alert, the node's case board behind it and the /due page, on a real database and live from
/// the in-process bus.
/// </summary>
public sealed class DueScreensTests : SqliteLiveBunitContext, IAsyncLifetime
{
    private static DateTimeOffset At(string local) => CenterTime.At(DateOnly.Parse(local[..10]), TimeOnly.Parse(local[11..]));

    private const string Subject = "评标专家与投标人存在利害关系庚辰";
    private const string Raiser = "欧阳投诉人";
    private const string Phone = "13766668888";
    private const string Project = "TS-MIMI-2026";

    private readonly FakeTimeProvider _clock = new(At("2026-11-23 10:00")); // Monday
    private BunitAuthorizationContext _auth = default!;

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        _auth = AddAuthorization();
    }

    Task IAsyncLifetime.InitializeAsync() => SeedAsync();

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private static void Until<T>(IRenderedComponent<T> c, Action assertion) where T : Microsoft.AspNetCore.Components.IComponent =>
        c.WaitForAssertion(assertion, TimeSpan.FromSeconds(10));

    private async Task SeedAsync()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await DbAsync();
        var center = new Center("W", "测试中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        db.AddRange(center, zone, new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0));
        db.AddClerks(Clerks.NewStaff("E001", "王芳"));
        await db.SaveChangesAsync();
    }

    private async Task<TradingOpsDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();

    private async Task<Case> ReceiveAsync(string? handler = "clerk-e001", CaseKind kind = CaseKind.Complaint)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CaseIntakeService>().ReceiveAsync(
            new CaseIntake(kind, CaseChannel.PublicForm, CaseStage.Evaluation, Project, Subject, "评标委员会中一名专家曾在投标人处任职",
                Raiser, Phone, "某建设集团", "ouyang@example.com", null), "网上表单", handler);
    }

    /// <summary>Forwards a case as the desk would (the routing service is part A's), publishing the change after commit.</summary>
    private async Task ForwardAsync(Guid id)
    {
        await using var db = await DbAsync();
        var c = await db.Cases.SingleAsync(x => x.Id == id);
        var calendar = await Services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync();
        c.Forward(CaseClockPreset.Defaults().Single(p => p.Key == "tendering-complaint"), "市住建局", "公文交换", null, "clerk-e001", _clock.GetUtcNow(), calendar);
        await db.SaveChangesAsync();
        await Services.GetRequiredService<ILiveEventPublisher>().PublishAsync(new CaseChanged(_clock.GetUtcNow(), c.ToRow()));
    }

    private Task TickAsync(string local)
    {
        _clock.SetUtcNow(At(local));
        return Services.GetRequiredService<ILiveEventPublisher>().PublishAsync(new ClockTick(_clock.GetUtcNow())).AsTask();
    }

    [Fact]
    public async Task The_wall_alerts_a_case_past_its_forwarding_time_with_kind_number_and_lateness_only_and_drops_it_once_forwarded()
    {
        _auth.SetAuthorized("display").SetRoles(Roles.Display);
        var late = await ReceiveAsync();  // forwarding due 15:30 (4 working hours, lunch 12:00-13:30 not counted)
        _clock.SetUtcNow(At("2026-11-23 12:00"));
        var onTime = await ReceiveAsync(); // due the next morning
        Assert.Equal(At("2026-11-23 15:30"), late.ForwardDueAt);

        var panel = Render<AlertsWallPanel>();
        Until(panel, () => Assert.Contains("暂无提醒", panel.Find("[data-testid=wall-alerts]").TextContent));
        Assert.Empty(panel.FindAll($"[data-testid=alert-case-{late.Number}]"));

        // The clock alone makes it overdue.
        await TickAsync("2026-11-23 16:00");
        Until(panel, () =>
        {
            var alert = panel.Find($"[data-testid=alert-case-{late.Number}]");
            Assert.Contains("投诉", alert.TextContent);
            Assert.Contains(late.Number, alert.TextContent);
            Assert.Contains("待 中心转交 · 超期 30 分", alert.TextContent);
        });
        Assert.Empty(panel.FindAll($"[data-testid=alert-case-{onTime.Number}]"));
        foreach (var secret in new[] { Subject, Raiser, Phone, Project, "某建设集团", "ouyang@example.com", "专家曾在投标人处任职" })
            Assert.DoesNotContain(secret, panel.Markup);

        // Forwarded: the center's clock stops, the department's 30 working days start; the alert goes with the change event.
        await ForwardAsync(late.Id);
        Until(panel, () => Assert.Empty(panel.FindAll($"[data-testid=alert-case-{late.Number}]")));
    }

    [Fact]
    public async Task The_case_board_applies_each_change_from_the_event_without_reading_the_database_again()
    {
        var first = await ReceiveAsync();
        var board = Services.GetRequiredService<CaseBoard>();
        Assert.Equal([first.Id], (await board.OpenAsync()).Select(r => r.Id));
        Assert.Equal(1, board.Reads);

        var second = await ReceiveAsync(handler: null);
        await Services.GetRequiredService<LiveEventBus>().DeliveredAsync();
        Assert.Equal(new[] { first.Id, second.Id }.Order(), (await board.OpenAsync()).Select(r => r.Id).Order());

        await ForwardAsync(first.Id);
        await Services.GetRequiredService<LiveEventBus>().DeliveredAsync();
        Assert.Equal(CaseState.Forwarded, (await board.OpenAsync()).Single(r => r.Id == first.Id).State);

        // Resolved or withdrawn: off the board.
        var withdrawn = (await board.OpenAsync()).Single(r => r.Id == second.Id) with { State = CaseState.Withdrawn };
        await Services.GetRequiredService<ILiveEventPublisher>().PublishAsync(new CaseChanged(_clock.GetUtcNow(), withdrawn));
        await Services.GetRequiredService<LiveEventBus>().DeliveredAsync();
        Assert.Equal([first.Id], (await board.OpenAsync()).Select(r => r.Id));

        Assert.Equal(1, board.Reads);
    }

    [Fact]
    public async Task A_clerks_board_starts_with_their_own_items_each_row_links_to_its_page_and_turns_overdue_on_the_tick()
    {
        var mine = await ReceiveAsync("clerk-e001");
        var unassigned = await ReceiveAsync(handler: null, kind: CaseKind.Report);
        _auth.SetAuthorized("clerk-e001").SetRoles(Roles.Staff);

        var page = Render<DueBoardPage>();
        Until(page, () => Assert.Single(page.FindAll($"[data-testid=due-row-Case-{mine.Number}]")));
        Assert.Empty(page.FindAll($"[data-testid=due-row-Case-{unassigned.Number}]")); // "我的" by default for a clerk
        var row = page.Find($"[data-testid=due-row-Case-{mine.Number}]");
        Assert.Equal($"/cases/{mine.Id}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("OnTime", row.GetAttribute("data-urgency"));
        Assert.Contains("剩 4 小时 0 分", row.TextContent); // 10:00 → 15:30 less the lunch break
        Assert.Equal("1", page.Find("[data-testid=due-count-Case]").TextContent);
        Assert.DoesNotContain(Raiser, page.Markup);
        Assert.DoesNotContain(Subject, page.Markup);

        await TickAsync("2026-11-23 15:00");
        Until(page, () => Assert.Equal("DueSoon", page.Find($"[data-testid=due-row-Case-{mine.Number}]").GetAttribute("data-urgency")));
        await TickAsync("2026-11-24 09:00");
        Until(page, () =>
        {
            var overdue = page.Find($"[data-testid=due-row-Case-{mine.Number}]");
            Assert.Equal("Overdue", overdue.GetAttribute("data-urgency"));
            Assert.Contains("超期 17 小时 30 分", overdue.TextContent); // on the clock, overnight included
        });
    }

    [Fact]
    public async Task The_supervising_department_reads_everyones_items_and_the_kind_chips_filter_them()
    {
        var mine = await ReceiveAsync("clerk-e001");
        var unassigned = await ReceiveAsync(handler: null, kind: CaseKind.Report);
        _auth.SetAuthorized("observer").SetRoles(Roles.Observer);

        var page = Render<DueBoardPage>();
        Until(page, () => Assert.Equal(2, page.FindAll("[data-testid^=due-row-Case-]").Count));
        Assert.Equal("2", page.Find("[data-testid=due-count-Case]").TextContent);

        page.Find("[data-testid=due-filter-kind-VenueRequest]").Click();
        Until(page, () => Assert.Single(page.FindAll("[data-testid=due-empty]")));
        page.Find("[data-testid=due-filter-kind-Case]").Click();
        Until(page, () => Assert.Equal(2, page.FindAll("[data-testid^=due-row-Case-]").Count));
        Assert.Contains(unassigned.Number, page.Markup);
        Assert.Contains(mine.Number, page.Markup);
    }
}

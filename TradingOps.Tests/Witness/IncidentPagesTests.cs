using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;
using TradingOps.Core.Organisation;
using TradingOps.Core.Witness;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Data.Witness;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Witness;

namespace TradingOps.Tests.Witness;

/// <summary>The incident pages on a real database: the raise form, the incident page's actions and lists, the list's overdue reports; the Observer reads only.</summary>
public sealed class IncidentPagesTests : SqliteLiveBunitContext, IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(9, 0)));
    private BunitAuthorizationContext _auth = null!;
    private RoomBooking _session = null!;

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        _auth = AddAuthorization();
    }

    Task IAsyncLifetime.InitializeAsync() => SetUpAsync();

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private async Task SetUpAsync()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        _auth.SetAuthorized("staff").SetRoles(Roles.Staff);
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        Room room;
        await using (var db = await DbAsync())
        {
            var center = new Center("W", "测试中心", null);
            var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
            room = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
            db.AddRange(center, zone, room);
            await db.SaveChangesAsync();
        }
        var bookings = Services.GetRequiredService<BookingService>();
        var now = _clock.GetUtcNow();
        _session = await bookings.BookAsync(new BookingRequest(room.Id, null, "GC2026-0501", "示范中学食堂改造", "华信招标代理有限公司",
            BookingPurpose.BidOpening, 20, now.AddMinutes(10), now.AddHours(2), "王敏", "13800001111", "wangmin@example.com"));
        await bookings.SessionAsync(_session.Id, SessionCommand.Confirm);
        await bookings.SessionAsync(_session.Id, SessionCommand.CheckIn);
        await bookings.SessionAsync(_session.Id, SessionCommand.Start);
        Render<MudPopoverProvider>();
    }

    private async Task<TradingOpsDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();

    private static void Until<T>(IRenderedComponent<T> component, Action assertion) where T : IComponent =>
        component.WaitForAssertion(assertion, TimeSpan.FromSeconds(10));

    private Task<Incident> RaiseAsync(bool suspend = true) =>
        Services.GetRequiredService<IncidentService>().RaiseAsync(new IncidentRequest(IncidentCategory.SystemFailure, IncidentScope.Session,
            "电子开标系统解密失败", _session.Id, null, suspend, "解密服务无响应"));

    [Fact]
    public async Task Raising_from_a_session_shows_the_categorys_checklist_ticks_suspend_now_for_a_system_failure_and_suspends_the_session()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/witness/incidents/new?booking={_session.Id}");
        var form = Render<NewIncident>();
        Until(form, () => Assert.Contains("GC2026-0501", form.Find("[data-testid=incident-subject]").TextContent));

        form.Find("[data-testid=category-SiteOrder]").Click();
        Until(form, () => Assert.Contains("通知安保", form.Find("[data-testid=incident-checklist]").TextContent));
        Assert.Empty(form.FindAll("[data-testid=incident-reason]"));      // order on site: "suspend now" not ticked (no reason asked)
        form.Find("[data-testid=category-SystemFailure]").Click();
        Until(form, () => Assert.Contains("通知技术保障人员", form.Find("[data-testid=incident-checklist]").TextContent));
        Until(form, () => Assert.NotEmpty(form.FindAll("[data-testid=incident-reason]"))); // a system failure: "suspend now" ticked

        form.Find("textarea[data-testid=incident-description]").Change("解密服务器宕机，投标人无法解密");
        form.Find("[data-testid=incident-raise]").Click();

        Until(form, () => Assert.Contains("/witness/incidents/", Services.GetRequiredService<NavigationManager>().Uri));
        await using var db = await DbAsync();
        Assert.Equal(SessionPhase.Suspended, (await db.RoomBookings.SingleAsync(b => b.Id == _session.Id)).Phase);
        var incident = await db.Incidents.SingleAsync();
        Assert.Equal((IncidentCategory.SystemFailure, IncidentState.Suspended), (incident.Category, incident.State));
        Assert.EndsWith($"/witness/incidents/{incident.Id}", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task The_incident_page_lists_its_messages_and_entries_and_resumes_after_confirmation()
    {
        var incident = await RaiseAsync();
        var page = Render<IncidentPage>(p => p.Add(x => x.Id, incident.Id));
        Until(page, () => Assert.Equal("Suspended", page.Find("[data-testid=incident-state]").GetAttribute("data-state")));
        Assert.NotEmpty(page.FindAll("[data-testid=message-SessionSuspended-Sms]"));
        Assert.NotEmpty(page.FindAll("[data-testid=message-DepartmentReport-Email]"));
        Assert.Contains("待发送", page.Find("[data-testid=incident-messages]").TextContent);
        Assert.Contains("会议暂停", page.Find("[data-testid=incident-entries]").TextContent);

        page.Find("[data-testid=action-resume]").Click();
        Until(page, () => Assert.NotNull(page.Find("[data-testid=incident-confirm]")));
        await using (var db = await DbAsync())
            Assert.Equal(SessionPhase.Suspended, (await db.RoomBookings.SingleAsync(b => b.Id == _session.Id)).Phase); // nothing before confirming
        page.Find("input[data-testid=confirm-text]").Change("解密服务已恢复");
        page.Find("[data-testid=confirm-yes]").Click();

        Until(page, () => Assert.Equal("Resumed", page.Find("[data-testid=incident-state]").GetAttribute("data-state")));
        Assert.NotEmpty(page.FindAll("[data-testid=message-SessionResumed-Sms]"));
        await using var check = await DbAsync();
        Assert.Equal(SessionPhase.InSession, (await check.RoomBookings.SingleAsync(b => b.Id == _session.Id)).Phase);
    }

    [Fact]
    public async Task A_checklist_item_is_ticked_with_who_and_when_and_the_report_is_recorded_from_the_page()
    {
        var incident = await RaiseAsync();
        var page = Render<IncidentPage>(p => p.Add(x => x.Id, incident.Id));
        Until(page, () => Assert.NotNull(page.Find("[data-testid=tick-call-tech]")));
        page.Find("[data-testid=tick-call-tech]").Click();
        Until(page, () => Assert.Contains("09:00", page.Find("[data-testid=item-call-tech]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=tick-call-tech]"));

        page.Find("input[data-testid=report-reference]").Change("监管局值班室王科长接报");
        page.Find("[data-testid=report-save]").Click();
        Until(page, () => Assert.Contains("监管局值班室王科长接报", page.Find("[data-testid=report-recorded]").TextContent));
    }

    [Fact]
    public async Task The_observer_reads_the_incident_without_any_action()
    {
        var incident = await RaiseAsync();
        _auth.SetAuthorized("jianguan").SetRoles(Roles.Observer);
        var page = Render<IncidentPage>(p => p.Add(x => x.Id, incident.Id));
        Until(page, () => Assert.NotNull(page.Find("[data-testid=incident-facts]")));
        Assert.Empty(page.FindAll("[data-testid=incident-actions]"));
        Assert.Empty(page.FindAll("[data-testid=report-save]"));
        Assert.Empty(page.FindAll("[data-testid^=tick-]"));
    }

    [Fact]
    public async Task The_list_highlights_an_overdue_department_report_and_filters_by_category()
    {
        var incident = await RaiseAsync(suspend: false);
        _clock.Advance(TimeSpan.FromHours(3)); // the report was due two hours after the incident
        var list = Render<IncidentList>();
        Until(list, () => Assert.NotNull(list.Find($"[data-testid=overdue-{incident.Id}]")));
        Assert.Contains("1 个异常事件", list.Find("[data-testid=incident-overdue-count]").TextContent);

        await Services.GetRequiredService<IncidentService>().RecordReportAsync(incident.Id, IncidentReportChannel.Phone, "值班室接报");
        list.Find("[data-testid=filter-apply]").Click();
        Until(list, () => Assert.Empty(list.FindAll($"[data-testid=overdue-{incident.Id}]")));
        Assert.NotNull(list.Find($"[data-testid=incident-{incident.Id}]"));
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Data;
using TradingOps.Data.Identity;
using TradingOps.Data.Queue;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Queue;

/// <summary>
/// The clerk who served is the one credited: a window is bound to the staff member who signed on, only they act
/// there, a duty manager takes over with a reason, sign-out and idle time sign the window off, and every ticket
/// event and rating carries the staff member. On a real SQLite database, through the queue service.
/// </summary>
public sealed class WindowClerkTests : IAsyncLifetime
{
    // Monday 2026-11-23 10:00 in Shanghai.
    private readonly FakeTimeProvider _clock = new(CenterTime.At(new DateOnly(2026, 11, 23), new TimeOnly(10, 0)));
    private ServiceProvider _services = null!;
    private ServiceType _type = null!;
    private ServiceWindow _window = null!, _otherWindow = null!;
    private readonly Staff _a = Clerks.NewStaff("0123", "张三");
    private readonly Staff _b = Clerks.NewStaff("0456", "李四");
    private readonly Staff _manager = Clerks.NewStaff("0007", "王经理");

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), clock: _clock);
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("Q", "测试中心", null);
        var zone = new Zone(center.Id, "公共服务区", ZoneKind.PublicService, "1F");
        _type = new ServiceType("A", "项目登记受理", 1);
        _window = new ServiceWindow(zone.Id, 3, "3号窗口", [_type]);
        _otherWindow = new ServiceWindow(zone.Id, 4, "4号窗口", [_type]);
        db.AddRange(center, zone, _type, _window, _otherWindow);
        db.AddClerks(_a, _b, _manager);
        var role = new IdentityRole(Roles.DutyManager) { NormalizedName = Roles.DutyManager.ToUpperInvariant() };
        db.Roles.Add(role);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = _manager.UserId!, RoleId = role.Id });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private QueueService As(Staff staff) => _services.QueueAs(staff);

    private async Task<ServiceWindow> WindowAsync()
    {
        await using var db = await _services.NewContextAsync();
        return await db.ServiceWindows.AsNoTracking().SingleAsync(w => w.Id == _window.Id);
    }

    private async Task<QueueTicket> TicketAsync(Guid id)
    {
        await using var db = await _services.NewContextAsync();
        return await db.QueueTickets.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    [Fact]
    public async Task Signing_on_binds_the_window_to_the_signed_in_staff_member_shown_as_employee_number_and_name()
    {
        await As(_a).SignOnAsync(_window.Id);

        var window = await WindowAsync();
        Assert.Equal(_a.Id, window.ClerkStaffId);
        Assert.Equal("0123 / 张三", window.ClerkName);
        var row = await _services.CreateScope().ServiceProvider.GetRequiredService<QueueQueries>().WindowAsync(3);
        Assert.Equal("0123 / 张三", row!.ClerkName);
    }

    [Fact]
    public async Task An_account_without_a_staff_record_cannot_sign_on_and_is_told_why_in_Chinese()
    {
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            _services.QueueAs(Actor.User("someone-without-staff", "nobody")).SignOnAsync(_window.Id));
        Assert.Equal("ServiceWindow.NoStaffRecord", refused.Code);
        Assert.Contains("没有关联在职工作人员", refused.Message);
        Assert.Null((await WindowAsync()).ClerkStaffId);
    }

    [Fact]
    public async Task Staff_B_cannot_sign_on_over_call_or_finish_at_a_window_signed_on_by_staff_A()
    {
        await As(_a).SignOnAsync(_window.Id);
        var issued = await As(_a).IssueAsync(_type.Id, TicketChannel.Kiosk);

        var signOn = await Assert.ThrowsAsync<DomainException>(() => As(_b).SignOnAsync(_window.Id));
        Assert.Equal("ServiceWindow.OtherClerk", signOn.Code);
        var call = await Assert.ThrowsAsync<DomainException>(() => As(_b).CallNextAsync(_window.Id));
        Assert.Equal("ServiceWindow.NotYourWindow", call.Code);
        Assert.Contains("3 号窗口由 0123 / 张三 签到，只有本人可以叫号", call.Message);
        Assert.Equal(TicketStatus.Waiting, (await TicketAsync(issued.Id)).Status);

        Assert.Equal(issued.Id, (await As(_a).CallNextAsync(_window.Id))!.Id);
        foreach (var change in new Func<QueueService, Task>[]
                 {
                     q => q.RecallAsync(issued.Id), q => q.NoShowAsync(issued.Id), q => q.StartServingAsync(issued.Id),
                     q => q.HoldAsync(issued.Id, "取材料"), q => q.TransferAsync(issued.Id, _type.Id, _otherWindow.Id),
                     q => q.PauseAsync(_window.Id, "午休"), q => q.SignOffAsync(_window.Id),
                 })
            Assert.Equal("ServiceWindow.NotYourWindow", (await Assert.ThrowsAsync<DomainException>(() => change(As(_b)))).Code);
        await As(_a).StartServingAsync(issued.Id);
        var finish = await Assert.ThrowsAsync<DomainException>(() => As(_b).FinishAsync(issued.Id, ServiceOutcome.Completed, null));
        Assert.Equal("ServiceWindow.NotYourWindow", finish.Code);
        Assert.Equal(TicketStatus.Serving, (await TicketAsync(issued.Id)).Status);

        await As(_a).FinishAsync(issued.Id, ServiceOutcome.Completed, null);
        var ticket = await TicketAsync(issued.Id);
        Assert.Equal(TicketStatus.Finished, ticket.Status);
        Assert.Equal((_a.Id, "0123 / 张三"), (ticket.ServedByStaffId, ticket.ServedByName));
    }

    [Fact]
    public async Task A_clerk_signed_on_at_one_window_cannot_sign_on_at_a_second()
    {
        await As(_a).SignOnAsync(_window.Id);
        var refused = await Assert.ThrowsAsync<DomainException>(() => As(_a).SignOnAsync(_otherWindow.Id));
        Assert.Equal("ServiceWindow.SignedOnElsewhere", refused.Code);
        Assert.Contains("3 号窗口", refused.Message);
    }

    [Fact]
    public async Task A_duty_manager_takes_over_with_a_reason_recorded_in_the_audit_trail_and_on_the_tickets_at_the_window()
    {
        await As(_a).SignOnAsync(_window.Id);
        var issued = await As(_a).IssueAsync(_type.Id, TicketChannel.Kiosk);
        await As(_a).CallNextAsync(_window.Id);
        await As(_a).StartServingAsync(issued.Id);

        var notManager = await Assert.ThrowsAsync<DomainException>(() => As(_b).TakeOverAsync(_window.Id, "代班"));
        Assert.Equal("ServiceWindow.TakeOverDenied", notManager.Code);
        Assert.Contains("只有值班经理或管理员可以接管窗口", notManager.Message);
        var noReason = await Assert.ThrowsAsync<DomainException>(() => As(_manager).TakeOverAsync(_window.Id, "  "));
        Assert.Contains("接管原因 不能为空", noReason.Message);
        Assert.Equal(_a.Id, (await WindowAsync()).ClerkStaffId);

        _clock.Advance(TimeSpan.FromMinutes(4));
        await As(_manager).TakeOverAsync(_window.Id, "张三身体不适离岗");

        var window = await WindowAsync();
        Assert.Equal((_manager.Id, "0007 / 王经理"), (window.ClerkStaffId, window.ClerkName));
        Assert.Equal("0123 / 张三 → 0007 / 王经理：张三身体不适离岗", window.TakeOverReason);
        await using (var db = await _services.NewContextAsync())
        {
            var takenOver = await db.TicketEvents.SingleAsync(e => e.TicketId == issued.Id && e.Kind == TicketEventKind.TakenOver);
            Assert.Equal(_manager.Id, takenOver.StaffId);
            Assert.Equal("0123 / 张三 → 0007 / 王经理：张三身体不适离岗", takenOver.Detail);
            var audited = await db.AuditEntries.Where(e => e.Entity == nameof(ServiceWindow) && e.Key == _window.Id.ToString()
                && e.ActorId == _manager.UserId).ToListAsync();
            Assert.Contains(audited, e => e.Changes.Contains("张三身体不适离岗") && e.Changes.Contains("0007 / 王经理"));
        }

        // From now on the manager, not the clerk who left, acts and is credited.
        var late = await Assert.ThrowsAsync<DomainException>(() => As(_a).FinishAsync(issued.Id, ServiceOutcome.Completed, null));
        Assert.Equal("ServiceWindow.NotYourWindow", late.Code);
        await As(_manager).FinishAsync(issued.Id, ServiceOutcome.Completed, null);
        Assert.Equal(_manager.Id, (await TicketAsync(issued.Id)).ServedByStaffId);
    }

    [Fact]
    public async Task Signing_out_signs_off_every_window_the_person_is_signed_on_to()
    {
        await As(_a).SignOnAsync(_window.Id);
        await As(_b).SignOnAsync(_otherWindow.Id);

        Assert.Equal(1, await _services.CreateScope().ServiceProvider.GetRequiredService<QueueService>().SignOffUserAsync(_a.UserId!));

        Assert.Null((await WindowAsync()).ClerkStaffId);
        await using var db = await _services.NewContextAsync();
        Assert.Equal(_b.Id, (await db.ServiceWindows.SingleAsync(w => w.Id == _otherWindow.Id)).ClerkStaffId);
    }

    [Fact]
    public async Task A_window_with_no_action_for_the_configured_idle_time_is_signed_off_and_every_action_restarts_the_count()
    {
        var queue = _services.CreateScope().ServiceProvider.GetRequiredService<QueueService>();
        await As(_a).SignOnAsync(_window.Id);
        var issued = await As(_a).IssueAsync(_type.Id, TicketChannel.Kiosk);

        _clock.Advance(TimeSpan.FromMinutes(20));
        await As(_a).CallNextAsync(_window.Id); // an action at the window: the 30 minutes (default) count from here
        _clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(0, await queue.SignOffIdleAsync());
        Assert.Equal(_a.Id, (await WindowAsync()).ClerkStaffId);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await queue.SignOffIdleAsync());
        Assert.Null((await WindowAsync()).ClerkStaffId);
        Assert.Equal("ServiceWindow.NotSignedOn",
            (await Assert.ThrowsAsync<DomainException>(() => As(_a).StartServingAsync(issued.Id))).Code);
    }

    [Fact]
    public async Task Every_ticket_event_and_the_rating_carry_the_staff_member_who_served()
    {
        await As(_a).SignOnAsync(_window.Id);
        var issued = await As(_a).IssueAsync(_type.Id, TicketChannel.Kiosk);
        await As(_a).CallNextAsync(_window.Id);
        await As(_a).RecallAsync(issued.Id);
        await As(_a).StartServingAsync(issued.Id);
        await As(_a).HoldAsync(issued.Id, "取材料");
        await As(_a).StartServingAsync(issued.Id);
        await As(_a).FinishAsync(issued.Id, ServiceOutcome.Completed, null);
        await _services.CreateScope().ServiceProvider.GetRequiredService<QueueService>()
            .RateAsync(issued.RatingToken, RatingLevel.Satisfied, null, null, RatingChannel.QrCode);

        await using var db = await _services.NewContextAsync();
        var events = await db.TicketEvents.Where(e => e.TicketId == issued.Id).ToListAsync();
        Assert.Null(events.Single(e => e.Kind == TicketEventKind.Issued).StaffId); // the visitor took the number
        Assert.All(events.Where(e => e.Kind != TicketEventKind.Issued), e => Assert.Equal(_a.Id, e.StaffId));
        Assert.Equal(7, events.Count(e => e.StaffId == _a.Id));
        Assert.Equal(_a.Id, (await db.SatisfactionRatings.SingleAsync(r => r.TicketId == issued.Id)).StaffId);
    }
}

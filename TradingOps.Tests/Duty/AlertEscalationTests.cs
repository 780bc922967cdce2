using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Duty;
using TradingOps.Core.Notifications;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Duty;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Duty;

/// <summary>
/// Operations alerts along the duty roster on a real database (SQLite here, PostgreSQL in the full lane): raised to the first technician on duty with an
/// SMS in the outbox, unacknowledged after the configured minutes escalated to the second, then the third, an SMS each
/// time and each escalation in the audit trail; acknowledged alerts stay where they are; only the assignee (or a duty
/// manager) acknowledges; roster edits validated in Chinese with nothing saved when refused.
/// </summary>
public abstract class AlertEscalationContract : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    private static readonly Actor Admin = Actor.User("u-admin", "admin");
    private static readonly Actor Job = Actor.Job("alert-escalation");
    private static readonly DateOnly Thursday = new(2026, 12, 3);
    private readonly FakeTimeProvider _clock = new(CenterTime.At(Thursday, new TimeOnly(9, 0)));
    private ServiceProvider _services = null!;
    private Staff _first = null!, _second = null!, _third = null!, _manager = null!;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(Provider, NewDatabase(), Admin, clock: _clock);
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        _first = new Staff("T001", "王工", "信息技术部", null, "13900000001");
        _second = new Staff("T002", "周工", "信息技术部", null, "13900000002");
        _third = new Staff("T003", "吴工", "信息技术部", null, "13900000003");
        _manager = new Staff("M001", "李主任", "综合部", null, "13900000009");
        foreach (var id in new[] { "u-wang", "u-zhou" })
            db.Users.Add(new TradingOps.Data.Identity.ApplicationUser { Id = id, UserName = id, NormalizedUserName = id.ToUpperInvariant(), DisplayName = id });
        _first.LinkAccount("u-wang");
        _second.LinkAccount("u-zhou");
        db.AddRange(new Center("T", "测试中心", null), _first, _second, _third, _manager);
        await db.SaveChangesAsync();
        await As(Admin, async sp =>
        {
            var roster = sp.GetRequiredService<DutyRosterService>();
            await roster.SetAsync(Thursday, DutyShift.Day, DutyRole.Technician, [_first.Id, _second.Id, _third.Id]);
            await roster.SetAsync(Thursday, DutyShift.Day, DutyRole.DutyManager, [_manager.Id]);
            return 0;
        });
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<T> As<T>(Actor who, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = who;
        return await action(scope.ServiceProvider);
    }

    private Task<OpsAlertRow> RaiseAsync() => As(Job, sp => sp.GetRequiredService<OpsAlertService>()
        .RaiseAsync(OpsAlertKind.DeviceSilent, "device:K201-plate", "K201 门牌屏失联", "最后心跳 08:58"));

    private Task<IReadOnlyList<OpsAlertRow>> EscalateAsync() => As(Job, sp => sp.GetRequiredService<OpsAlertService>().EscalateAsync(_clock.GetUtcNow()));

    private async Task<List<OutboxMessage>> SmsAsync()
    {
        await using var db = await _services.NewContextAsync();
        return (await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == NotificationKind.DutyAlert).ToListAsync()).OrderBy(m => m.CreatedAt).ToList();
    }

    [Fact]
    public async Task An_alert_nobody_acknowledges_escalates_to_the_second_then_the_third_on_the_roster_with_an_SMS_each_time()
    {
        var raised = await RaiseAsync();
        Assert.Equal(("王工", 0), (raised.AssignedName, raised.EscalationLevel));
        Assert.Equal(["13900000001"], (await SmsAsync()).Select(m => m.Address));

        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Empty(await EscalateAsync()); // not yet: 10 minutes by default

        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = Assert.Single(await EscalateAsync());
        Assert.Equal(("周工", 1), (second.AssignedName, second.EscalationLevel));
        Assert.Empty(await EscalateAsync()); // run again the same minute: nothing twice

        _clock.Advance(TimeSpan.FromMinutes(10));
        var third = Assert.Single(await EscalateAsync());
        Assert.Equal(("吴工", 2), (third.AssignedName, third.EscalationLevel));

        var sms = await SmsAsync();
        Assert.Equal(["13900000001", "13900000002", "13900000003"], sms.Select(m => m.Address));
        Assert.Contains("运维告警升级（第 3 级）", sms[2].Body);
        Assert.All(sms, m => Assert.Equal(NotificationChannel.Sms, m.Channel));

        // Each escalation is in the audit trail, by the job, with the new assignee.
        await using var db = await _services.NewContextAsync();
        var audited = await db.AuditEntries.AsNoTracking().Where(e => e.Entity == nameof(OpsAlert) && e.Key == raised.Id.ToString() && e.Action == AuditAction.Modified).ToListAsync();
        Assert.Equal(2, audited.Count);
        Assert.All(audited, e => Assert.Equal("job:alert-escalation", e.ActorName));
        Assert.Contains(audited, e => e.Changes.Contains("吴工"));
    }

    [Fact]
    public async Task An_acknowledged_alert_does_not_escalate_and_records_who_acknowledged_it_and_when()
    {
        var raised = await RaiseAsync();
        _clock.Advance(TimeSpan.FromMinutes(3));
        var acknowledged = await As(Actor.User("u-wang", "王工"), sp => sp.GetRequiredService<OpsAlertService>().AcknowledgeAsync(raised.Id));
        Assert.Equal(("王工", _clock.GetUtcNow()), (acknowledged.AcknowledgedBy, acknowledged.AcknowledgedAt));

        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Empty(await EscalateAsync());
        Assert.Single(await SmsAsync());

        await using var db = await _services.NewContextAsync();
        Assert.Contains(await db.AuditEntries.AsNoTracking().Where(e => e.Entity == nameof(OpsAlert) && e.Action == AuditAction.Modified).ToListAsync(),
            e => e.ActorId == "u-wang" && e.Changes.Contains("AcknowledgedAt"));
    }

    [Fact]
    public async Task Only_the_assignee_or_a_duty_manager_acknowledges_and_a_cleared_alert_neither_escalates_nor_stays_open()
    {
        var raised = await RaiseAsync();
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            As(Actor.User("u-zhou", "周工"), sp => sp.GetRequiredService<OpsAlertService>().AcknowledgeAsync(raised.Id)));
        Assert.Equal("该告警由 王工 负责，只有本人或值班主任可以确认", refused.Message);

        var byManager = await As(Actor.User("u-duty", "值班经理"), sp => sp.GetRequiredService<OpsAlertService>().AcknowledgeAsync(raised.Id, mayActForOthers: true));
        Assert.Equal("值班经理", byManager.AcknowledgedBy);
        var twice = await Assert.ThrowsAsync<DomainException>(() =>
            As(Actor.User("u-wang", "王工"), sp => sp.GetRequiredService<OpsAlertService>().AcknowledgeAsync(raised.Id)));
        Assert.Contains("已由 值班经理 确认", twice.Message);

        // Another alert, cleared before anyone acknowledged it: no escalation, listed as recently cleared.
        await As(Job, sp => sp.GetRequiredService<OpsAlertService>().RaiseAsync(OpsAlertKind.IntegrationDown, "integration:redis", "Redis 总线中断", null));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await As(Job, sp => sp.GetRequiredService<OpsAlertService>().ClearAsync("integration:redis")));
        _clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Empty(await EscalateAsync());
        var cleared = await As(Job, sp => sp.GetRequiredService<OpsAlertService>().RecentlyClearedAsync());
        Assert.Equal(["integration:redis"], cleared.Select(c => c.Key));
    }

    [Fact]
    public async Task An_alert_raised_with_nobody_rostered_goes_to_the_first_on_duty_once_the_roster_names_someone()
    {
        // Evening shift: nobody rostered yet.
        _clock.SetUtcNow(CenterTime.At(Thursday, new TimeOnly(18, 0)));
        var raised = await RaiseAsync();
        Assert.Null(raised.AssignedName);
        Assert.Empty(await SmsAsync());
        Assert.Empty(await EscalateAsync());

        await As(Admin, async sp => { await sp.GetRequiredService<DutyRosterService>().SetAsync(Thursday, DutyShift.Evening, DutyRole.Technician, [_third.Id, _first.Id]); return 0; });
        var assigned = Assert.Single(await EscalateAsync());
        Assert.Equal(("吴工", 0), (assigned.AssignedName, assigned.EscalationLevel));
        Assert.Equal(["13900000003"], (await SmsAsync()).Select(m => m.Address));
        var callList = await As(Admin, sp => sp.GetRequiredService<OpsAlertService>().CallListAsync(DutyRole.Technician));
        Assert.Equal([("吴工", "13900000003"), ("王工", "13900000001")], callList.Select(p => (p.Name, p.Phone)));
    }

    [Fact]
    public async Task A_roster_edit_that_breaks_a_rule_is_refused_in_Chinese_and_saves_nothing_and_a_week_copies_onto_the_calendar()
    {
        var roster = (IServiceProvider sp) => sp.GetRequiredService<DutyRosterService>();
        var twoRoles = await Assert.ThrowsAsync<DomainException>(() =>
            As(Admin, async sp => { await roster(sp).SetAsync(Thursday, DutyShift.Day, DutyRole.Security, [_manager.Id]); return 0; }));
        Assert.Equal("李主任 本班次已在值班主任岗位值班", twoRoles.Message);
        var saturdayDay = await Assert.ThrowsAsync<DomainException>(() =>
            As(Admin, async sp => { await roster(sp).SetAsync(new DateOnly(2026, 12, 5), DutyShift.Day, DutyRole.Security, [_third.Id]); return 0; }));
        Assert.Contains("非工作日，只排节假日班", saturdayDay.Message);
        var past = await Assert.ThrowsAsync<DomainException>(() =>
            As(Admin, async sp => { await roster(sp).SetAsync(Thursday.AddDays(-1), DutyShift.Evening, DutyRole.Security, [_third.Id]); return 0; }));
        Assert.Contains("已结束", past.Message);

        var week = await As(Admin, sp => roster(sp).PeriodAsync(new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 6)));
        Assert.Equal(4, week.Rows.Count); // only what was set up
        Assert.Equal(["王工", "周工", "吴工"], week.People(Thursday, DutyShift.Day, DutyRole.Technician).Select(a => a.StaffName));
        Assert.Contains(week.Problems, p => p.Day == Thursday && p.Shift == DutyShift.Day && p.Role == DutyRole.Security && p.Kind == RosterProblemKind.Gap);

        // Copy the week onto the next: Thursday 12-10's day shift gets the same people in the same order.
        var copied = await As(Admin, sp => roster(sp).CopyWeekAsync(new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 7)));
        Assert.Equal(4, copied);
        var next = await As(Admin, sp => roster(sp).PeriodAsync(new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 13)));
        Assert.Equal(["王工", "周工", "吴工"], next.People(new DateOnly(2026, 12, 10), DutyShift.Day, DutyRole.Technician).Select(a => a.StaffName));
        Assert.Equal("admin", next.Rows[0].CreatedBy);
    }
}

public sealed class AlertEscalationTests : AlertEscalationContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlAlertEscalationTests(PostgreSqlServer server) : AlertEscalationContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_{Guid.NewGuid():N}");
}

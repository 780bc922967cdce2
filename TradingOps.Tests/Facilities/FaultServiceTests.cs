using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Duty;
using TradingOps.Core.Facilities;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Facilities;
using TradingOps.Data.Floor;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Facilities;

/// <summary>Faults through a real SQLite database: the venue desk's outage, the alert, the repair.</summary>
public sealed class FaultServiceTests : IAsyncLifetime
{
    private ServiceProvider _services = default!;
    private readonly FakeTimeProvider _clock = new(Nine.AddHours(-2)); // 07:00 local
    private Room _k201 = default!, _k202 = default!;
    private Equipment _decryptor = default!, _clockDisplay = default!;

    private static DateTimeOffset At(int hour) => Nine.AddHours(hour - 9);

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), Actor.System("test"), clock: _clock);
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("TEST", "测试中心", "测试地址");
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        _k201 = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        _k202 = new Room(zone.Id, "K202", "第二开标室", RoomType.BidOpeningRoom, 40, 0);
        var at = _clock.GetUtcNow().AddDays(-30);
        _decryptor = new Equipment("SB-K201-01", "开标解密终端", EquipmentCategory.Decryptor, zone.Id, _k201.Id, true, "SN-D-1", null, null, new DateOnly(2025, 1, 1), null, "admin", at);
        _clockDisplay = new Equipment("SB-K201-02", "标准时钟", EquipmentCategory.TimeDisplay, zone.Id, _k201.Id, false, "SN-T-1", null, null, new DateOnly(2025, 1, 1), null, "admin", at);
        db.AddRange(center, zone, _k201, _k202, _decryptor, _clockDisplay);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private FaultService Service() => _services.CreateScope().ServiceProvider.GetRequiredService<FaultService>();

    private async Task<RoomBooking> BookAsync(Room room, DateTimeOffset from, DateTimeOffset to, string code)
    {
        await using var db = await _services.NewContextAsync();
        var booking = Booking(room, from, to, code);
        booking.SetContact("张经理", "13800138000", null);
        booking.Confirm();
        db.RoomBookings.Add(booking);
        await db.SaveChangesAsync();
        return booking;
    }

    private async Task<(int Faults, int Outages, int Alerts, EquipmentState State)> StateAsync(Equipment equipment)
    {
        await using var db = await _services.NewContextAsync();
        return (await db.Faults.CountAsync(), await db.RoomOutages.CountAsync(), await db.OpsAlerts.CountAsync(a => a.ClearedAt == null),
            (await db.Equipment.SingleAsync(e => e.Id == equipment.Id)).State);
    }

    [Fact]
    public async Task A_major_fault_on_essential_equipment_takes_the_room_out_through_the_venue_desk_with_proposals_and_raises_the_alert()
    {
        var morning = await BookAsync(_k201, At(9), At(10), "GC-2026-0001");
        var afternoon = await BookAsync(_k201, At(14), At(15), "GC-2026-0002");

        var reported = await Service().ReportAsync(new FaultReport(_decryptor.Id, FaultSource.Room, FaultSeverity.Major, "无法读取CA锁"));

        var fault = reported.Fault;
        Assert.Equal("GZ-20261123-001", fault.Number);
        Assert.True(fault.TakesRoomOut);
        var impact = Assert.IsType<OutageImpact>(reported.Outage);
        Assert.Equal(fault.OutageId, impact.Outage.Id);
        Assert.Equal((_k201.Id, _clock.GetUtcNow(), _clock.GetUtcNow().AddHours(24)), (impact.Outage.RoomId, impact.Outage.From, impact.Outage.Until));
        Assert.True(impact.Outage.WholeRoom);
        Assert.Equal([morning.Id, afternoon.Id], impact.Rows.Select(r => r.Booking.Id));
        Assert.All(impact.Rows, r => Assert.Equal(_k202.Id, r.Proposal!.RoomId));

        await using var db = await _services.NewContextAsync();
        var stored = await db.Faults.AsNoTracking().SingleAsync();
        Assert.Equal(impact.Outage.Id, stored.OutageId);
        Assert.Equal(EquipmentState.Faulty, (await db.Equipment.SingleAsync(e => e.Id == _decryptor.Id)).State);
        // The venue desk's mechanism: the outage is its own, and the agencies were offered the proposals.
        Assert.Equal(2, (await Service2().ImpactAsync(impact.Outage.Id))!.Rows.Count);
        Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.Kind == NotificationKind.ProposalOffered));
        var alert = await db.OpsAlerts.AsNoTracking().SingleAsync();
        Assert.Equal((OpsAlertKind.EquipmentFault, $"fault:{fault.Id}", _k201.Id, (DateTimeOffset?)null), (alert.Kind, alert.Key, alert.RoomId, alert.ClearedAt));
        Assert.Contains("第一开标室", alert.Title);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Entity == nameof(Fault)));
    }

    private OutageService Service2() => _services.CreateScope().ServiceProvider.GetRequiredService<OutageService>();

    [Fact]
    public async Task Repair_returns_the_room_to_service_puts_the_equipment_back_and_clears_the_alert()
    {
        await BookAsync(_k201, At(14), At(15), "GC-2026-0002");
        var reported = await Service().ReportAsync(new FaultReport(_decryptor.Id, FaultSource.Equipment, FaultSeverity.Critical, "黑屏"));
        _clock.Advance(TimeSpan.FromHours(3));

        var repaired = await Service().RepairAsync(reported.Fault.Id, "更换主板");

        Assert.Equal(FaultStatus.Repaired, repaired.Status);
        Assert.Equal(TimeSpan.FromHours(3), repaired.TimeToRepair);
        Assert.Equal(_clock.GetUtcNow(), repaired.ReturnedToServiceAt);
        await using var db = await _services.NewContextAsync();
        var outage = await db.RoomOutages.AsNoTracking().SingleAsync();
        Assert.Equal(_clock.GetUtcNow(), outage.EndedAt);
        Assert.False(outage.IsActiveAt(_clock.GetUtcNow()));
        Assert.Empty(await Service2().CurrentAsync());
        Assert.Empty((await Service2().ImpactAsync(outage.Id))!.Rows); // the afternoon booking is no longer hit
        Assert.Equal(EquipmentState.InService, (await db.Equipment.SingleAsync(e => e.Id == _decryptor.Id)).State);
        var alert = await db.OpsAlerts.AsNoTracking().SingleAsync();
        Assert.Equal(_clock.GetUtcNow(), alert.ClearedAt);
        var stored = await db.Faults.AsNoTracking().SingleAsync();
        Assert.Equal(("更换主板", "system:test"), (stored.RepairNotes, stored.RepairedBy));
    }

    [Theory]
    [InlineData(FaultSeverity.Minor, true)]
    [InlineData(FaultSeverity.Critical, false)]
    public async Task A_minor_fault_or_a_fault_on_equipment_the_room_can_run_without_does_not_take_the_room_out(FaultSeverity severity, bool onEssential)
    {
        await BookAsync(_k201, At(9), At(10), "GC-2026-0001");
        var equipment = onEssential ? _decryptor : _clockDisplay;

        var reported = await Service().ReportAsync(new FaultReport(equipment.Id, FaultSource.Equipment, severity, "显示偶尔闪烁"));

        Assert.False(reported.Fault.TakesRoomOut);
        Assert.Null(reported.Outage);
        Assert.Null(reported.Fault.OutageId);
        Assert.Equal((1, 0, 0, EquipmentState.Faulty), await StateAsync(equipment));
        var repaired = await Service().RepairAsync(reported.Fault.Id, "重新校时");
        Assert.Null(repaired.ReturnedToServiceAt);
        Assert.Equal((1, 0, 0, EquipmentState.InService), await StateAsync(equipment));
    }

    [Fact]
    public async Task Bad_input_gets_a_chinese_error_and_nothing_is_saved()
    {
        var blank = await Assert.ThrowsAsync<DomainException>(() => Service().ReportAsync(new FaultReport(_decryptor.Id, FaultSource.Equipment, FaultSeverity.Critical, "  ")));
        Assert.Equal("故障描述 不能为空", blank.Message);
        var severity = await Assert.ThrowsAsync<DomainException>(() => Service().ReportAsync(new FaultReport(_decryptor.Id, FaultSource.Equipment, (FaultSeverity)9, "黑屏")));
        Assert.Equal("请选择故障等级", severity.Message);
        var unknown = await Assert.ThrowsAsync<DomainException>(() => Service().ReportAsync(new FaultReport(Guid.NewGuid(), FaultSource.Equipment, FaultSeverity.Major, "黑屏")));
        Assert.Equal("请选择报修的设备", unknown.Message);
        var inspection = await Assert.ThrowsAsync<DomainException>(() => Service().ReportAsync(new FaultReport(_decryptor.Id, FaultSource.Inspection, FaultSeverity.Major, "黑屏")));
        Assert.Contains("巡检任务", inspection.Message);
        var tooLong = await Assert.ThrowsAsync<DomainException>(() => Service().ReportAsync(new FaultReport(_decryptor.Id, FaultSource.Equipment, FaultSeverity.Major, new string('坏', Fault.DescriptionMaxLength + 1))));
        Assert.Contains("不能超过", tooLong.Message);
        Assert.Equal((0, 0, 0, EquipmentState.InService), await StateAsync(_decryptor));

        var reported = await Service().ReportAsync(new FaultReport(_decryptor.Id, FaultSource.Equipment, FaultSeverity.Major, "黑屏"));
        var noNotes = await Assert.ThrowsAsync<DomainException>(() => Service().RepairAsync(reported.Fault.Id, ""));
        Assert.Equal("维修记录 不能为空", noNotes.Message);
        // The refused repair left the room out of service and the alert open.
        Assert.Equal((1, 1, 1, EquipmentState.Faulty), await StateAsync(_decryptor));
        Assert.Single(await Service2().CurrentAsync());
    }

    [Fact]
    public async Task A_person_without_a_facility_role_can_neither_report_nor_repair()
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = Actor.User("nobody", "观察员");
        var service = scope.ServiceProvider.GetRequiredService<FaultService>();
        var refused = await Assert.ThrowsAsync<DomainException>(() => service.ReportAsync(new FaultReport(_decryptor.Id, FaultSource.Equipment, FaultSeverity.Major, "黑屏")));
        Assert.Contains("不能报修", refused.Message);
        Assert.Equal((0, 0, 0, EquipmentState.InService), await StateAsync(_decryptor));
    }

    [Fact]
    public async Task A_second_fault_on_a_room_already_out_shares_its_outage_and_the_room_returns_when_the_last_is_repaired()
    {
        var first = await Service().ReportAsync(new FaultReport(_decryptor.Id, FaultSource.Equipment, FaultSeverity.Major, "黑屏"));
        var second = await Service().ReportAsync(new FaultReport(_decryptor.Id, FaultSource.Equipment, FaultSeverity.Critical, "冒烟"));

        Assert.Equal(("GZ-20261123-001", "GZ-20261123-002"), (first.Fault.Number, second.Fault.Number));
        Assert.Equal(first.Fault.OutageId, second.Fault.OutageId);
        Assert.Equal((2, 1, 2, EquipmentState.Faulty), await StateAsync(_decryptor));

        _clock.Advance(TimeSpan.FromHours(1));
        var one = await Service().RepairAsync(first.Fault.Id, "更换电源");
        Assert.Null(one.ReturnedToServiceAt);
        Assert.Single(await Service2().CurrentAsync()); // still out: the other fault is open
        Assert.Equal((2, 1, 1, EquipmentState.Faulty), await StateAsync(_decryptor));

        _clock.Advance(TimeSpan.FromHours(1));
        var two = await Service().RepairAsync(second.Fault.Id, "更换主板");
        Assert.Equal(_clock.GetUtcNow(), two.ReturnedToServiceAt);
        Assert.Empty(await Service2().CurrentAsync());
        Assert.Equal((2, 1, 0, EquipmentState.InService), await StateAsync(_decryptor));
    }

    /// <summary>A done inspection of the equipment (one schedule per category; one task per equipment and day).</summary>
    private async Task<InspectionTask> InspectionAsync(Equipment equipment, bool failed, int daysAgo)
    {
        await using var db = await _services.NewContextAsync();
        var now = _clock.GetUtcNow();
        var schedule = await db.InspectionSchedules.SingleOrDefaultAsync(s => s.Category == equipment.Category);
        if (schedule is null)
        {
            schedule = new InspectionSchedule(equipment.Category, InspectionFrequency.Daily, new TimeOnly(8, 30), ["读卡正常", "解密软件版本正确"], "admin", now.AddDays(-10));
            db.InspectionSchedules.Add(schedule);
        }
        var task = new InspectionTask(equipment, schedule, FaultNumber.DayOf(now).AddDays(-daysAgo), now.AddDays(-daysAgo).AddHours(1), now.AddDays(-daysAgo));
        // Every item ticked (the default schedules seeded at initialisation have their own checklists); the last one failed when asked.
        task.Complete(task.Items.Select((_, i) => !(failed && i == task.Items.Count - 1)).ToList(), failed ? "解密软件版本过旧" : null, "staff", now.AddDays(-daysAgo));
        db.InspectionTasks.Add(task);
        await db.SaveChangesAsync();
        return task;
    }

    [Fact]
    public async Task A_failed_inspection_gets_one_fault_linked_both_ways_and_a_passed_or_already_reported_one_is_refused()
    {
        var failed = await InspectionAsync(_decryptor, failed: true, daysAgo: 0);
        var passed = await InspectionAsync(_decryptor, failed: false, daysAgo: 1);

        var reported = await Service().ReportAsync(new FaultReport(_decryptor.Id, FaultSource.Inspection, FaultSeverity.Critical, "巡检发现解密软件版本过旧", failed.Id));

        Assert.Equal(failed.Id, reported.Fault.InspectionTaskId);
        Assert.NotNull(reported.Outage);
        await using (var db = await _services.NewContextAsync())
            Assert.Equal(reported.Fault.Id, (await db.InspectionTasks.AsNoTracking().SingleAsync(t => t.Id == failed.Id)).FaultId);
        var again = await Assert.ThrowsAsync<DomainException>(() =>
            Service().ReportAsync(new FaultReport(_decryptor.Id, FaultSource.Inspection, FaultSeverity.Major, "再次报修", failed.Id)));
        Assert.Equal($"该巡检已报修（{reported.Fault.Number}）", again.Message);
        var notFailed = await Assert.ThrowsAsync<DomainException>(() =>
            Service().ReportAsync(new FaultReport(_decryptor.Id, FaultSource.Inspection, FaultSeverity.Major, "黑屏", passed.Id)));
        Assert.Equal("只有不合格的巡检才能报修", notFailed.Message);
        var otherEquipment = await Assert.ThrowsAsync<DomainException>(() =>
            Service().ReportAsync(new FaultReport(_clockDisplay.Id, FaultSource.Inspection, FaultSeverity.Major, "黑屏", failed.Id)));
        Assert.Equal("巡检任务与报修设备不一致", otherEquipment.Message);
        Assert.Equal((1, 1, 1, EquipmentState.Faulty), await StateAsync(_decryptor));
    }

    [Fact]
    public async Task Two_desks_reporting_one_failed_inspection_at_once_make_one_fault_and_the_other_is_told_it_is_reported()
    {
        var failed = await InspectionAsync(_decryptor, failed: true, daysAgo: 0);

        var answers = await Task.WhenAll(Enumerable.Range(1, 2).Select(async desk =>
        {
            try { return (await Service().ReportAsync(new FaultReport(_decryptor.Id, FaultSource.Inspection, FaultSeverity.Minor, $"读卡异常（{desk} 号台）", failed.Id))).Fault.Number; }
            catch (DomainException e) { return e.Message; }
        }));

        await using var db = await _services.NewContextAsync();
        var fault = Assert.Single(await db.Faults.AsNoTracking().Where(f => f.InspectionTaskId == failed.Id).ToListAsync());
        Assert.Equal(new[] { fault.Number, $"该巡检已报修（{fault.Number}）" }.Order(StringComparer.Ordinal), answers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_faults_outage_ends_where_a_planned_outage_of_the_room_begins()
    {
        var planned = await Service2().CreateAsync(new OutageRequest(_k201.Id, At(13), At(17), null, "空调检修"));

        var reported = await Service().ReportAsync(new FaultReport(_decryptor.Id, FaultSource.Equipment, FaultSeverity.Major, "黑屏"));

        Assert.Equal((_clock.GetUtcNow(), At(13)), (reported.Outage!.Outage.From, reported.Outage.Outage.Until));
        Assert.Equal(2, (await Service2().CurrentAsync()).Count);
        await Service().RepairAsync(reported.Fault.Id, "更换电源");
        // The planned outage is the desk's own: the repair leaves it.
        var left = Assert.Single(await Service2().CurrentAsync());
        Assert.Equal(planned.Outage.Id, left.Outage.Id);
    }
}

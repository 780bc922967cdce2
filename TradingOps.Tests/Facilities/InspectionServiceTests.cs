using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Duty;
using TradingOps.Core.Facilities;
using TradingOps.Data;
using TradingOps.Data.Facilities;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Facilities;

/// <summary>Inspection tasks on a real database: generation on the calendar, idempotent across runs and nodes; the overdue alert; results.</summary>
public abstract class InspectionServiceContract : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    private static readonly DateOnly FirstDayBack = new(2026, 10, 8); // first working day after National Day: daily, weekly and monthly due
    private FacilityTestData _data = null!;

    public async Task InitializeAsync()
    {
        _data = await FacilityTestData.CreateAsync(FirstDayBack, new TimeOnly(7, 0), Provider, NewDatabase());
        await _data.AddAsync("SB-K201-01", EquipmentCategory.Recorder, _data.K201, critical: true);   // daily, due 08:45
        await _data.AddAsync("SB-K201-02", EquipmentCategory.Projector, _data.K201);                  // weekly, due 12:00
        await _data.AddAsync("SB-K202-01", EquipmentCategory.Recorder, _data.K202, critical: true);
        await _data.AddAsync("SB-PJQ-01", EquipmentCategory.LockerBank, null);                       // monthly, zone equipment
        var retired = await _data.AddAsync("SB-K202-09", EquipmentCategory.Recorder, _data.K202);
        await _data.Get<EquipmentService>().RetireAsync(retired.Id);
    }

    public async Task DisposeAsync() => await _data.DisposeAsync();

    private async Task<List<InspectionTask>> TasksAsync(DateOnly day)
    {
        await using var db = await _data.Services.NewContextAsync();
        return await db.InspectionTasks.Where(t => t.Day == day).ToListAsync();
    }

    private async Task<List<OpsAlert>> AlertsAsync()
    {
        await using var db = await _data.Services.NewContextAsync();
        return await db.OpsAlerts.Where(a => a.Kind == OpsAlertKind.InspectionOverdue).ToListAsync();
    }

    [Fact]
    public async Task Generation_makes_one_task_per_in_service_item_of_each_due_category_and_a_second_run_makes_nothing()
    {
        var service = _data.Get<InspectionService>();
        Assert.Equal(4, await service.GenerateAsync(FirstDayBack)); // the retired recorder gets none
        Assert.Equal(0, await service.GenerateAsync(FirstDayBack));
        var tasks = await TasksAsync(FirstDayBack);
        Assert.Equal(4, tasks.Count);
        var recorder = tasks.First(t => t.Category == EquipmentCategory.Recorder);
        Assert.Equal(CenterTime.At(FirstDayBack, new TimeOnly(8, 45)), recorder.DueAt);
        Assert.Equal(InspectionPlan.DefaultChecklist(EquipmentCategory.Recorder), recorder.Items);

        // The next day only the daily round; a holiday nothing; the make-up Saturday the daily round again.
        Assert.Equal(2, await service.GenerateAsync(new DateOnly(2026, 10, 9)));
        Assert.Equal(0, await service.GenerateAsync(new DateOnly(2026, 10, 5)));
        Assert.Equal(2, await service.GenerateAsync(new DateOnly(2026, 10, 10)));
    }

    [Fact]
    public async Task Two_nodes_generating_the_same_day_at_once_make_each_task_once()
    {
        await using var second = _data.Node();
        var one = _data.Get<InspectionService>();
        var two = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<InspectionService>(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(second).ServiceProvider);
        var made = await Task.WhenAll(one.GenerateAsync(FirstDayBack), two.GenerateAsync(FirstDayBack), one.GenerateAsync(FirstDayBack));
        Assert.Equal(4, made.Sum());
        Assert.Equal(4, (await TasksAsync(FirstDayBack)).Select(t => t.EquipmentId).Distinct().Count());
        Assert.Equal(4, (await TasksAsync(FirstDayBack)).Count);
    }

    [Fact]
    public async Task An_open_task_past_due_and_grace_raises_one_alert_and_completing_the_last_overdue_task_clears_it()
    {
        var service = _data.Get<InspectionService>();
        await service.GenerateAsync(FirstDayBack);

        _data.Clock.SetUtcNow(CenterTime.At(FirstDayBack, new TimeOnly(9, 15))); // due 08:45 + 30 minutes grace: not yet
        Assert.Equal(0, (await service.CheckOverdueAsync(_data.Clock.GetUtcNow())).Overdue);
        Assert.Empty(await AlertsAsync());

        _data.Clock.SetUtcNow(CenterTime.At(FirstDayBack, new TimeOnly(9, 20)));
        var check = await service.CheckOverdueAsync(_data.Clock.GetUtcNow());
        Assert.Equal((2, 1, 0), (check.Overdue, check.Raised, check.Cleared)); // the two recorders; the projector is due at noon
        await service.CheckOverdueAsync(_data.Clock.GetUtcNow().AddMinutes(5));
        var alert = Assert.Single(await AlertsAsync());
        Assert.Equal(InspectionPlan.AlertKey(FirstDayBack), alert.Key);
        Assert.Equal("inspection-overdue:2026-10-08", alert.Key);
        Assert.True(alert.IsOpen);
        Assert.Contains("K201", alert.Detail);
        Assert.Contains("K202", alert.Detail);

        var recorders = (await TasksAsync(FirstDayBack)).Where(t => t.Category == EquipmentCategory.Recorder).ToList();
        await service.CompleteAsync(recorders[0].Id, [true, true, true, true], null);
        Assert.True(Assert.Single(await AlertsAsync()).IsOpen); // one still overdue
        Assert.Contains("1 项", Assert.Single(await AlertsAsync()).Title);
        await service.CompleteAsync(recorders[1].Id, [true, true, true, true], null);
        var cleared = Assert.Single(await AlertsAsync());
        Assert.False(cleared.IsOpen);
    }

    [Fact]
    public async Task Equipment_retired_after_its_task_was_made_does_not_keep_the_alert_open()
    {
        var service = _data.Get<InspectionService>();
        await service.GenerateAsync(FirstDayBack);
        var recorders = (await TasksAsync(FirstDayBack)).Where(t => t.Category == EquipmentCategory.Recorder).ToList();
        var now = CenterTime.At(FirstDayBack, new TimeOnly(10, 0));
        _data.Clock.SetUtcNow(now);
        Assert.Equal(2, (await service.CheckOverdueAsync(now)).Overdue);

        await service.CompleteAsync(recorders[0].Id, [true, true, true, true], null);
        Assert.True(Assert.Single(await AlertsAsync()).IsOpen); // the other recorder is still overdue
        await _data.Get<EquipmentService>().RetireAsync(recorders[1].EquipmentId);
        var check = await service.CheckOverdueAsync(now);
        Assert.Equal((0, 1), (check.Overdue, check.Cleared));
        Assert.False(Assert.Single(await AlertsAsync()).IsOpen);
    }

    [Fact]
    public async Task A_failed_inspection_needs_notes_and_records_them_with_who_and_when()
    {
        var service = _data.Get<InspectionService>();
        await service.GenerateAsync(FirstDayBack);
        var task = (await TasksAsync(FirstDayBack)).First(t => t.Category == EquipmentCategory.Projector);

        var refused = await Assert.ThrowsAsync<DomainException>(() => service.CompleteAsync(task.Id, [true, false, true, true], "  "));
        Assert.Equal("有不合格项时请填写说明", refused.Message);
        var incomplete = await Assert.ThrowsAsync<DomainException>(() => service.CompleteAsync(task.Id, [true, true], null));
        Assert.Equal("请逐项填写巡检结果（共 4 项）", incomplete.Message);
        Assert.Equal(InspectionStatus.Open, (await TasksAsync(FirstDayBack)).Single(t => t.Id == task.Id).Status); // nothing saved

        await service.CompleteAsync(task.Id, [true, false, true, true], "画面偏色，左下角有坏点");
        var done = (await TasksAsync(FirstDayBack)).Single(t => t.Id == task.Id);
        Assert.Equal(InspectionStatus.Failed, done.Status);
        Assert.Equal("画面偏色，左下角有坏点", done.Notes);
        Assert.Equal("1011", done.Results);
        Assert.Equal("张工", done.DoneBy);
        Assert.Equal(_data.Clock.GetUtcNow(), done.DoneAt);
        var again = await Assert.ThrowsAsync<DomainException>(() => service.CompleteAsync(task.Id, [true, true, true, true], null));
        Assert.Equal("该巡检任务已经完成", again.Message);

        await using var db = await _data.Services.NewContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(InspectionTask) && a.Key == task.Id.ToString() && a.ActorName == "张工"));
    }
}

/// <summary>On SQLite (the single-node store).</summary>
public sealed class InspectionServiceTests : InspectionServiceContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

/// <summary>On PostgreSQL, where several nodes run the job: the unique (equipment, day) index keeps each task once.</summary>
[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlInspectionServiceTests(PostgreSqlServer server) : InspectionServiceContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_{Guid.NewGuid():N}");
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Facilities;
using TradingOps.Data.Facilities;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Facilities;

/// <summary>The equipment register: bad input gets a clear Chinese message and saves nothing; every change is audited under the person.</summary>
public sealed class EquipmentServiceTests : IAsyncLifetime
{
    private FacilityTestData _data = null!;

    public async Task InitializeAsync() => _data = await FacilityTestData.CreateAsync(new DateOnly(2026, 11, 2), new TimeOnly(10, 0));

    public async Task DisposeAsync() => await _data.DisposeAsync();

    private async Task<int> CountAsync()
    {
        await using var db = await _data.Services.NewContextAsync();
        return await db.Equipment.CountAsync();
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_Chinese_message_and_nothing_is_saved()
    {
        var service = _data.Get<EquipmentService>();
        await _data.AddAsync("SB-K201-01", EquipmentCategory.Recorder, _data.K201, critical: true);

        async Task<string> Refused(EquipmentInput input) => (await Assert.ThrowsAsync<DomainException>(() => service.AddAsync(input))).Message;
        var ok = _data.Input("SB-K201-02", EquipmentCategory.Projector, _data.K201);
        Assert.Equal("设备编号 SB-K201-01 已被使用", await Refused(ok with { Code = "SB-K201-01" }));
        Assert.Equal("设备名称 不能为空", await Refused(ok with { Name = " " }));
        Assert.Equal("设备编号 不能为空", await Refused(ok with { Code = "" }));
        Assert.Equal("保修截止日期不能早于安装日期", await Refused(ok with { WarrantyUntil = new DateOnly(2024, 2, 1) }));
        Assert.Equal("只有服务于某个场地的设备才能标记为“场地离不开”", await Refused(ok with { RoomId = null, RoomCritical = true }));
        Assert.Equal("场地 K201 第一开标室 不在所选区域内", await Refused(ok with { ZoneId = _data.Evaluation.Id }));
        Assert.Equal("请选择设备所在区域", await Refused(ok with { ZoneId = Guid.NewGuid() }));
        Assert.Equal("请选择设备类别", await Refused(ok with { Category = (EquipmentCategory)99 }));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Registering_editing_and_retiring_are_each_audited_under_the_person()
    {
        var service = _data.Get<EquipmentService>();
        var equipment = await _data.AddAsync("SB-K202-01", EquipmentCategory.Decryptor, _data.K202, critical: true);
        await service.UpdateAsync(equipment.Id, _data.Input("SB-K202-01", EquipmentCategory.Decryptor, _data.K202, critical: true) with { Vendor = "CFCA", Notes = "更换主板" });
        await service.RetireAsync(equipment.Id);

        await using var db = await _data.Services.NewContextAsync();
        var saved = await db.Equipment.SingleAsync(e => e.Id == equipment.Id);
        Assert.Equal((EquipmentState.Retired, "CFCA", "更换主板", "张工"), (saved.State, saved.Vendor, saved.Notes, saved.CreatedBy));
        var audit = await db.AuditEntries.Where(a => a.Entity == nameof(Equipment) && a.Key == equipment.Id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditAction.Added, AuditAction.Modified, AuditAction.Modified], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("张工", a.ActorName));
        Assert.Contains("CFCA", audit[1].Changes);

        var retired = await Assert.ThrowsAsync<DomainException>(() => service.UpdateAsync(equipment.Id, _data.Input("SB-K202-01", EquipmentCategory.Decryptor, _data.K202)));
        Assert.Contains("已报废", retired.Message);
    }

    [Fact]
    public async Task The_register_filters_by_zone_room_category_and_state()
    {
        await _data.AddAsync("SB-K201-01", EquipmentCategory.Recorder, _data.K201, critical: true);
        await _data.AddAsync("SB-K202-01", EquipmentCategory.Recorder, _data.K202, critical: true);
        await _data.AddAsync("SB-K202-02", EquipmentCategory.Projector, _data.K202);
        var gate = await _data.AddAsync("SB-PJQ-01", EquipmentCategory.Gate, null);
        await _data.Get<EquipmentService>().RetireAsync(gate.Id);
        var queries = _data.Get<EquipmentQueries>();

        Assert.Equal(4, (await queries.ListAsync(new EquipmentFilter())).Count);
        Assert.Equal(["SB-K202-02", "SB-K202-01"], (await queries.ListAsync(new EquipmentFilter(RoomId: _data.K202.Id))).Select(r => r.Equipment.Code)); // by category within a room
        Assert.Equal(3, (await queries.ListAsync(new EquipmentFilter(ZoneId: _data.Opening.Id))).Count);
        Assert.Equal(2, (await queries.ListAsync(new EquipmentFilter(Category: EquipmentCategory.Recorder))).Count);
        var retired = Assert.Single(await queries.ListAsync(new EquipmentFilter(State: EquipmentState.Retired)));
        Assert.Equal("评标区", retired.Place);
    }

    [Fact]
    public async Task Only_duty_managers_and_admins_change_the_register_and_the_schedules_on_the_server()
    {
        var equipment = await _data.AddAsync("SB-K201-01", EquipmentCategory.Recorder, _data.K201, critical: true);
        var clerk = Actor.User("u-li", "李明");
        await using (var db = await _data.Services.NewContextAsync())
        {
            await TestUsers.AddAsync(db, clerk, TradingOps.Data.Identity.Roles.Staff);
            await db.SaveChangesAsync();
        }
        await using var scope = _data.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = clerk;
        var service = scope.ServiceProvider.GetRequiredService<EquipmentService>();
        var schedules = scope.ServiceProvider.GetRequiredService<InspectionScheduleService>();

        async Task<string> Refused(Func<Task> act) => (await Assert.ThrowsAsync<DomainException>(act)).Message;
        Assert.Equal("只有值班经理和系统管理员可以修改设备台账", await Refused(() => service.AddAsync(_data.Input("SB-K201-02", EquipmentCategory.Projector, _data.K201))));
        Assert.Equal("只有值班经理和系统管理员可以修改设备台账", await Refused(() => service.UpdateAsync(equipment.Id, _data.Input("SB-K201-01", EquipmentCategory.Recorder, _data.K201) with { Notes = "x" })));
        Assert.Equal("只有值班经理和系统管理员可以修改设备台账", await Refused(() => service.RetireAsync(equipment.Id)));
        Assert.Equal("只有值班经理和系统管理员可以修改巡检计划", await Refused(() => schedules.UpdateAsync(EquipmentCategory.Recorder, InspectionFrequency.Weekly, new TimeOnly(9, 0), "检查画面", true)));

        await using var check = await _data.Services.NewContextAsync();
        var saved = await check.Equipment.SingleAsync();
        Assert.Equal((EquipmentState.InService, (string?)null), (saved.State, saved.Notes));
        Assert.NotEqual(InspectionFrequency.Weekly, (await check.InspectionSchedules.SingleAsync(s => s.Category == EquipmentCategory.Recorder)).Frequency);
    }
}

using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Common;
using TradingOps.Core.Facilities;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Facilities;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Facilities;

namespace TradingOps.Tests.Facilities;

/// <summary>The facility pages over a real SQLite database: managers edit, staff read and inspect; bad input is refused in Chinese and loses nothing typed.</summary>
public sealed class FacilityPagesTests : SqliteLiveBunitContext, IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync(); // MudBlazor's services dispose asynchronously

    private static readonly DateOnly Day = new(2026, 12, 7);
    private readonly FakeTimeProvider _clock = new(CenterTime.At(Day, new TimeOnly(8, 0)));
    private BunitAuthorizationContext _auth = default!;
    private Room _k201 = default!;
    private Equipment _recorder = default!;

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        _auth = AddAuthorization();
    }

    private async Task SeedAsync(string role)
    {
        _auth.SetAuthorized("desk").SetRoles(role);
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using (var db = await Db())
        {
            var center = new Center("TEST", "测试中心", "测试地址");
            var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
            _k201 = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
            db.AddRange(center, zone, _k201);
            await db.SaveChangesAsync();
        }
        _recorder = await Services.GetRequiredService<EquipmentService>().AddAsync(new EquipmentInput("SB-K201-02", "第一开标室录音录像系统",
            EquipmentCategory.Recorder, _k201.ZoneId, _k201.Id, true, "HK250815838", "海康威视", "DS-8632N-I8", new DateOnly(2025, 8, 17), new DateOnly(2028, 8, 17), null));
    }

    private Task<TradingOpsDbContext> Db() => Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();

    private static Task ClickAsync<T>(IRenderedComponent<T> page, string testId) where T : Microsoft.AspNetCore.Components.IComponent =>
        page.Find($"[data-testid={testId}] button, button[data-testid={testId}], a[data-testid={testId}]").ClickAsync(new());

    [Fact]
    public async Task Staff_read_the_schedules_without_editing_them()
    {
        await SeedAsync(Roles.Staff);
        var page = Render<InspectionSchedules>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=schedule-Recorder]")));
        Assert.Empty(page.FindAll("[data-testid=schedule-save]"));
        Assert.True(page.Find("[data-testid=schedule-Recorder] textarea").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_manager_edits_a_schedule_and_a_bad_due_time_is_refused_without_losing_the_checklist_typed()
    {
        await SeedAsync(Roles.DutyManager);
        var page = Render<InspectionSchedules>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=schedule-Recorder]")));
        page.Find("[data-testid=schedule-Recorder] textarea").Change("录像画面正常\n存储空间充足");
        page.Find("[data-testid=schedule-Recorder] input[data-testid=schedule-due], [data-testid=schedule-Recorder] [data-testid=schedule-due] input").Change("25:00");
        await page.Find("[data-testid=schedule-Recorder] [data-testid=schedule-save]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("请按 HH:mm 填写完成时间", page.Find("[data-testid=schedule-Recorder] [data-testid=schedule-error]").TextContent.Trim()));
        Assert.Equal("录像画面正常\n存储空间充足", page.Find("[data-testid=schedule-Recorder] textarea").GetAttribute("value") ?? page.Find("[data-testid=schedule-Recorder] textarea").TextContent);

        page.Find("[data-testid=schedule-Recorder] input[data-testid=schedule-due], [data-testid=schedule-Recorder] [data-testid=schedule-due] input").Change("08:30");
        await page.Find("[data-testid=schedule-Recorder] [data-testid=schedule-save]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=schedule-Recorder] [data-testid=schedule-saved]")));
        await using var db = await Db();
        var saved = await db.InspectionSchedules.SingleAsync(s => s.Category == EquipmentCategory.Recorder);
        Assert.Equal((new TimeOnly(8, 30), "录像画面正常\n存储空间充足"), (saved.DueBy, saved.Checklist));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(InspectionSchedule) && a.Key == saved.Id.ToString()));
    }

    [Fact]
    public async Task Staff_see_the_register_with_what_a_room_cannot_run_without_but_no_form()
    {
        await SeedAsync(Roles.Staff);
        var page = Render<EquipmentRegister>();
        page.WaitForAssertion(() => Assert.Contains("场地离不开", page.Find("[data-testid=equipment-SB-K201-02]").TextContent));
        Assert.Contains("2028-08-17", page.Find("[data-testid=equipment-SB-K201-02] [data-testid=warranty]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=equipment-new]"));
    }

    [Fact]
    public async Task Staff_report_a_fault_from_the_equipment_page_with_the_item_filled_in_but_cannot_edit_it()
    {
        await SeedAsync(Roles.Staff);
        var page = Render<EquipmentDetail>(p => p.Add(x => x.Id, _recorder.Id));
        page.WaitForAssertion(() => Assert.Equal($"/facilities/faults/new?equipment={_recorder.Id}",
            page.Find("[data-testid=equipment-report-fault]").GetAttribute("href")));
        Assert.Empty(page.FindAll("[data-testid=equipment-edit]"));
    }

    [Fact]
    public async Task A_manager_edits_equipment_and_a_warranty_before_installation_is_refused_keeping_what_was_typed()
    {
        await SeedAsync(Roles.DutyManager);
        var page = Render<EquipmentDetail>(p => p.Add(x => x.Id, _recorder.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=equipment-edit]")));
        await ClickAsync(page, "equipment-edit");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=equipment-form]")));
        page.Find("input[data-testid=equipment-vendor], [data-testid=equipment-vendor] input").Change("大华");
        page.Find("input[data-testid=equipment-warranty], [data-testid=equipment-warranty] input").Change("2024-01-01");
        await ClickAsync(page, "equipment-save");
        page.WaitForAssertion(() => Assert.Equal("保修截止日期不能早于安装日期", page.Find("[data-testid=equipment-error]").TextContent.Trim()));
        Assert.Equal("大华", page.Find("input[data-testid=equipment-vendor], [data-testid=equipment-vendor] input").GetAttribute("value"));
        await using (var db = await Db())
            Assert.Equal("海康威视", (await db.Equipment.SingleAsync(e => e.Id == _recorder.Id)).Vendor); // nothing saved

        page.Find("input[data-testid=equipment-warranty], [data-testid=equipment-warranty] input").Change("2029-08-17");
        await ClickAsync(page, "equipment-save");
        page.WaitForAssertion(() => Assert.Contains("大华", page.Find("[data-testid=equipment-facts]").TextContent));
        await using (var db = await Db())
            Assert.Equal(("大华", new DateOnly(2029, 8, 17)), ((await db.Equipment.SingleAsync(e => e.Id == _recorder.Id)).Vendor, (await db.Equipment.SingleAsync(e => e.Id == _recorder.Id)).WarrantyUntil));
    }

    [Fact]
    public async Task An_inspector_must_mark_every_item_before_the_result_is_recorded()
    {
        await SeedAsync(Roles.Staff);
        await Services.GetRequiredService<InspectionService>().GenerateAsync(Day);
        Guid taskId;
        await using (var db = await Db())
            taskId = (await db.InspectionTasks.SingleAsync()).Id;
        var page = Render<InspectionDetail>(p => p.Add(x => x.Id, taskId));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=inspection-complete]")));
        await ClickAsync(page, "inspection-complete");
        page.WaitForAssertion(() => Assert.Equal("请逐项选择合格或不合格（共 4 项）", page.Find("[data-testid=inspection-error]").TextContent.Trim()));

        await ClickAsync(page, "inspection-all-pass");
        await ClickAsync(page, "inspection-complete");
        page.WaitForAssertion(() => Assert.Contains("合格", page.Find("[data-testid=inspection-status]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=inspection-report-fault]"));
        await using (var db = await Db())
            Assert.Equal(InspectionStatus.Passed, (await db.InspectionTasks.SingleAsync()).Status);
    }
}

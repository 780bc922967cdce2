using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Facilities;
using TradingOps.Data.Facilities;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Facilities;

/// <summary>
/// The equipment register and the day's inspections in Chromium at 1920×1080 over the demo center: the register shows the
/// demo's equipment with warranties and what a room cannot run without; an inspector fails one item of a recorder's
/// checklist, is asked for notes, records them and is offered to report the fault.
/// </summary>
[FullLane]
public sealed class FacilityBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();

    [Fact]
    public async Task The_register_shows_the_demo_equipment_and_an_inspector_fails_a_task_with_notes_and_is_offered_a_fault_report()
    {
        // A working day's tasks (today's when today is one: the demo made them at start; else the next working day's, made here).
        DateOnly day;
        Guid k201;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test"));
            var calendar = await scope.ServiceProvider.GetRequiredService<IWorkdayCalendarProvider>().GetAsync();
            day = calendar.NextWorkingDayOnOrAfter(CenterTime.Today(TimeProvider.System));
            await scope.ServiceProvider.GetRequiredService<InspectionService>().GenerateAsync(day);
            await using var db = await server.Services.NewContextAsync();
            k201 = (await db.Rooms.SingleAsync(r => r.Code == "K201")).Id;
        }

        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "duty");

        await page.GotoAsync(Url("/facilities/equipment"));
        await Fixtures.Browser.WaitInteractiveAsync(page);
        var recorder = page.GetByTestId("equipment-SB-K201-02");
        await Expect(recorder).ToContainTextAsync("第一开标室录音录像系统");
        await Expect(recorder.GetByTestId("critical")).ToContainTextAsync("场地离不开");
        await Expect(recorder.GetByTestId("warranty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("equipment-SB-PJQ-01")).ToContainTextAsync("评标区通道闸机");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("facilities-equipment-1920x1080.png") });

        // One room's equipment: its projector, recorder, clock, decryptor and door plate.
        await page.GotoAsync(Url($"/facilities/equipment?room={k201}"));
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=equipment-list] tbody tr")).ToHaveCountAsync(5);
        await Expect(page.GetByTestId("equipment-count")).ToContainTextAsync("其中 2 台");

        await page.GotoAsync(Url($"/facilities/inspections?day={day:yyyy-MM-dd}"));
        await Fixtures.Browser.WaitInteractiveAsync(page);
        var task = page.GetByTestId("place-K201").GetByTestId("task-SB-K201-02");
        await Expect(task).ToContainTextAsync("08:45");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("facilities-inspections-1920x1080.png") });

        await task.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("inspection-facts")).ToContainTextAsync("SB-K201-02");
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await page.GetByTestId("inspection-all-pass").ClickAsync();
        await page.GetByTestId("item-2").GetByTestId("item-fail").ClickAsync();
        await page.GetByTestId("inspection-complete").ClickAsync();
        await Expect(page.GetByTestId("inspection-error")).ToContainTextAsync("有不合格项时请填写说明");

        await page.GetByTestId("inspection-notes").FillAsync("硬盘剩余空间仅 3 天，需扩容");
        await page.GetByTestId("inspection-complete").ClickAsync();
        await Expect(page.GetByTestId("inspection-status")).ToContainTextAsync("不合格");
        await Expect(page.GetByTestId("inspection-notes-shown")).ToContainTextAsync("硬盘剩余空间仅 3 天");
        await Expect(page.GetByTestId("inspection-done")).ToContainTextAsync("巡检人：duty");
        var report = page.GetByTestId("inspection-report-fault");
        await Expect(report).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^/facilities/faults/new\?equipment=[0-9a-f-]{36}&inspection=[0-9a-f-]{36}$"));
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("facilities-inspection-failed-1920x1080.png") });

        await using var check = await server.Services.NewContextAsync();
        var saved = await check.InspectionTasks.Join(check.Equipment, t => t.EquipmentId, e => e.Id, (t, e) => new { t, e })
            .SingleAsync(x => x.e.Code == "SB-K201-02" && x.t.Day == day);
        Assert.Equal((InspectionStatus.Failed, "1101", "硬盘剩余空间仅 3 天，需扩容"), (saved.t.Status, saved.t.Results, saved.t.Notes));

        await page.GotoAsync(Url("/facilities/schedules"));
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("schedule-Recorder").GetByTestId("schedule-checklist")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("录像画面覆盖全场"));
        await Expect(page.GetByTestId("schedule-save")).ToHaveCountAsync(Enum.GetValues<EquipmentCategory>().Length); // a duty manager edits
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("facilities-schedules-1920x1080.png") });

        await page.GotoAsync(Url($"/facilities/inspections?day={day:yyyy-MM-dd}&show=failed"));
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("task-SB-K201-02")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("task-SB-K201-03")).ToHaveCountAsync(0); // still open: not among the failed
    }
}

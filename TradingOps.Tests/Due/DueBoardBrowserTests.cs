using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Cases;
using TradingOps.Data.Cases;
using TradingOps.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Due;

/// <summary>
/// The board of everything due in Chromium at 1920x1080 over the demo center (its follow-ups, registrations, venue
/// requests, misconduct records and incidents) with cases received through the one intake path: one list, the case
/// rows linking to their pages, the kind chips filtering, a screenshot to look at.
/// </summary>
[FullLane]
public sealed class DueBoardBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task The_duty_manager_sees_everything_due_in_one_list_and_filters_it_by_kind()
    {
        var cases = new List<Case>();
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var intake = scope.ServiceProvider.GetRequiredService<CaseIntakeService>();
            cases.Add(await intake.ReceiveAsync(new CaseIntake(CaseKind.Objection, CaseChannel.Window, CaseStage.CandidatePublicity, "GC2026-0312",
                "对中标候选人公示的异议", "第一中标候选人业绩造假", "陈立新", "13912340001", "市政建设集团", null, "异议函（纸质，窗口收件 1 份）"), "staff", "staff"));
            cases.Add(await intake.ReceiveAsync(new CaseIntake(CaseKind.Complaint, CaseChannel.Phone, CaseStage.Evaluation, "GC2026-0298",
                "评标委员会组成不合法", "评标专家与投标人存在利害关系", "吴海燕", "13912340002", null, null, null), "duty", null));
            cases.Add(await intake.ReceiveAsync(new CaseIntake(CaseKind.ServiceComplaint, CaseChannel.PublicForm, CaseStage.CenterService, null,
                "窗口等候时间过长", "上午在 3 号窗口等候超过一小时", null, null, null, "visitor@example.cn", null), "网上表单", null));
        }

        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "duty");
        await page.SetViewportSizeAsync(1920, 1080);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(server.BaseAddress, "/due").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);

        foreach (var c in cases)
            await Expect(page.GetByTestId($"due-row-Case-{c.Number}")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"due-row-Case-{cases[0].Number}").Locator("a")).ToHaveAttributeAsync("href", $"/cases/{cases[0].Id}");
        Assert.True(await page.Locator("[data-testid^=due-row-Registration-]").CountAsync() > 0, "the demo's registrations are on the board");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("due-board.png") });

        await page.GetByTestId("due-filter-kind-Case").ClickAsync();
        await Expect(page.Locator("[data-testid^=due-row-Registration-]")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId($"due-row-Case-{cases[1].Number}")).ToBeVisibleAsync();
        Assert.Empty(errors);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TradingOps.Core.Cases;
using TradingOps.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Cases;

/// <summary>The desk as a user works it (issue 20 items 1–2): register a complaint at the window, forward it by a preset, record the answer, resolve.</summary>
[FullLane]
public sealed class CaseDeskBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task A_complaint_registered_at_the_window_is_forwarded_to_the_department_answered_and_resolved()
    {
        string project;
        await using (var db = await server.Services.NewContextAsync())
            project = await db.TradingProjects.Where(p => p.ClosedAt == null).OrderBy(p => p.Code).Select(p => p.Code).FirstAsync();

        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync(new Uri(server.BaseAddress, "/cases/new").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);

        await page.GetByTestId("case-new-kind-Complaint").ClickAsync();
        await page.GetByTestId("case-new-channel-Window").ClickAsync();
        await page.GetByTestId("case-new-project").FillAsync(project);
        await page.GetByTestId("case-new-subject").FillAsync("评标委员会未按招标文件评审");
        await page.GetByTestId("case-new-details").FillAsync("投诉人称技术标评分未按招标文件第四章标准。");
        await page.GetByTestId("case-new-name").FillAsync("刘建国");
        await page.GetByTestId("case-new-phone").FillAsync("13900139002");
        await page.GetByTestId("case-new-submit").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/cases/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("case-state")).ToHaveAttributeAsync("data-state", nameof(CaseState.Received));
        await Expect(page.GetByTestId("case-raiser")).ToContainTextAsync("刘*");
        await Expect(page.GetByTestId("case-raiser")).Not.ToContainTextAsync("13900139002");

        await page.GetByTestId("case-forward").ClickAsync();
        await page.GetByTestId("case-forward-preset").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("政府采购投诉").ClickAsync();
        await Expect(page.GetByTestId("case-forward-source")).ToContainTextAsync("《政府采购法》第五十五、五十六条");
        await Expect(page.GetByTestId("case-forward-to")).ToHaveValueAsync("市公共资源交易监督管理局");
        await page.GetByTestId("case-forward-reference").FillAsync("示交转〔2026〕诉88号");
        await page.GetByTestId("case-forward-submit").ClickAsync();

        await Expect(page.GetByTestId("case-state")).ToHaveAttributeAsync("data-state", nameof(CaseState.Forwarded));
        await Expect(page.GetByTestId("case-due")).ToContainTextAsync("待财政部门答复");
        await Expect(page.GetByTestId("case-preset-source")).ToContainTextAsync("财政部门收到投诉后 30 个工作日内作出处理决定");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("case-desk-forwarded.png") });

        await page.GetByTestId("case-answer").ClickAsync();
        await page.GetByTestId("case-answer-text").FillAsync("财政部门书面处理决定：投诉缺乏事实依据，驳回投诉。");
        await page.GetByTestId("case-answer-submit").ClickAsync();
        await Expect(page.GetByTestId("case-state")).ToHaveAttributeAsync("data-state", nameof(CaseState.Answered));

        await page.GetByTestId("case-resolve").ClickAsync();
        await page.GetByTestId("case-resolve-text").FillAsync("处理决定已送达投诉人");
        await page.GetByTestId("case-resolve-submit").ClickAsync();
        await Expect(page.GetByTestId("case-state")).ToHaveAttributeAsync("data-state", nameof(CaseState.Resolved));
        await Expect(page.GetByTestId("case-timeline").Locator("[data-testid=case-event]")).ToHaveCountAsync(4);
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("case-desk-resolved.png") });

        var number = (await page.Locator("h1").InnerTextAsync()).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
        await page.GotoAsync(new Uri(server.BaseAddress, "/cases").ToString());
        await Expect(page.GetByTestId($"case-row-{number}")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("case-register.png") });
    }
}

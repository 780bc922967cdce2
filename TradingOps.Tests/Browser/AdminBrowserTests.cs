using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Browser;

[FullLane]
public sealed class AdminBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private Task<IPage> SignedInAsync(IBrowser browser, string account) =>
        Fixtures.Browser.SignedInAsync(browser, server.BaseAddress, account);

    [Fact]
    public async Task An_admin_enters_next_years_schedule_on_the_calendar_page_and_the_audit_trail_names_the_admin()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var page = await SignedInAsync(browser, "admin");

        await page.GotoAsync(new Uri(server.BaseAddress, "/admin/calendar").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工作日历" })).ToBeVisibleAsync();
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await page.GetByLabel("年份").FillAsync("2027");
        await page.GetByLabel("依据（通知名称）").FillAsync("国务院办公厅关于2027年部分节假日安排的通知");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).First.ClickAsync();
        await Expect(page.GetByText("2027 年度已保存")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("admin-calendar-1920x1080.png") });

        await using var db = await server.Services.NewContextAsync();
        var entry = await db.AuditEntries.Where(e => e.Entity == "CalendarYear" && e.Key == "2027").SingleAsync();
        Assert.Equal(AuditAction.Added, entry.Action);
        Assert.Equal("admin", entry.ActorName);
        Assert.Equal(ActorKind.User, entry.ActorKind);
        Assert.Contains("国务院办公厅关于2027年部分节假日安排的通知", entry.Changes);

        await page.GotoAsync(new Uri(server.BaseAddress, "/admin/audit").ToString());
        // The ledger names the record in Chinese (工作日历年度 2027), not by its type's code name.
        var row = page.Locator("tr", new() { HasText = "工作日历年度" }).Filter(new() { HasText = "2027" }).First;
        await Expect(row).ToContainTextAsync("admin");
        await Expect(row).ToContainTextAsync("新增");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("admin-audit-1920x1080.png") });
    }

    [Fact]
    public async Task The_language_switch_shows_the_console_in_English()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var page = await SignedInAsync(browser, "supervisor");
        await page.GotoAsync(new Uri(server.BaseAddress, "/culture?culture=en&redirectUri=%2Fprojects").ToString());
        await Expect(page).ToHaveURLAsync(new Regex("/projects$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Trading projects" })).ToBeVisibleAsync();
        await Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("projects-en-1920x1080.png") });
    }
}

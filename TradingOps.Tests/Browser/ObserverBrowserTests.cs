using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Core.Witness;
using TradingOps.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Browser;

/// <summary>The supervising department's account in a browser: a read-only home, the misconduct register, a record without actions, the audit of who viewed what, and no floor.</summary>
[FullLane]
public sealed class ObserverBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task The_observer_reads_the_misconduct_register_and_a_record_without_actions_and_finds_that_view_in_the_access_audit()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "observer");

        await page.GotoAsync(new Uri(server.BaseAddress, "/").ToString());
        await Expect(page.GetByTestId("oversight-panel")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-nav='/witness/misconduct']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-nav='/floor']")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-nav='/queue']")).ToHaveCountAsync(0);

        await page.GotoAsync(new Uri(server.BaseAddress, "/witness/misconduct").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "不良行为记录" })).ToBeVisibleAsync();
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("mis-state").Filter(new() { HasText = "逾期未报告" }).First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("mis-state").Filter(new() { HasText = "已反馈" }).First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("mis-new")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("witness-misconduct.png") });

        await page.GetByTestId("mis-row-link").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/witness/misconduct/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("mis-readonly")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("mis-report")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("mis-entries")).ToContainTextAsync("不良行为记录");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("witness-misconduct-record.png") });

        // The department takes the register away as a workbook; the download is audited under its name.
        var export = await page.Context.APIRequest.GetAsync(new Uri(server.BaseAddress, "/witness/misconduct/export?from=2026-11-01&to=2026-12-31&state=Overdue").ToString());
        Assert.Equal(200, export.Status);
        Assert.Contains("spreadsheetml", export.Headers["content-type"]);

        await page.GotoAsync(new Uri(server.BaseAddress, "/oversight/access").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "查阅记录审计" })).ToBeVisibleAsync();
        var row = page.Locator("tr", new() { HasText = "不良行为记录" }).First;
        await Expect(row).ToContainTextAsync("observer");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("witness-access-audit.png") });

        await using var db = await server.Services.NewContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(MisconductRecord) && a.Action == AuditAction.Read && a.ActorName == "observer"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "AuditTrail" && a.Action == AuditAction.Read && a.ActorName == "observer"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "ReportExport" && a.Key == "misconduct" && a.Action == AuditAction.Exported && a.ActorName == "observer"));

        await page.GotoAsync(new Uri(server.BaseAddress, "/floor").ToString());
        await Expect(page).ToHaveURLAsync(new Regex("access-denied"));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Data;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Browser;

/// <summary>The audit trail in Chromium at 1920×1080 over the demo center: a ledger an admin can read.</summary>
[FullLane]
public sealed class AuditLedgerBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task An_admin_reads_a_change_as_action_entity_and_record_names_with_each_field_before_and_after()
    {
        string room;
        int before;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(TradingOps.Core.Auditing.Actor.System("test"));
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
            var first = await db.Rooms.OrderBy(r => r.Code).FirstAsync();
            (room, before) = ($"{first.Code} {first.Name}", first.Capacity);
            first.Resize(first.Capacity + 5, first.EvaluationSeats);
            await db.SaveChangesAsync();
        }

        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "admin");
        await page.GotoAsync(new Uri(server.BaseAddress, "/admin/audit").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);

        var row = page.Locator("[data-testid=audit-table] tbody tr", new() { Has = page.Locator("[data-testid=audit-record]", new() { HasText = room }) })
            .Filter(new() { Has = page.Locator("[data-testid=audit-action]", new() { HasText = "修改" }) }).First;
        await Expect(row.Locator("[data-testid=audit-entity]")).ToHaveTextAsync("场地");
        await row.Locator("[data-testid=audit-changes] summary").ClickAsync();
        var field = row.Locator("[data-testid=audit-fields] tbody tr", new() { HasText = "容纳人数" });
        await Expect(field).ToContainTextAsync($"{before}");
        await Expect(field).ToContainTextAsync($"{before + 5}");
        await Expect(page.GetByTestId("audit-pager")).ToContainTextAsync("每页行数");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("audit-ledger-1920x1080.png") });
    }
}

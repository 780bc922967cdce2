using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TradingOps.Core.Common;
using TradingOps.Core.Venue;
using TradingOps.Data.Venue;
using TradingOps.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Venue;

/// <summary>The venue desk in Chromium on the demo center: the request queue, the desk form, the ledger and its workbook.</summary>
[FullLane]
public sealed class VenueDeskBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();

    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    [Fact]
    public async Task A_clerk_sees_the_overdue_demo_request_first_receives_a_change_request_at_the_desk_and_finds_it_in_the_queue()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var clerk = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        await clerk.GotoAsync(Url("/venue/requests"));
        await Fixtures.Browser.WaitInteractiveAsync(clerk);
        await Expect(clerk.GetByTestId("request-row").First).ToHaveAttributeAsync("data-urgency", nameof(RequestUrgency.Overdue));
        await clerk.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("venue-requests.png"), FullPage = true });

        // A change request for the demo booking of tomorrow, typed in at the desk.
        await clerk.GotoAsync(Url("/venue/requests/new"));
        await Fixtures.Browser.WaitInteractiveAsync(clerk);
        await clerk.GetByTestId("req-kind").GetByText("变更申请").ClickAsync();
        await Input(clerk, "req-find-code").FillAsync("GC-2026-0890");
        await clerk.GetByTestId("req-find").ClickAsync();
        await Expect(Input(clerk, "req-booking")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("已确认"));
        await Input(clerk, "req-from").FillAsync("08:30");
        await Input(clerk, "req-until").FillAsync("10:00");
        await Input(clerk, "req-details").FillAsync("投标人申请提前半小时");
        await clerk.GetByTestId("req-save").ClickAsync();
        // The form goes back to the queue by Blazor's own navigation (no page load to wait for): poll the address.
        try
        {
            await Expect(clerk).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/venue/requests$"), new() { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            var shown = await clerk.Locator("[data-testid=req-error]").AllTextContentsAsync();
            throw new Xunit.Sdk.XunitException($"the request was not saved within 30 s; the form says: {string.Join(" ", shown)}");
        }
        await Expect(clerk.Locator("[data-testid=request-row][data-code='GC-2026-0890']")).ToHaveCountAsync(2);

        await using var db = await server.Services.NewContextAsync();
        var received = await db.VenueRequests.Where(r => r.ProjectCode == "GC-2026-0890" && r.Details == "投标人申请提前半小时").SingleAsync();
        Assert.Equal(VenueRequestKind.Change, received.Kind);
        Assert.Equal("08:30", CenterTime.ToLocal(received.WantedStart!.Value).ToString("HH:mm"));
    }

    [Fact]
    public async Task A_supervisor_sees_the_agency_under_approval_on_the_ledger_and_downloads_the_workbook_which_is_audited()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var boss = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "supervisor");
        await boss.GotoAsync(Url("/venue/discipline"));
        await Fixtures.Browser.WaitInteractiveAsync(boss);
        var row = boss.Locator($"[data-testid=discipline-row][data-agency='{VenueDemoSeeder.ApprovalAgency}']");
        await Expect(row.GetByTestId("agency-standing")).ToHaveAttributeAsync("data-level", nameof(StandingLevel.ApprovalRequired));
        await Expect(row.GetByTestId("count-noshow")).ToHaveTextAsync("3");
        await row.GetByTestId("drill").ClickAsync();
        await Expect(boss.GetByTestId("entry-booking")).ToHaveCountAsync(3);
        await boss.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("venue-discipline.png"), FullPage = true });

        var href = await boss.GetByTestId("discipline-export").GetAttributeAsync("href");
        var response = await boss.APIRequest.GetAsync(Url(href!));
        Assert.Equal(200, response.Status);
        using var workbook = new XLWorkbook(new MemoryStream(await response.BodyAsync()));
        Assert.Contains(workbook.Worksheet("代理机构").RowsUsed(), r => r.Cell(1).GetString() == VenueDemoSeeder.ApprovalAgency && r.Cell(5).GetString() == "须主管审批");

        await using var db = await server.Services.NewContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "ReportExport" && a.Key == TradingOps.Web.Venue.DisciplineExport.Key && a.ActorName == "supervisor"));
    }
}

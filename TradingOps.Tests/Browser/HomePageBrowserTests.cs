using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Common;
using TradingOps.Data;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Browser;

[FullLane]
public sealed class HomePageBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task The_demo_duty_manager_signs_in_in_Chromium_and_sees_the_home_page_with_the_seeded_counts()
    {
        var expected = await SeededCountsAsync();
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var page = await Fixtures.Browser.WallSizedPageAsync(browser);
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);

        await page.GotoAsync(new Uri(server.BaseAddress, "/").ToString());
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.FillAsync("#username", "duty");
        await page.FillAsync("#password", IdentitySeeder.DemoPassword);
        await page.ClickAsync("button[type=submit]");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "运行概况" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync("值班经理");
        await Expect(page.GetByTestId("rooms-value")).ToHaveTextAsync($"{expected.RoomsInService} / {expected.Rooms}");
        await Expect(page.GetByTestId("windows-value")).ToHaveTextAsync($"{expected.Windows} / {expected.Windows}");
        await Expect(page.GetByTestId("projects-year-value")).ToHaveTextAsync(expected.ProjectsThisYear.ToString("#,0"));
        await Expect(page.GetByTestId("bid-openings-today-value")).ToHaveTextAsync(expected.BidOpeningsToday.ToString());
        await Expect(page.GetByTestId("today-schedule").Locator("tbody tr")).ToHaveCountAsync(expected.BidOpeningsToday);
        // The duty manager operates the floor but does not administer the system.
        await Expect(page.Locator("a[href='/projects']")).ToBeVisibleAsync();
        await Expect(page.Locator("a[href='/admin/audit']")).ToHaveCountAsync(0);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("home-1920x1080.png") });
        Assert.Empty(pageErrors);
    }

    private sealed record Expected(int Rooms, int RoomsInService, int Windows, int ProjectsThisYear, int BidOpeningsToday);

    /// <summary>The figures straight from the rows, independent of the page's own query.</summary>
    private async Task<Expected> SeededCountsAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        var today = CenterTime.Today(TimeProvider.System);
        var yearStart = CenterTime.At(new DateOnly(today.Year, 1, 1), TimeOnly.MinValue);
        var (dayStart, dayEnd) = CenterTime.DayBounds(today);
        var projects = await db.TradingProjects.Select(p => new { p.RegisteredAt, p.BidOpeningAt }).ToListAsync();
        var rooms = await db.Rooms.Select(r => r.InService).ToListAsync();
        return new Expected(
            rooms.Count, rooms.Count(r => r), await db.ServiceWindows.CountAsync(),
            projects.Count(p => p.RegisteredAt >= yearStart),
            projects.Count(p => p.BidOpeningAt >= dayStart && p.BidOpeningAt < dayEnd));
    }
}

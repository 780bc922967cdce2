using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Core.Evaluation;
using TradingOps.Data.Evaluation;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Evaluation;
using TradingOps.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Evaluation;

/// <summary>
/// The desk page and the wall's evaluation panel in Chromium at 1920x1080, on the demo floor with the watch's demo
/// committees: the alerts the watch raised, resolved at the desk with a resolution; the Display wall with room codes and
/// counts and no expert name or project. Screenshots go to screenshots/.
/// </summary>
[FullLane]
public sealed class EvaluationWatchBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private async Task<IReadOnlyList<string>> SeedAsync()
    {
        await using (var db = await server.Services.NewContextAsync())
            await WatchDemoSeeder.SeedAsync(db, TimeProvider.System.GetUtcNow());
        await using (var scope = server.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.Job("evaluation-watch"));
            await scope.ServiceProvider.GetRequiredService<EvaluationWatch>().RunAsync();
        }
        await server.Services.GetRequiredService<EvaluationFloor>().ResyncAsync(); // the seed wrote no events
        // The names of the demo committees (to prove the wall shows none).
        await using var read = await server.Services.NewContextAsync();
        var protector = server.Services.GetRequiredService<IIdentityProtector>();
        var names = await read.CommitteeMembers.Select(m => m.ProtectedName).ToListAsync();
        var projects = await read.DrawRequests.Select(r => r.ProjectCode).ToListAsync();
        return [.. names.Select(protector.Unprotect), .. projects];
    }

    [Fact]
    public async Task The_desk_shows_todays_sessions_and_alerts_and_resolves_one_and_the_display_wall_shows_codes_and_counts_only()
    {
        var secrets = await SeedAsync();
        Assert.NotEmpty(secrets);
        await using var chromium = await Fixtures.Browser.OpenAsync();

        var desk = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "duty");
        var errors = new List<string>();
        desk.PageError += (_, e) => errors.Add(e);
        await desk.GotoAsync(new Uri(server.BaseAddress, "/evaluation").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(desk);
        await Expect(desk.GetByTestId("desk-session").First).ToBeVisibleAsync();
        await Expect(desk.Locator("[data-testid=alert-row][data-room=P301]").First).ToBeVisibleAsync();
        await desk.ScreenshotAsync(new() { FullPage = false, Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("evaluation-desk-1920x1080.png") });
        foreach (var secret in secrets.Where(s => s.Length >= 2 && !s.StartsWith("GC", StringComparison.Ordinal) && !s.StartsWith("ZC", StringComparison.Ordinal)))
            Assert.DoesNotContain(secret, await desk.ContentAsync()); // staff see the project; a person's name, never

        var agency = desk.Locator("[data-testid=alert-row][data-kind=AgencyStillInside][data-room=P301]");
        await agency.GetByTestId("resolve").ClickAsync();
        await desk.GetByTestId("resolution").Locator("input").Or(desk.Locator("input[data-testid=resolution]")).First.FillAsync("已通知代理机构人员离开评标区");
        await desk.GetByTestId("resolve-submit").ClickAsync();
        try
        {
            await Expect(desk.GetByTestId("resolved-row").First).ToContainTextAsync("已通知代理机构人员离开评标区");
        }
        finally
        {
            await desk.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("evaluation-desk-resolved-1920x1080.png") });
        }
        await Expect(desk.GetByTestId("resolved-row").First).ToContainTextAsync("duty"); // who resolved it: the signed-in account
        Assert.Empty(errors);

        var wall = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "display");
        await wall.GotoAsync(new Uri(server.BaseAddress, "/wall?panel=evaluation").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(wall);
        // The day's sessions turn their pages every Wall:PageSeconds: P301's comes round within a few pages.
        await Expect(wall.GetByTestId("ewall-session-P301").First).ToBeVisibleAsync(new() { Timeout = 35_000 });
        await Expect(wall.GetByTestId("ewall-alert").First).ToBeVisibleAsync();
        await wall.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await wall.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("wall-evaluation-alerts-1920x1080.png") });
        var shown = await wall.GetByTestId("evaluation-wall").InnerHTMLAsync(); // (a project may also open bids in a public room on another panel)
        foreach (var secret in secrets) Assert.DoesNotContain(secret, shown);
        Assert.DoesNotContain("曲靖市公共资源交易中心", shown);
        var small = await wall.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('.ewall *')].filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && parseFloat(getComputedStyle(e).fontSize) < 18).length");
        Assert.Equal(0, small); // legible across the room
    }
}

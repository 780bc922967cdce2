using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Witness;
using TradingOps.Data.Witness;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Witness;

/// <summary>
/// The witness log in Chromium at 1920x1080 on the demo: the witness (staff) opens one of today's running sessions
/// assigned to them and ticks the next step with its number key; the step shows ticked with its time, and the entry is
/// in the project's chain. Screenshots go to screenshots/.
/// </summary>
[FullLane]
public sealed class WitnessLogBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task The_witness_ticks_the_next_step_of_a_running_session_with_its_number_key()
    {
        WitnessSessionRow row;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test"));
            var rows = await scope.ServiceProvider.GetRequiredService<WitnessSessionService>().DayAsync(CenterTime.Today(TimeProvider.System));
            row = rows.First(r => r.WitnessUser == "staff" && r.State == WitnessSessionState.InSession && r.Done < r.Total);
        }
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync(new Uri(server.BaseAddress, "/witness").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.Locator($"[data-testid=witness-row][data-booking='{row.BookingId}']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("witness-day.png") });
        await page.Locator($"[data-testid=witness-row][data-booking='{row.BookingId}'] [data-testid=witness-open]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, $"/witness/sessions/{row.BookingId}").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);

        var next = page.Locator("[data-testid=witness-step][data-ticked=false]").First;
        var code = await next.GetAttributeAsync("data-code");
        await Expect(page.GetByTestId("witness-checklist")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync((row.Done + 1).ToString());

        var ticked = page.Locator($"[data-testid=witness-step][data-code='{code}']");
        await Expect(ticked).ToHaveAttributeAsync("data-ticked", "true");
        await Expect(ticked.GetByTestId("witness-step-time")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-testid=witness-entry][data-kind=Step][data-code='{code}']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("witness-log-progress")).ToContainTextAsync($"{row.Done + 1}/{row.Total}");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("witness-log.png") });
        Assert.Empty(errors);

        await using var db = await server.Services.NewContextAsync();
        var chain = await WitnessLog.ChainAsync(db, row.ProjectCode);
        Assert.Equal((code, "staff"), (chain[^1].Code, chain[^1].Actor));
        Assert.True(WitnessChain.Verify(row.ProjectCode, chain).Intact);
    }
}

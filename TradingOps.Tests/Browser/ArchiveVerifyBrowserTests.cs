using Microsoft.Playwright;
using TradingOps.Tests.Archives;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Archives;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Browser;

/// <summary>An auditor uploads an exported archive ZIP on 档案核验 in Chromium and reads the verdict; the retention page as a supervisor sees it.</summary>
[FullLane]
public sealed class ArchiveVerifyBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task An_uploaded_export_is_verified_in_the_browser_and_the_retention_page_shows_the_periods_with_their_sources()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"档案-{ArchiveSamples.Code}-{Guid.NewGuid():N}.zip");
        await using (var file = File.Create(zip))
            ArchiveExport.Write(ArchiveSamples.Locked(), file, "档案管理员", ArchiveSamples.ExportedAt);
        try
        {
            await using var chromium = await Fixtures.Browser.OpenAsync();
            var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "observer");

            await page.GotoAsync(new Uri(server.BaseAddress, "/archives/verify").ToString());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "档案核验" })).ToBeVisibleAsync();
            await Fixtures.Browser.WaitInteractiveAsync(page);
            await page.GetByTestId("verify-zip-input").SetInputFilesAsync(zip);
            var result = page.GetByTestId("verify-zip-result");
            await Expect(result).ToHaveAttributeAsync("data-verdict", "ok");
            await Expect(result).ToContainTextAsync("核验通过");
            await Expect(page.GetByTestId("verify-zip-project")).ToContainTextAsync(ArchiveSamples.Code);
            await page.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("archive-verify-1920x1080.png"), FullPage = true });

            var supervisor = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "supervisor");
            await supervisor.GotoAsync(new Uri(server.BaseAddress, "/archives/retention").ToString());
            await Expect(supervisor.GetByRole(AriaRole.Heading, new() { Name = "档案保管与销毁" })).ToBeVisibleAsync();
            await Expect(supervisor.Locator("[data-testid=retention-periods] tr[data-category=GovernmentProcurement]")).ToContainTextAsync("《政府采购法》第四十二条");
            await supervisor.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("archive-retention-1920x1080.png"), FullPage = true });
        }
        finally
        {
            File.Delete(zip);
        }
    }
}

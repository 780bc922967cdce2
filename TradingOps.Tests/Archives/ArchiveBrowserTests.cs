using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Archives;
using TradingOps.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Archives;

/// <summary>
/// The archive pages in Chromium at 1920x1080: the staff member opens a complete project's archive (checklist, sections,
/// a file's JSON), closes the project (the archive locks and its content is then behind a request), asks for access, a
/// supervisor approves it on the requests page, and the staff member reads the locked archive.
/// </summary>
[FullLane]
public sealed class ArchiveBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task A_complete_project_is_closed_its_locked_archive_is_requested_approved_by_another_and_read()
    {
        var data = new ArchiveTestData(server.Services, TimeProvider.System, "W");
        await data.CompleteAsync();
        var url = new Uri(server.BaseAddress, $"/archives/{data.Project}").ToString();

        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        await page.SetViewportSizeAsync(1920, 1080);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        // 1. The open archive: every check present, the sections, a file's JSON on click.
        await page.GotoAsync(url);
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("archive-state")).ToHaveTextAsync("未归档（实时汇集）");
        await Expect(page.GetByTestId($"archive-check-{ArchiveCompleteness.Certificate}")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"archive-section-{ArchiveSection.Draws}")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"archive-sealed-{(await DrawFileAsync(data))}")).ToBeVisibleAsync();
        await page.GetByTestId($"archive-file-{ArchiveNames.WitnessLog}").ClickAsync();
        await Expect(page.GetByTestId("archive-file-json")).ToContainTextAsync("\"chainKey\"");
        await Expect(page.GetByTestId("archive-export")).ToHaveAttributeAsync("href", $"/archives/{data.Project}/export");

        // 2. Close with confirmation: locked, hash shown, content now behind a request.
        await page.GetByTestId("archive-close").ClickAsync();
        await page.GetByTestId("archive-close-confirm").ClickAsync();
        await Expect(page.GetByTestId("archive-state")).ToHaveTextAsync("已归档锁定");
        await Expect(page.GetByTestId("archive-request")).ToBeVisibleAsync();
        await page.GetByTestId("archive-request-reason").FillAsync("复核异议处理过程");
        await page.GetByTestId("archive-request-submit").ClickAsync();
        await Expect(page.GetByTestId("archive-my-requests")).ToContainTextAsync("待审批");

        // 3. A supervisor approves it.
        Guid requestId;
        await using (var db = await server.Services.NewContextAsync())
            requestId = (await db.ArchiveAccessRequests.SingleAsync(r => r.ProjectCode == data.Project)).Id;
        var supervisor = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "supervisor");
        await supervisor.GotoAsync(new Uri(server.BaseAddress, "/archives/requests").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(supervisor);
        await supervisor.GetByTestId($"request-approve-{requestId}").ClickAsync();
        await Expect(supervisor.GetByTestId($"request-{requestId}")).ToHaveCountAsync(0);

        // 4. The staff member reads the locked archive.
        await page.GotoAsync(url);
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("archive-lock-hash")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"archive-section-{ArchiveSection.WitnessLog}")).ToBeVisibleAsync();
        await page.GetByTestId($"archive-file-{ArchiveNames.ChainVerification}").ClickAsync();
        await Expect(page.GetByTestId("archive-file-json")).ToContainTextAsync("见证链完整");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("archive-locked-file.png") });
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await Expect(page.GetByTestId("archive-checklist")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("archive-locked.png") });
        Assert.Empty(errors);
    }

    private async Task<string> DrawFileAsync(ArchiveTestData data)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var contents = await scope.ServiceProvider.GetRequiredService<TradingOps.Data.Archives.IArchiveContents>().ReadAsync(data.Project);
        return contents!.Files.Single(f => f.Section == ArchiveSection.Draws).Name;
    }
}

using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Witness;
using TradingOps.Data;
using TradingOps.Data.Witness;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Browser;

/// <summary>A supervisor opens a chain someone edited in the database behind the log's back: the page names the entry.</summary>
[FullLane]
public sealed class WitnessChainBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private const string Project = "WT2026-0901";

    private async Task SeedTamperedChainAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test"));
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>();
        var yesterday = CenterTime.Today(TimeProvider.System).AddDays(-1);
        var at = CenterTime.At(yesterday, new TimeOnly(9, 0));
        await using (var db = await factory.CreateDbContextAsync())
        {
            await WitnessLedger.InTransactionAsync(db, async () =>
            {
                string[] steps = ["开标准备就绪，投标文件密封完好", "投标人代表签到 6 家", "投标文件递交截止", "开标：当众拆封", "唱标完毕，无异议"];
                for (var i = 0; i < steps.Length; i++)
                    await WitnessLog.AppendAsync(db, new WitnessDraft(Project, null, null, WitnessEntryKind.Observation, null, steps[i], null,
                        at.AddMinutes(15 * i), "staff"), at.AddMinutes(15 * i));
                return 0;
            }, default);
        }
        Assert.Equal(AnchorOutcome.Written, (await scope.ServiceProvider.GetRequiredService<WitnessAnchorService>().AnchorAsync(yesterday)).Outcome);

        await using var attacker = await factory.CreateDbContextAsync();
        await attacker.Database.ExecuteSqlRawAsync(WitnessLogGuard.DropSql(attacker.Database.ProviderName));
        await attacker.Database.ExecuteSqlRawAsync($"UPDATE \"WitnessEntries\" SET \"Text\" = '投标人代表签到 5 家' WHERE \"ChainKey\" = '{Project}' AND \"Sequence\" = 2");
    }

    [Fact]
    public async Task A_supervisor_opening_a_chain_edited_in_the_database_sees_the_edited_entry_named_and_highlighted()
    {
        await SeedOnceAsync();
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "supervisor");

        await page.GotoAsync(new Uri(server.BaseAddress, "/witness/chains").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "见证链校验" })).ToBeVisibleAsync();
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = Project }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/witness/chains/{Project}$"));

        var verdict = page.GetByTestId("chain-broken");
        await Expect(verdict).ToBeVisibleAsync();
        await Expect(verdict).ToContainTextAsync("第 2 条不符（内容被修改）");
        var bad = page.GetByTestId("bad-entry");
        await Expect(bad).ToHaveAttributeAsync("data-sequence", "2");
        await Expect(bad).ToContainTextAsync("投标人代表签到 5 家");
        await Expect(page.GetByTestId("chain-anchor")).ToHaveAttributeAsync("data-matches", "true"); // the stored hashes were left alone
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("witness-chain.png"), FullPage = false });

        await using var db = await server.Services.NewContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "WitnessChain" && a.Key == Project && a.Action == AuditAction.Read && a.ActorName == "supervisor"));

        await page.GetByText("← 全部见证链").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/witness/chains$"));
        await page.GetByTestId("verify-all").ClickAsync();
        await Expect(page.GetByTestId("verify-all-result")).ToContainTextAsync("1 条不符");
        await Expect(page.Locator("tr", new() { HasText = Project }).GetByTestId("verdict-broken")).ToContainTextAsync("第 2 条");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("witness-chains.png") });
    }

    [Fact]
    public async Task The_daily_report_pdf_carries_the_days_anchor_digest_as_qr_and_its_download_is_audited()
    {
        await SeedOnceAsync();
        var yesterday = CenterTime.Today(TimeProvider.System).AddDays(-1);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new() }) { BaseAddress = server.BaseAddress };
        Assert.True(TradingOpsApp.SetsAuthCookie(await TradingOpsApp.SignInAsync(client, "supervisor", TradingOps.Web.Identity.IdentitySeeder.DemoPassword)));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync("/witness/daily/2026-13-45/pdf")).StatusCode);
        var response = await client.GetAsync($"/witness/daily/{yesterday:yyyy-MM-dd}/pdf");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        await File.WriteAllBytesAsync(Fixtures.Browser.ScreenshotPath("witness-daily.pdf"), pdf); // for people to look at

        await using var db = await server.Services.NewContextAsync();
        var anchor = await db.WitnessAnchors.SingleAsync(a => a.Day == yesterday);
        Assert.Equal([WitnessAnchor.QrText(yesterday, anchor.Digest)], PdfReadBack.Qr(pdf));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "ReportExport" && a.Key == TradingOps.Web.Witness.WitnessDailyPdf.AuditKey
            && a.Action == AuditAction.Exported && a.ActorName == "supervisor"));
    }

    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static bool _seeded;

    /// <summary>Both tests share the class's server: the tampered chain and yesterday's anchor are made once.</summary>
    private async Task SeedOnceAsync()
    {
        await Seeded.WaitAsync();
        try
        {
            if (!_seeded) await SeedTamperedChainAsync();
            _seeded = true;
        }
        finally { Seeded.Release(); }
    }
}

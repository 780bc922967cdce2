using Microsoft.Playwright;
using TradingOps.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.ScaleOut;

/// <summary>A signed-in browser on a live page while the database (PostgreSQL of this test's own) goes away and comes back.</summary>
[FullLane]
public sealed class DatabaseOutageBrowserTests : IAsyncLifetime
{
    private const string Message = "数据库暂时不可用，请稍后重试";

    private sealed class PostgresNode(IReadOnlyDictionary<string, string> settings) : TradingOpsServer(settings);

    private readonly LocalPostgres _postgres = new();
    private TradingOpsServer _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        _server = new PostgresNode(new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["Database:ConnectionString"] = _postgres.ConnectionString("outage_browser"),
            ["Database:DemoProjectsPerYear"] = "100",
        });
        (_playwright, _browser) = await Fixtures.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        _server.Dispose();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task A_live_page_shows_the_database_message_instead_of_the_error_bar_and_comes_back_by_itself()
    {
        var page = await Fixtures.Browser.SignedInAsync(_browser, _server.BaseAddress, "staff");
        await page.GotoAsync(new Uri(_server.BaseAddress, "/projects").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);

        await _postgres.StopAsync();
        try
        {
            // Navigating inside the live connection: the venues page loads from the database and cannot.
            await page.ClickAsync("[data-nav='/venues']");
            var notice = page.GetByTestId("database-unavailable");
            await Expect(notice).ToContainTextAsync(Message, new() { Timeout = 30_000 });
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            await page.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("database-unavailable-live.png") });

            // A fresh request for a page while the database is down: the same message, from the server.
            var other = await page.Context.NewPageAsync();
            var response = await other.GotoAsync(new Uri(_server.BaseAddress, "/venues").ToString());
            Assert.Equal(503, response!.Status);
            await Expect(other.GetByTestId("database-unavailable")).ToContainTextAsync(Message);
            // ...and once its live connection starts and tries the database itself, still the message, not an error.
            await Fixtures.Browser.WaitInteractiveAsync(other);
            await Expect(other.GetByTestId("database-unavailable")).ToContainTextAsync(Message, new() { Timeout = 30_000 });
            await Expect(other.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            await other.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("database-unavailable-page.png") });
            await other.CloseAsync();
        }
        finally
        {
            await _postgres.StartAsync();
        }

        // Back without a reload: the page retries on its own and shows its rooms; the live connection survived.
        await Expect(page.GetByTestId("database-unavailable")).ToBeHiddenAsync(new() { Timeout = 40_000 });
        await Expect(page.GetByText("K201").First).ToBeVisibleAsync();
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }
}

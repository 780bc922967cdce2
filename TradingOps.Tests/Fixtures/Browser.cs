using Microsoft.Playwright;

namespace TradingOps.Tests.Fixtures;

/// <summary>Debian's Chromium driven by Playwright (no browser download: the test command installs chromium).</summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Playwright and Chromium together: disposing it closes the browser, then Playwright.</summary>
    public sealed class Session(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
    {
        public IBrowser Browser { get; } = browser;

        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    /// <summary>A browser for one test: <c>await using var chromium = await Browser.OpenAsync();</c>.</summary>
    public static async Task<Session> OpenAsync()
    {
        var (playwright, browser) = await LaunchAsync();
        return new Session(playwright, browser);
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Lanes.RequireFullLane("a browser");
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing. Run ./test.sh, which installs it, or apt-get install chromium fonts-noto-cjk.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return (playwright, browser);
    }

    public static Task<IPage> WallSizedPageAsync(IBrowser browser) =>
        browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });

    /// <summary>
    /// A 1920x1080 zh-CN page in its own browser context (its own cookies, so several people can be signed in at
    /// once), signed in with a demo account.
    /// </summary>
    public static async Task<IPage> SignedInAsync(IBrowser browser, Uri baseAddress, string account)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        });
        var page = await context.NewPageAsync();
        await SignInAsync(page, baseAddress, account);
        return page;
    }

    /// <summary>Signs a page (and so its context) in with a demo account through the login form.</summary>
    public static async Task SignInAsync(IPage page, Uri baseAddress, string account)
    {
        await page.GotoAsync(new Uri(baseAddress, "/account/login").ToString());
        await page.FillAsync("#username", account);
        await page.FillAsync("#password", TradingOps.Web.Identity.IdentitySeeder.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByTestId("current-user")).ToBeVisibleAsync();
    }

    /// <summary>Waits until the Blazor circuit drives the page (prerendered HTML ignores input until then).</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("#interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>Screenshots go to screenshots/ at the repository root (ignored by git) for people to look at.</summary>
    public static string ScreenshotPath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TradingOps.sln"))) dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}

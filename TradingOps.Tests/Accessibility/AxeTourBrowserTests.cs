using System.Diagnostics;
using System.Reflection;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Components;
using Microsoft.Playwright;
using TradingOps.Tests.Fixtures;
using Xunit.Abstractions;

namespace TradingOps.Tests.Accessibility;

/// <summary>
/// Issue 22: every routable page, opened by every account that may open it, scanned with axe-core in the real app.
/// Zero serious or critical violations is the bar; the full table (serious+critical and all-impact counts per page
/// and account) goes to screenshots/axe-report.txt so a before/after can be read.
/// </summary>
[FullLane]
public sealed class AxeTourBrowserTests(TradingOpsServer server, ITestOutputHelper output) : IClassFixture<TradingOpsServer>
{
    private static readonly HashSet<string> Blocking = ["serious", "critical"];

    // Violations only: axe still runs every rule, but skips gathering and sending back the passes (much faster).
    private static readonly AxeRunOptions Options = new() { ResultTypes = [ResultType.Violations] };

    private sealed record Scan(string Template, string Account, string Url, IReadOnlyList<AxeResultItem> Violations, string? Error)
    {
        public int Blocking => Violations.Where(v => AxeTourBrowserTests.Blocking.Contains(v.Impact ?? "")).Sum(v => v.Nodes.Length);
        public int All => Violations.Sum(v => v.Nodes.Length);
    }

    [Fact]
    public async Task Every_page_as_every_account_that_may_open_it_has_no_serious_or_critical_axe_violations()
    {
        var clock = Stopwatch.StartNew();
        var stops = await PageTour.StopsAsync(server.Services);
        Assert.NotEmpty(stops);
        // AXE_ONLY=/queue,/admin scans only the templates containing one of those parts (while fixing; CI scans all).
        if (Environment.GetEnvironmentVariable("AXE_ONLY") is { Length: > 0 } only)
            stops = stops.Where(s => only.Split(',').Any(s.Template.Contains)).ToList();
        File.WriteAllText(Fixtures.Browser.ScreenshotPath("axe-progress.log"), "");
        var staticTemplates = StaticTemplates();

        await using var chromium = await Fixtures.Browser.OpenAsync();
        var accounts = stops.SelectMany(s => s.Accounts).Distinct().Order(StringComparer.Ordinal).ToList();
        // One browser context per account, reused across its pages; the accounts run side by side.
        var perAccount = await Task.WhenAll(accounts.Select(account => TourAsync(chromium.Browser, account,
            stops.Where(s => s.Accounts.Contains(account)).ToList(), staticTemplates)));
        var scans = perAccount.SelectMany(s => s).OrderBy(s => s.Template, StringComparer.Ordinal).ThenBy(s => s.Account, StringComparer.Ordinal).ToList();
        clock.Stop();

        var report = Report(scans, clock.Elapsed);
        await File.WriteAllTextAsync(Fixtures.Browser.ScreenshotPath("axe-report.txt"), report);
        output.WriteLine(report);

        var failures = scans.Where(s => s.Error is not null).Select(s => $"{s.Template} · {s.Account} · could not be scanned: {s.Error}")
            .Concat(scans.SelectMany(s => s.Violations.Where(v => Blocking.Contains(v.Impact ?? ""))
                .Select(v => $"{v.Id} ({v.Impact}) · {s.Template} · {s.Account} · {v.Nodes.Length} · {FirstTarget(v)}")))
            .ToList();
        Assert.True(failures.Count == 0,
            $"{failures.Count} serious/critical axe findings (rule · page template · account · count · first target):\n" + string.Join("\n", failures));
    }

    private async Task<List<Scan>> TourAsync(IBrowser browser, string account, IReadOnlyList<PageStop> stops, HashSet<string> staticTemplates)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
            // The wall fades panels in: scanned mid-fade, text is half transparent. Reduced motion shows the panel at once.
            ReducedMotion = ReducedMotion.Reduce,
        });
        await using var _ = context;
        await PageTour.SignInAsync(context, server.BaseAddress, account);
        var page = await context.NewPageAsync();
        var scans = new List<Scan>();
        foreach (var stop in stops)
        {
            try
            {
                await page.GotoAsync(new Uri(server.BaseAddress, stop.Url).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                // Interactive pages are scanned once the live connection drives them; one that does not start for this
                // account (anonymous visitors get no circuit) is scanned as served.
                if (!staticTemplates.Contains(stop.Template))
                    await page.Locator("#interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 20_000 })
                        .ContinueWith(t => t.Exception is null, TaskScheduler.Default);
                var t0 = Stopwatch.GetTimestamp();
                var result = await page.RunAxe(Options);
                lock (Blocking) File.AppendAllText(Fixtures.Browser.ScreenshotPath("axe-progress.log"), $"{DateTime.UtcNow:HH:mm:ss} {account} {stop.Url} axe {Stopwatch.GetElapsedTime(t0).TotalSeconds:0.0}s\n");
                scans.Add(new Scan(stop.Template, account, stop.Url, result.Violations, null));
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                scans.Add(new Scan(stop.Template, account, stop.Url, [], e.Message.Split('\n')[0]));
                // A page that broke the tab must not break the rest of this account's tour.
                await page.CloseAsync();
                page = await context.NewPageAsync();
            }
        }
        return scans;
    }

    /// <summary>Templates of pages rendered statically (no live connection, so no #interactive marker to wait for).</summary>
    private static HashSet<string> StaticTemplates() =>
        typeof(TradingOps.Web.Components.App).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<Microsoft.AspNetCore.Components.ExcludeFromInteractiveRoutingAttribute>() is not null)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .ToHashSet(StringComparer.Ordinal);

    private static string FirstTarget(AxeResultItem v) => v.Nodes.FirstOrDefault()?.Target?.ToString() ?? "";

    private static string Report(IReadOnlyList<Scan> scans, TimeSpan took)
    {
        var text = new StringBuilder();
        text.AppendLine($"axe-core tour: {scans.Count} page × account scans in {took.TotalSeconds:0} s");
        text.AppendLine($"TOTAL serious+critical nodes: {scans.Sum(s => s.Blocking)}   all-impact nodes: {scans.Sum(s => s.All)}   scans with serious+critical: {scans.Count(s => s.Blocking > 0)}");
        text.AppendLine();
        text.AppendLine("serious+critical · all · page template · account");
        foreach (var s in scans)
            text.AppendLine($"{s.Blocking,4} · {s.All,4} · {s.Template} · {s.Account}{(s.Error is null ? "" : " · NOT SCANNED: " + s.Error)}");
        text.AppendLine();
        text.AppendLine("By rule (nodes over all scans): rule · impact · serious+critical? · nodes · scans · first page / target");
        foreach (var rule in scans.SelectMany(s => s.Violations.Select(v => (Scan: s, V: v))).GroupBy(x => x.V.Id).OrderByDescending(g => g.Sum(x => x.V.Nodes.Length)))
        {
            var first = rule.First();
            text.AppendLine($"{rule.Key} · {first.V.Impact} · {rule.Sum(x => x.V.Nodes.Length)} · {rule.Count()} · {first.Scan.Template} / {FirstTarget(first.V)}");
        }
        text.AppendLine();
        text.AppendLine("Every finding: rule (impact) · page template · account · count · first target");
        foreach (var s in scans)
            foreach (var v in s.Violations)
                text.AppendLine($"{v.Id} ({v.Impact}) · {s.Template} · {s.Account} · {v.Nodes.Length} · {string.Join(" | ", v.Nodes.Take(8).Select(n => n.Target?.ToString()))}");
        return text.ToString();
    }
}

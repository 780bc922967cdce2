using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Wall;

namespace TradingOps.Tests.Wall;

/// <summary>The duty wall's pages, as the Display-role screen that shows them, scanned with axe-core (issue 22).</summary>
[FullLane]
public sealed class WallAxeBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private static readonly string[] Blocking = ["serious", "critical"];

    public static TheoryData<string> Pages =>
        [.. WallPanels.All.Select(p => $"/wall?panel={p.Key}"), "/wall/queues", "/wall/registrations"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_wall_page_has_no_serious_or_critical_axe_violations(string path)
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var wall = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "display");
        await wall.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce }); // no panel fade: half-faded text is not what the room reads
        await wall.GotoAsync(new Uri(server.BaseAddress, path).ToString());
        await Fixtures.Browser.WaitInteractiveAsync(wall);
        await wall.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var result = await wall.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        var findings = result.Violations.Where(v => Blocking.Contains(v.Impact ?? ""))
            .SelectMany(v => v.Nodes.Take(5).Select(n => $"{v.Id} ({v.Impact}) · {n.Target} · {(n.Html ?? "").Trim()[..Math.Min(120, (n.Html ?? "").Trim().Length)]}"))
            .ToList();
        Assert.True(findings.Count == 0, $"{path}: {findings.Count} serious/critical axe findings (rule · target · element):\n{string.Join("\n", findings)}");
    }
}

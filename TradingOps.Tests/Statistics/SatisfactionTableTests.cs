using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using TradingOps.Core.Statistics;
using TradingOps.Data.Statistics;
using TradingOps.Web.Statistics;

namespace TradingOps.Tests.Statistics;

/// <summary>The results table as supervisors read it (bUnit; Chinese is the neutral language).</summary>
public sealed class SatisfactionTableTests : BunitContext
{
    public SatisfactionTableTests()
    {
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void A_window_without_ratings_this_period_shows_a_dash_for_its_rate_and_change_never_zero_or_NaN()
    {
        var table = Render<SatisfactionTable>(p => p.Add(x => x.Rows,
        [
            new SatisfactionRow("1号窗口", new LevelCounts(8, 1, 1, 0, 0), new LevelCounts(5, 2, 1, 1, 1)),
            new SatisfactionRow("2号窗口", default, new LevelCounts(3, 0, 0, 0, 1)),
        ]));

        var rows = table.FindAll("tbody tr");
        var first = rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["1号窗口", "8", "1", "1", "0", "0", "10", "100.0%", "80.0%", "+20.0 pp"], first);
        var second = rows[1].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["2号窗口", "0", "0", "0", "0", "0", "0", "—", "75.0%", "—"], second);
        Assert.DoesNotContain("NaN", table.Markup);
        Assert.Equal(["", "非常满意", "满意", "基本满意", "不满意", "非常不满意", "评价总数", "满意率", "上期满意率", "变化"],
            table.FindAll("thead th").Select(th => th.TextContent.Trim()));
    }
}

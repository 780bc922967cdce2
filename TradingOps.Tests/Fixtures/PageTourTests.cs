namespace TradingOps.Tests.Fixtures;

/// <summary>The page tour opens real demo records and covers every page the authorization matrix knows.</summary>
[FullLane]
public sealed class PageTourTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task Every_page_is_a_stop_and_detail_pages_open_a_demo_record()
    {
        var stops = await PageTour.StopsAsync(server.Services);
        Assert.Equal(PageCatalog.Pages.Keys.Order(), stops.Select(s => s.Template).Order());
        Assert.All(stops, s => Assert.DoesNotContain('{', s.Url));
        // Detail pages open a demo record where the demo has one (a page without a record still renders its "not found").
        var opened = stops.Count(s => s.Template.Contains('{') && !s.Url.Contains(Guid.Empty.ToString()) && !s.Url.EndsWith("/unknown"));
        Assert.True(opened >= 25, $"only {opened} detail pages open a demo record");
    }
}

using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Data;
using TradingOps.Data.Queue;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Wall;

namespace TradingOps.Tests.Queue;

/// <summary>The wall's queue panel as another page would host it: live from the in-process bus.</summary>
public sealed class QueueWallPanelTests : SqliteLiveBunitContext
{
    [Fact]
    public async Task The_panel_shows_a_called_ticket_at_its_window_as_soon_as_it_is_called()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var type = new ServiceType("A", "项目登记受理", 1);
        ServiceWindow window;
        Staff clerk;
        await using (var db = await Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync())
        {
            var center = new Center("W", "测试中心", null);
            var zone = new Zone(center.Id, "公共服务区", ZoneKind.PublicService, "1F");
            window = new ServiceWindow(zone.Id, 1, "1号窗口", [type]);
            clerk = Clerks.NewStaff("0123", "张三");
            window.SignOn(WindowClerk.Of(clerk), DateTimeOffset.UtcNow);
            db.AddRange(center, zone, type, window);
            db.AddClerks(clerk);
            await db.SaveChangesAsync();
        }
        var queue = Services.GetRequiredService<QueueService>();
        await queue.IssueAsync(type.Id, TicketChannel.Kiosk);

        var panel = Render<QueueWallPanel>();
        panel.WaitForAssertion(() => Assert.Equal("1", panel.Find("[data-testid=wall-waiting] .v").TextContent));

        await Services.QueueAs(clerk).CallNextAsync(window.Id);

        panel.WaitForAssertion(() =>
        {
            Assert.Equal("0", panel.Find("[data-testid=wall-waiting] .v").TextContent);
            Assert.Contains("A001", panel.Find("[data-testid=wall-window-1]").TextContent);
        }, TimeSpan.FromSeconds(5));
    }
}

using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Admin;

namespace TradingOps.Tests.Web;

/// <summary>The audit trail reads like a ledger: Chinese action and entity names, the record's name, each field before and after.</summary>
public sealed class AuditLedgerPageTests : SqliteLiveBunitContext, IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    protected override void AddServices(IServiceCollection services) => AddAuthorization().SetAuthorized("admin").SetRoles("Admin");

    private async Task<Room> RoomResizedAsync()
    {
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var factory = Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>();
        var center = new Center("L", "测试中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        var room = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.AddRange(center, zone, room);
            await db.SaveChangesAsync();
        }
        await using (var db = await factory.CreateDbContextAsync())
        {
            var saved = await db.Rooms.SingleAsync(r => r.Id == room.Id);
            saved.Resize(60, 0); // audited by the interceptor as a Modified row of Room
            await db.SaveChangesAsync();
        }
        return room;
    }

    [Fact]
    public async Task A_modified_row_shows_the_action_and_entity_in_Chinese_the_rooms_name_not_its_Guid_and_each_field_before_and_after()
    {
        var room = await RoomResizedAsync();

        var page = Render<Audit>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=audit-action]")));
        var row = Rows(page).Single(r => r.QuerySelector("[data-testid=audit-action]")!.TextContent == "修改");
        Assert.Equal("场地", row.QuerySelector("[data-testid=audit-entity]")!.TextContent);
        var record = row.QuerySelector("[data-testid=audit-record]")!.TextContent.Trim();
        Assert.Equal("K201 第一开标室", record);
        Assert.DoesNotContain(room.Id.ToString(), row.TextContent);

        var fields = row.QuerySelectorAll("[data-testid=audit-fields] tbody tr")
            .Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Contains(["容纳人数", "40", "60"], fields);
        Assert.Equal(["字段", "修改前", "修改后"], row.QuerySelectorAll("[data-testid=audit-fields] thead th").Select(th => th.TextContent));

        // The added rows read as 新增 of 场地 / 区域 with their names from their own fields.
        Assert.Contains(Rows(page), r =>
            r.QuerySelector("[data-testid=audit-action]")!.TextContent == "新增" && r.QuerySelector("[data-testid=audit-entity]")!.TextContent == "区域"
            && r.QuerySelector("[data-testid=audit-record]")!.TextContent.Trim() == "开标区");
    }

    /// <summary>The trail's rows (not the rows of the field tables inside them).</summary>
    private static List<AngleSharp.Dom.IElement> Rows(IRenderedComponent<Audit> page) =>
        page.FindAll("[data-testid=audit-table] tbody tr").Where(r => r.QuerySelector("[data-testid=audit-action]") is not null).ToList();

    [Fact]
    public async Task The_pager_speaks_Chinese()
    {
        await RoomResizedAsync();
        var page = Render<Audit>();
        page.WaitForAssertion(() => Assert.Contains("每页行数", page.Find("[data-testid=audit-pager]").TextContent));
        Assert.Matches(@"第 1–\d+ 条，共 \d+ 条", page.Find("[data-testid=audit-pager]").TextContent);
    }
}

using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TradingOps.Core.Auditing;
using TradingOps.Core.Devices;
using TradingOps.Data;
using TradingOps.Data.Devices;
using TradingOps.Data.Queue;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Devices;

namespace TradingOps.Tests.Devices;

/// <summary>The admin page /admin/devices over a real SQLite database: pair, see the code once, revoke.</summary>
public sealed class DeviceAdminPageTests : TradingOpsBunitContext, IAsyncLifetime
{
    private ServiceProvider _data = null!;

    public async Task InitializeAsync()
    {
        _data = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), actor: Actor.User("admin-id", "admin"));
        await using (var scope = _data.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var scoped = _data.CreateScope().ServiceProvider;
        Services.AddScoped(_ => scoped.GetRequiredService<DeviceService>());
        Services.AddScoped(_ => scoped.GetRequiredService<QueueQueries>());
        Services.AddScoped(_ => scoped.GetRequiredService<TradingOps.Data.Evaluation.GateQueries>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _data.DisposeAsync();
    }

    private IRenderedComponent<DeviceAdmin> RenderPage()
    {
        Render<MudPopoverProvider>();
        return Render<DeviceAdmin>();
    }

    [Fact]
    public async Task An_admin_pairs_a_kiosk_sees_its_code_once_and_revokes_it()
    {
        var page = RenderPage();
        var kind = page.FindComponent<MudSelect<DeviceKind>>();
        await page.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(DeviceKind.Kiosk));
        var name = page.FindComponent<MudTextField<string>>();
        await page.InvokeAsync(() => name.Instance.ValueChanged.InvokeAsync("大厅东侧取号机"));
        page.FindAll("button").Single(b => b.TextContent.Contains("配对并生成配对码")).Click();

        string shown = "";
        page.WaitForAssertion(() => shown = page.Find("[data-testid=device-secret-code]").TextContent.Trim());
        await using (var db = await _data.NewContextAsync())
        {
            var device = await db.PairedDevices.SingleAsync();
            Assert.Equal("大厅东侧取号机", device.Name);
            Assert.Equal("admin", device.PairedBy);
            Assert.True(DeviceSecret.Matches(DeviceSecret.Normalize(shown)!, device.SecretHash));
        }

        page.FindAll("button").Single(b => b.TextContent.Contains("已在设备上输入")).Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=device-secret]")));
        var again = Render<DeviceAdmin>();
        again.WaitForAssertion(() => Assert.Contains("大厅东侧取号机", again.Find("[data-testid=devices]").TextContent));
        Assert.Empty(again.FindAll("[data-testid=device-secret]"));
        Assert.DoesNotContain(shown, again.Markup);

        again.FindAll("button").Single(b => b.TextContent.Trim() == "撤销").Click();
        again.WaitForAssertion(() => again.FindAll("button").Single(b => b.TextContent.Contains("确认撤销")).Click());
        again.WaitForAssertion(() => Assert.Contains("已撤销", again.Find("[data-testid=devices]").TextContent));
        await using var check = await _data.NewContextAsync();
        Assert.False((await check.PairedDevices.SingleAsync()).IsActive);
    }

    [Fact]
    public async Task A_rating_pad_without_a_window_is_refused_in_Chinese_and_nothing_is_paired()
    {
        var page = RenderPage();
        var name = page.FindComponent<MudTextField<string>>();
        await page.InvokeAsync(() => name.Instance.ValueChanged.InvokeAsync("评价器"));
        page.FindAll("button").Single(b => b.TextContent.Contains("配对并生成配对码")).Click();

        page.WaitForAssertion(() => Assert.Contains("评价器必须绑定一个服务窗口", Services.GetRequiredService<ISnackbar>().ShownSnackbars.Single().Message));
        Assert.Empty(page.FindAll("[data-testid=device-secret]"));
        await using var db = await _data.NewContextAsync();
        Assert.False(await db.PairedDevices.AnyAsync());
    }

    [Fact]
    public async Task A_room_door_is_paired_with_an_evaluation_room_picked_on_the_form_and_refused_without_one()
    {
        Guid roomId;
        await using (var db = await _data.NewContextAsync())
            roomId = (await TradingOps.Tests.Evaluation.GateTestData.SiteAsync(db)).P302.Id;
        var page = RenderPage();
        var kind = page.FindComponent<MudSelect<DeviceKind>>();
        await page.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(DeviceKind.RoomDoor));
        var name = page.FindComponent<MudTextField<string>>();
        await page.InvokeAsync(() => name.Instance.ValueChanged.InvokeAsync("第二评标室门禁"));
        page.FindAll("button").Single(b => b.TextContent.Contains("配对并生成配对码")).Click();
        page.WaitForAssertion(() => Assert.Contains("评标室门禁必须绑定一个评标室", Services.GetRequiredService<ISnackbar>().ShownSnackbars.Last().Message));

        var room = page.FindComponent<MudSelect<Guid?>>();
        await page.InvokeAsync(() => room.Instance.ValueChanged.InvokeAsync(roomId));
        page.FindAll("button").Single(b => b.TextContent.Contains("配对并生成配对码")).Click();

        page.WaitForAssertion(() => page.Find("[data-testid=device-secret-code]"));
        await using var check = await _data.NewContextAsync();
        var device = await check.PairedDevices.SingleAsync();
        Assert.Equal((DeviceKind.RoomDoor, (Guid?)roomId), (device.Kind, device.RoomId));
    }
}

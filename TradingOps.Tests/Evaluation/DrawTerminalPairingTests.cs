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

namespace TradingOps.Tests.Evaluation;

/// <summary>The admin pairing form pairs the provincial draw terminal, and the device list names its kind in Chinese.</summary>
public sealed class DrawTerminalPairingTests : TradingOpsBunitContext, IAsyncLifetime
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

    [Fact]
    public async Task An_admin_pairs_a_draw_terminal_from_the_device_page()
    {
        Render<MudPopoverProvider>();
        var page = Render<DeviceAdmin>();
        var kind = page.FindComponent<MudSelect<DeviceKind>>();
        await page.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(DeviceKind.DrawTerminal));
        await page.InvokeAsync(() => page.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync("省级终端一号"));
        page.FindAll("button").Single(b => b.TextContent.Contains("配对并生成配对码")).Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.Find("[data-testid=device-secret-code]").TextContent.Trim()));
        await using var db = await _data.NewContextAsync();
        var device = await db.PairedDevices.SingleAsync();
        Assert.Equal((DeviceKind.DrawTerminal, "省级终端一号"), (device.Kind, device.Name));
        page.WaitForAssertion(() => Assert.Contains("专家抽取终端", page.Find("[data-testid=devices]").TextContent));
    }
}

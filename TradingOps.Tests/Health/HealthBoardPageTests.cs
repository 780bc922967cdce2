using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Devices;
using TradingOps.Core.Health;
using TradingOps.Data;
using TradingOps.Data.Devices;
using TradingOps.Data.Health;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Health;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace TradingOps.Tests.Health;

/// <summary>The health board over a real SQLite database and the in-process live bus: colours, live heartbeats, reload and its coming back.</summary>
public sealed class HealthBoardPageTests : SqliteLiveBunitContext, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero));
    private readonly TestActor _actor = new(Actor.User("u-duty", "duty"));
    private BunitAuthorizationContext _auth = default!;

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<ICurrentActor>(_actor);
        services.AddDeviceHealth();
        services.AddSingleton<DeviceHealthBoard>();
        _auth = AddAuthorization();
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        db.Users.Add(new ApplicationUser { Id = "u-duty", UserName = "duty", NormalizedUserName = "DUTY", DisplayName = "值班经理" });
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == Roles.DutyManager)
                   ?? db.Roles.Add(new IdentityRole(Roles.DutyManager) { NormalizedName = Roles.DutyManager.ToUpperInvariant() }).Entity;
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = "u-duty", RoleId = role.Id });
        await db.SaveChangesAsync();
    }

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private async Task<Guid> PairAsync(DeviceKind kind, string name)
    {
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<DeviceService>().PairAsync(kind, name, null)).DeviceId;
    }

    private async Task<HeartbeatAnswer> BeatAsync(Guid device, string boot = "boot-1")
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeviceHealthService>()
            .BeatAsync(device, new HeartbeatReport(boot, "2026.12.1", 1920, 1080, "/queue/hall", null), "10.0.0.9");
    }

    private static IElement Card(IRenderedComponent<HealthBoardPage> page, Guid device) => page.Find($"[data-device='{device}']");

    [Fact]
    public async Task Each_device_shows_green_amber_red_or_not_set_up_grouped_by_kind()
    {
        var green = await PairAsync(DeviceKind.HallDisplay, "一楼叫号屏");
        var amber = await PairAsync(DeviceKind.HallDisplay, "二楼叫号屏");
        var red = await PairAsync(DeviceKind.DoorPlate, "K201 门牌");
        var never = await PairAsync(DeviceKind.DoorPlate, "K202 门牌");
        await BeatAsync(red);
        _clock.Advance(TimeSpan.FromSeconds(70));
        await BeatAsync(amber);
        _clock.Advance(TimeSpan.FromSeconds(60));
        await BeatAsync(green);
        _auth.SetAuthorized("boss").SetRoles(Roles.Supervisor);

        var page = Render<HealthBoardPage>();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=device]").Count), Wait);
        Assert.Equal("Green", Card(page, green).GetAttribute("data-state"));
        Assert.Equal("Amber", Card(page, amber).GetAttribute("data-state"));
        Assert.Equal("Red", Card(page, red).GetAttribute("data-state"));
        Assert.Equal("NeverSeen", Card(page, never).GetAttribute("data-state"));
        Assert.Contains("失联", Card(page, red).TextContent);
        Assert.Contains("配对后从未上线", Card(page, never).TextContent);
        Assert.Contains("1920×1080", Card(page, green).TextContent);
        Assert.Equal(2, page.Find("[data-testid=kind-HallDisplay]").QuerySelectorAll("[data-testid=device]").Length);
        Assert.Contains("正常 1 · 注意 1 · 失联 1 · 未上线 1", page.Find("[data-testid=health-summary]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=reload-device]")); // a supervisor watches; duty managers and admins reload
    }

    [Fact]
    public async Task A_duty_manager_asks_a_device_to_reload_and_the_board_shows_it_came_back()
    {
        var display = await PairAsync(DeviceKind.HallDisplay, "一楼叫号屏");
        await BeatAsync(display, "boot-1");
        _auth.SetAuthorized("duty").SetRoles(Roles.DutyManager);
        var page = Render<HealthBoardPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=reload-device]")), Wait);

        await page.InvokeAsync(() => page.Find("[data-testid=reload-device]").Click());
        page.WaitForAssertion(() => Assert.Equal("Requested", page.Find("[data-testid=device-reload]").GetAttribute("data-stage")), Wait);
        Assert.Contains("已请求「一楼叫号屏」远程刷新", page.Find("[data-testid=health-done]").TextContent);

        _clock.Advance(TimeSpan.FromSeconds(15));
        Assert.True((await BeatAsync(display, "boot-1")).Reload); // the page takes it with its next heartbeat
        page.WaitForAssertion(() => Assert.Equal("Delivered", page.Find("[data-testid=device-reload]").GetAttribute("data-stage")), Wait);

        _clock.Advance(TimeSpan.FromSeconds(2));
        await BeatAsync(display, "boot-2"); // the reloaded page's first beat
        var back = TradingOps.Web.Fmt.Seconds(_clock.GetUtcNow());
        page.WaitForAssertion(() => Assert.Equal($"已重新加载 {back}", page.Find("[data-testid=device-reload]").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task Reload_all_of_a_kind_asks_every_device_of_that_kind()
    {
        var a = await PairAsync(DeviceKind.DoorPlate, "K201 门牌");
        var b = await PairAsync(DeviceKind.DoorPlate, "K202 门牌");
        var display = await PairAsync(DeviceKind.HallDisplay, "一楼叫号屏");
        _auth.SetAuthorized("duty").SetRoles(Roles.DutyManager);
        var page = Render<HealthBoardPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=reload-kind-DoorPlate]"), Wait);

        await page.InvokeAsync(() => page.Find("[data-testid=reload-kind-DoorPlate]").Click());

        page.WaitForAssertion(() =>
        {
            Assert.NotNull(Card(page, a).QuerySelector("[data-testid=device-reload]"));
            Assert.NotNull(Card(page, b).QuerySelector("[data-testid=device-reload]"));
        }, Wait);
        Assert.Null(Card(page, display).QuerySelector("[data-testid=device-reload]"));
        Assert.Contains("已请求 2 台门牌屏远程刷新", page.Find("[data-testid=health-done]").TextContent);
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Devices;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Health;

namespace TradingOps.Tests.Health;

/// <summary>POST /devices/heartbeat against the real app: the device is who its pairing says, nobody else is recorded.</summary>
[FullLane]
public sealed class DeviceHeartbeatHttpTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    private static object Beat(string boot = "boot-1", string? error = null) =>
        new { bootId = boot, version = "2026.12.1", width = 1080, height = 1920, page = "/doorplate/K201", error };

    private async Task<long> BeatsRecordedAsync(Guid device)
    {
        await using var db = await app.Services.NewContextAsync();
        return await db.DeviceHeartbeats.Where(h => h.Id == device).Select(h => h.Beats).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task An_unpaired_caller_is_refused_and_nothing_is_recorded_even_signed_in_or_claiming_a_device()
    {
        var paired = await DeviceKit.PairAsync(app.Services, DeviceKind.DoorPlate, "K201 门牌（未上线）");

        var anonymous = await app.NewClient().PostAsJsonAsync(DeviceHeartbeatApi.Route, new { deviceId = paired.DeviceId, bootId = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var person = app.NewClient(); // a person's sign-in is not a device
        await TradingOpsApp.SignInAsync(person, "admin", TradingOps.Web.Identity.IdentitySeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.PostAsJsonAsync(DeviceHeartbeatApi.Route, Beat())).StatusCode);

        var forged = DeviceKit.AsDevice(app, TradingOps.Core.Devices.DeviceSecret.New()); // well-formed, never paired
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.PostAsJsonAsync(DeviceHeartbeatApi.Route, Beat())).StatusCode);

        Assert.Equal(0, await BeatsRecordedAsync(paired.DeviceId));
    }

    [Fact]
    public async Task A_revoked_device_is_refused()
    {
        var paired = await DeviceKit.PairAsync(app.Services, DeviceKind.HallDisplay, "撤销前的叫号屏");
        var device = DeviceKit.AsDevice(app, paired.Secret);
        Assert.Equal(HttpStatusCode.OK, (await device.PostAsJsonAsync(DeviceHeartbeatApi.Route, Beat())).StatusCode);

        await DeviceKit.RevokeAsync(app.Services, paired.DeviceId);

        Assert.Equal(HttpStatusCode.Unauthorized, (await device.PostAsJsonAsync(DeviceHeartbeatApi.Route, Beat())).StatusCode);
        Assert.Equal(1, await BeatsRecordedAsync(paired.DeviceId));
    }

    [Fact]
    public async Task A_paired_device_is_recorded_as_itself_with_its_version_screen_and_error()
    {
        var paired = await DeviceKit.PairAsync(app.Services, DeviceKind.DoorPlate, "K201 门牌");
        var other = await DeviceKit.PairAsync(app.Services, DeviceKind.DoorPlate, "K202 门牌");
        var device = DeviceKit.AsDevice(app, paired.Secret);

        var response = await device.PostAsJsonAsync(DeviceHeartbeatApi.Route, new
        {
            deviceId = other.DeviceId, bootId = "boot-1", version = "2026.12.1", width = 1080, height = 1920, page = "/doorplate/K201", error = "TypeError: plate is null",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<HeartbeatReply>();
        Assert.False(reply!.Reload);
        Assert.Equal(15, reply.HeartbeatSeconds);
        await using var db = await app.Services.NewContextAsync();
        var beat = await db.DeviceHeartbeats.SingleAsync(h => h.Id == paired.DeviceId);
        Assert.Equal(DeviceKind.DoorPlate, beat.Kind);
        Assert.Equal("2026.12.1", beat.Version);
        Assert.Equal((1080, 1920), (beat.ScreenWidth, beat.ScreenHeight));
        Assert.Equal("/doorplate/K201", beat.Page);
        Assert.Equal("TypeError: plate is null", beat.LastError);
        Assert.False(await db.DeviceHeartbeats.AnyAsync(h => h.Id == other.DeviceId)); // the id it claimed counts for nothing
    }

    [Fact]
    public async Task A_gate_terminal_beats_with_its_device_authorization_header()
    {
        var paired = await DeviceKit.PairAsync(app.Services, DeviceKind.EvaluationGate, "评标区入口门禁");
        var terminal = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        terminal.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Device", paired.Secret);

        Assert.Equal(HttpStatusCode.OK, (await terminal.PostAsJsonAsync(DeviceHeartbeatApi.Route, new { bootId = "gate-1", version = "gate 3.2" })).StatusCode);
        Assert.Equal(1, await BeatsRecordedAsync(paired.DeviceId));
    }

    [Fact]
    public async Task Heartbeats_are_limited_per_device_and_one_device_flooding_does_not_stop_another()
    {
        var noisy = DeviceKit.AsDevice(app, (await DeviceKit.PairAsync(app.Services, DeviceKind.Kiosk, "一楼取号机")).Secret);
        var quiet = DeviceKit.AsDevice(app, (await DeviceKit.PairAsync(app.Services, DeviceKind.Kiosk, "二楼取号机")).Secret);
        var limit = DeviceHeartbeatApi.BeatsPerMinute(new TradingOps.Core.Health.HealthOptions());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < limit + 2; i++)
            statuses.Add((await noisy.PostAsJsonAsync(DeviceHeartbeatApi.Route, Beat())).StatusCode);

        Assert.Equal(limit, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, (await quiet.PostAsJsonAsync(DeviceHeartbeatApi.Route, Beat())).StatusCode);
    }

    [Fact]
    public async Task Only_a_browser_holding_a_pairing_cookie_gets_the_heartbeat_script()
    {
        var paired = await DeviceKit.PairAsync(app.Services, DeviceKind.DoorPlate, "K201 门牌（脚本）");
        var asDevice = await DeviceKit.AsDevice(app, paired.Secret).GetStringAsync("/doorplate/K201");
        var asVisitor = await app.NewClient().GetStringAsync("/doorplate/K201");

        Assert.Contains("device-health", asDevice);
        Assert.DoesNotContain("device-health", asVisitor);
    }

    [Fact]
    public async Task A_wall_screen_paired_as_a_device_opens_the_wall_and_beats_from_it_as_its_display_account()
    {
        var paired = await DeviceKit.PairAsync(app.Services, DeviceKind.Wall, "值班室大屏");
        Assert.Equal("/wall", TradingOps.Web.Devices.DeviceHttp.HomeOf(new TradingOps.Data.Devices.DeviceIdentity(paired.DeviceId, DeviceKind.Wall, "值班室大屏", null, null)));
        var wall = app.NewClient();
        wall.DefaultRequestHeaders.Add("Cookie", $"{TradingOps.Web.Devices.DeviceCookie.Name}={DeviceSecret.Normalize(paired.Secret)}");
        await TradingOpsApp.SignInAsync(wall, "display", TradingOps.Web.Identity.IdentitySeeder.DemoPassword);

        Assert.Contains("device-health", await wall.GetStringAsync("/wall"));
        Assert.Equal(HttpStatusCode.OK, (await wall.PostAsJsonAsync(DeviceHeartbeatApi.Route, new { bootId = "wall-1", width = 1920, height = 1080, page = "/wall" })).StatusCode);
        await using var db = await app.Services.NewContextAsync();
        Assert.Equal(DeviceKind.Wall, (await db.DeviceHeartbeats.SingleAsync(h => h.Id == paired.DeviceId)).Kind);
    }
}

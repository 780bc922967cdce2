using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Devices;
using TradingOps.Core.Duty;
using TradingOps.Core.Health;
using TradingOps.Core.Live;
using TradingOps.Data;
using TradingOps.Data.Devices;
using TradingOps.Data.Health;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Health;

/// <summary>Heartbeats, silence alerts and remote reload on a real database, with a clock the test moves.</summary>
public abstract class DeviceHealthContract : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero));
    private readonly RecordingPublisher _events = new();
    private readonly TestActor _actor = new(Admin);
    private ServiceProvider _services = null!;

    private static readonly Actor Admin = Actor.User("u-admin", "admin");
    private static readonly Actor Duty = Actor.User("u-duty", "duty");
    private static readonly Actor Clerk = Actor.User("u-clerk", "clerk");

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["Database:ConnectionString"] = NewDatabase(),
            ["Database:SeedDemoData"] = "false",
            ["Health:SilenceSecondsByKind:EvaluationGate"] = "300",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<ILiveEventPublisher>(_events);
        services.AddTradingOpsData(configuration, Path.GetTempPath());
        services.AddDeviceHealth();
        services.AddSingleton<ICurrentActor>(_actor);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        await using var db = await _services.NewContextAsync();
        foreach (var (id, name, role) in new[] { ("u-admin", "admin", Roles.Admin), ("u-duty", "duty", Roles.DutyManager), ("u-clerk", "clerk", Roles.Staff) })
        {
            db.Users.Add(new ApplicationUser { Id = id, UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = name });
            var r = await db.Roles.SingleOrDefaultAsync(x => x.Name == role)
                    ?? db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() }).Entity;
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = r.Id });
        }
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<T> With<TService, T>(Func<TService, Task<T>> action, Actor? actor = null) where TService : notnull
    {
        _actor.Actor = actor ?? Admin;
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private Task<Guid> PairAsync(DeviceKind kind, string name) =>
        With<DeviceService, Guid>(async d => (await d.PairAsync(kind, name, null)).DeviceId);

    private Task<HeartbeatAnswer> BeatAsync(Guid device, string boot = "boot-1", string? error = null) =>
        With<DeviceHealthService, HeartbeatAnswer>(h => h.BeatAsync(device, new HeartbeatReport(boot, "2026.12", 1920, 1080, "/doorplate/K201", error), "10.0.0.21"),
            Actor.System("device"));

    private Task<DeviceSilenceWatch.Run> WatchAsync() => With<DeviceSilenceWatch, DeviceSilenceWatch.Run>(w => w.RunAsync(), Actor.Job("device-silence"));

    private async Task<List<OpsAlert>> AlertsAsync(Guid device)
    {
        await using var db = await _services.NewContextAsync();
        var key = DevicePulseText.AlertKey(device);
        return await db.OpsAlerts.AsNoTracking().Where(a => a.Key == key).ToListAsync();
    }

    [Fact]
    public async Task A_device_going_silent_raises_an_alert_and_its_next_heartbeat_clears_it()
    {
        var plate = await PairAsync(DeviceKind.DoorPlate, "K201 门牌");
        await BeatAsync(plate);
        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(0, (await WatchAsync()).Raised); // amber, not yet silent
        Assert.Empty(await AlertsAsync(plate));

        _clock.Advance(TimeSpan.FromSeconds(61)); // 121 s since the last beat: past the 120 s threshold
        var run = await WatchAsync();
        Assert.Equal(1, run.Raised);
        var raised = Assert.Single(await AlertsAsync(plate));
        Assert.True(raised.IsOpen);
        Assert.Equal(OpsAlertKind.DeviceSilent, raised.Kind);
        Assert.Contains("门牌屏「K201 门牌」", raised.Title);
        Assert.Equal(DeviceHealthState.Red, (await With<DeviceHealthService, IReadOnlyList<DevicePulse>>(h => h.BoardAsync())).Single().StateAt(_clock.GetUtcNow(), new HealthOptions()));

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, (await WatchAsync()).Raised); // still silent: the same alert, not a second one
        Assert.Single(await AlertsAsync(plate));

        await BeatAsync(plate); // the heartbeat itself clears it, before the watch runs again
        var cleared = Assert.Single(await AlertsAsync(plate));
        Assert.False(cleared.IsOpen);
        Assert.Equal(_clock.GetUtcNow(), cleared.ClearedAt);
        Assert.Contains(_events.Of<OpsAlertChanged>(), e => e.Row.Key == DevicePulseText.AlertKey(plate) && !e.Row.IsOpen);
        Assert.Equal(0, (await WatchAsync()).Raised);
    }

    [Fact]
    public async Task A_device_paired_but_never_seen_raises_no_alert_however_long_it_waits()
    {
        var display = await PairAsync(DeviceKind.HallDisplay, "一楼叫号屏");
        _clock.Advance(TimeSpan.FromHours(5));
        var run = await WatchAsync();
        Assert.Equal(0, run.Raised);
        Assert.Empty(await AlertsAsync(display));
        var pulse = (await With<DeviceHealthService, IReadOnlyList<DevicePulse>>(h => h.BoardAsync())).Single();
        Assert.Equal(DeviceHealthState.NeverSeen, pulse.StateAt(_clock.GetUtcNow(), new HealthOptions()));
    }

    [Fact]
    public async Task A_gate_is_alerted_only_past_its_own_longer_threshold()
    {
        var gate = await PairAsync(DeviceKind.EvaluationGate, "评标区入口");
        var plate = await PairAsync(DeviceKind.DoorPlate, "K202 门牌");
        await BeatAsync(gate);
        await BeatAsync(plate);
        _clock.Advance(TimeSpan.FromSeconds(200));
        await WatchAsync();
        Assert.Empty(await AlertsAsync(gate));
        Assert.Single(await AlertsAsync(plate));
        _clock.Advance(TimeSpan.FromSeconds(101));
        await WatchAsync();
        Assert.Single(await AlertsAsync(gate));
    }

    [Fact]
    public async Task A_revoked_device_has_its_silence_alert_cleared_by_the_watch()
    {
        var plate = await PairAsync(DeviceKind.DoorPlate, "K203 门牌");
        await BeatAsync(plate);
        _clock.Advance(TimeSpan.FromMinutes(3));
        await WatchAsync();
        Assert.True(Assert.Single(await AlertsAsync(plate)).IsOpen);
        await With<DeviceService, bool>(async d => { await d.RevokeAsync(plate); return true; });
        var run = await WatchAsync();
        Assert.Equal(1, run.Cleared);
        Assert.False(Assert.Single(await AlertsAsync(plate)).IsOpen);
    }

    [Fact]
    public async Task A_reload_asked_by_a_duty_manager_is_handed_over_once_and_the_page_is_seen_to_come_back()
    {
        var plate = await PairAsync(DeviceKind.DoorPlate, "K201 门牌");
        Assert.False((await BeatAsync(plate, "boot-1")).Reload);

        var asked = await With<DeviceHealthService, DevicePulse>(h => h.RequestReloadAsync(plate), Duty);
        Assert.Equal(ReloadStage.Requested, asked.Reload!.Stage);
        Assert.Equal("duty", asked.Reload.RequestedBy);
        // Asking again before the device took it: still one reload waiting.
        await With<DeviceHealthService, DevicePulse>(h => h.RequestReloadAsync(plate), Duty);

        _clock.Advance(TimeSpan.FromSeconds(15));
        var taken = await BeatAsync(plate, "boot-1");
        Assert.True(taken.Reload);
        Assert.Equal(ReloadStage.Delivered, taken.Pulse.Reload!.Stage);
        Assert.False((await BeatAsync(plate, "boot-1")).Reload); // handed over once

        _clock.Advance(TimeSpan.FromSeconds(2));
        var back = await BeatAsync(plate, "boot-2"); // the reloaded page's first beat
        Assert.False(back.Reload);
        Assert.Equal(ReloadStage.CameBack, back.Pulse.Reload!.Stage);
        Assert.Equal(_clock.GetUtcNow(), back.Pulse.Reload.CameBackAt);
        Assert.Contains(_events.Of<DevicePulseChanged>(), e => e.Pulse.DeviceId == plate && e.Pulse.Reload?.Stage == ReloadStage.CameBack);

        await using var db = await _services.NewContextAsync();
        Assert.Single(await db.DeviceCommands.Where(c => c.DeviceId == plate).ToListAsync());
        var audit = await db.AuditEntries.Where(a => a.Entity == nameof(DeviceCommand)).ToListAsync();
        Assert.Contains(audit, a => a.ActorName == "duty" && a.Action == AuditAction.Added);
        Assert.DoesNotContain(await db.AuditEntries.Select(a => a.Entity).ToListAsync(), e => e == nameof(DeviceHeartbeat)); // heartbeats are not the audit trail
    }

    [Fact]
    public async Task Reload_all_asks_every_active_device_of_the_kind_and_no_other()
    {
        var a = await PairAsync(DeviceKind.HallDisplay, "一楼叫号屏");
        var b = await PairAsync(DeviceKind.HallDisplay, "二楼叫号屏");
        var revoked = await PairAsync(DeviceKind.HallDisplay, "旧叫号屏");
        var plate = await PairAsync(DeviceKind.DoorPlate, "K201 门牌");
        await With<DeviceService, bool>(async d => { await d.RevokeAsync(revoked); return true; });

        var asked = await With<DeviceHealthService, IReadOnlyList<DevicePulse>>(h => h.RequestReloadAllAsync(DeviceKind.HallDisplay), Admin);

        Assert.Equal(new[] { a, b }.Order(), asked.Select(p => p.DeviceId).Order());
        await using var db = await _services.NewContextAsync();
        var commands = await db.DeviceCommands.ToListAsync();
        Assert.Equal(2, commands.Count);
        Assert.Single(commands.Select(c => c.BatchId).Distinct());
        Assert.DoesNotContain(commands, c => c.DeviceId == plate || c.DeviceId == revoked);
    }

    [Fact]
    public async Task A_clerk_cannot_ask_a_device_to_reload_and_nothing_is_saved()
    {
        var plate = await PairAsync(DeviceKind.DoorPlate, "K201 门牌");
        var refused = await Assert.ThrowsAsync<DomainException>(() => With<DeviceHealthService, DevicePulse>(h => h.RequestReloadAsync(plate), Clerk));
        Assert.Contains("值班经理", refused.Message);
        await Assert.ThrowsAsync<DomainException>(() => With<DeviceHealthService, IReadOnlyList<DevicePulse>>(h => h.RequestReloadAllAsync(DeviceKind.DoorPlate), Clerk));
        await using var db = await _services.NewContextAsync();
        Assert.Empty(await db.DeviceCommands.ToListAsync());
    }

    [Fact]
    public async Task A_heartbeat_records_what_the_page_says_and_keeps_its_last_error()
    {
        var plate = await PairAsync(DeviceKind.DoorPlate, "K201 门牌");
        await BeatAsync(plate, error: "TypeError: x is undefined");
        _clock.Advance(TimeSpan.FromSeconds(15));
        var pulse = (await BeatAsync(plate)).Pulse;
        Assert.Equal(_clock.GetUtcNow(), pulse.LastSeenAt);
        Assert.Equal("1920×1080", pulse.Screen);
        Assert.Equal("2026.12", pulse.Version);
        Assert.Equal("TypeError: x is undefined", pulse.LastError);
        Assert.Equal(DeviceHealthState.Amber, pulse.StateAt(_clock.GetUtcNow(), new HealthOptions())); // a recent error
    }
}

public sealed class SqliteDeviceHealthTests : DeviceHealthContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlDeviceHealthTests(PostgreSqlServer server) : DeviceHealthContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_health_{Guid.NewGuid():N}");
}

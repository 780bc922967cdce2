using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using TradingOps.Core.Auditing;
using TradingOps.Core.Health;
using TradingOps.Data;
using TradingOps.Data.Health;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Health;
using TradingOps.Web.Jobs;

namespace TradingOps.Tests.Health;

/// <summary>The Redis bus as the monitor sees it, against a real redis-server that the test stops and starts again.</summary>
[FullLane]
public sealed class IntegrationMonitorRedisTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 2, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private ServiceProvider _services = default!;

    public async Task InitializeAsync()
    {
        var config = ConfigurationOptions.Parse(redis.ConnectionString);
        config.AbortOnConnectFail = false; // as the app connects (ScaleOutSetup): keep going while Redis is down
        config.ReconnectRetryPolicy = new LinearRetry(200);
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), Actor.System("test"), clock: _clock, configure: s =>
        {
            s.Configure<HealthOptions>(o =>
            {
                o.IntegrationProbeSeconds = 30;
                o.IntegrationDegradedAlertMinutes = 5;
            });
            s.AddScoped<IntegrationQueries>();
            s.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(config));
        });
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await redis.StartAsync().ContinueWith(_ => { }); // leave the server running for its own dispose, whatever the test did
        await _services.DisposeAsync();
    }

    private IntegrationMonitor Monitor() =>
        new(_services, new IntegrationBoard(), _services.GetRequiredService<IOptions<HealthOptions>>(),
            Options.Create(new JobsOptions { Enabled = false }), _clock, NullLogger<IntegrationMonitor>.Instance);

    [Fact]
    public async Task Redis_stopped_reads_red_and_raises_its_alert_then_green_and_cleared_once_it_is_back()
    {
        var monitor = Monitor();
        await Eventually.FoundAsync(async () => (await monitor.ProbeAsync()).Of(IntegrationKind.RedisBus) is { State: IntegrationState.Green } s ? s : null,
            TimeSpan.FromSeconds(20), "the monitor sees Redis up");

        await redis.StopAsync();
        _clock.Advance(TimeSpan.FromMinutes(2)); // past two probe intervals since the last success
        var down = (await monitor.ProbeAsync()).Of(IntegrationKind.RedisBus)!;
        Assert.Equal(IntegrationState.Red, down.State);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await monitor.ProbeAsync();
        await using (var db = await _services.NewContextAsync())
            Assert.True((await db.OpsAlerts.SingleAsync(a => a.Key == "integration:redis")).IsOpen);

        await redis.StartAsync();
        _clock.Advance(TimeSpan.FromSeconds(30));
        var back = await Eventually.FoundAsync(async () => (await monitor.ProbeAsync()).Of(IntegrationKind.RedisBus) is { State: IntegrationState.Green } s ? s : null,
            TimeSpan.FromSeconds(30), "the monitor sees Redis back");
        Assert.Null(back.UnhealthySince);
        await using (var db = await _services.NewContextAsync())
            Assert.False((await db.OpsAlerts.SingleAsync(a => a.Key == "integration:redis")).IsOpen);
    }
}

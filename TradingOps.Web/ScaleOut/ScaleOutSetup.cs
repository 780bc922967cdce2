using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using TradingOps.Data;
using TradingOps.Web.Live;

namespace TradingOps.Web.ScaleOut;

/// <summary>Section "Redis": empty for a single node.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration, e.g. "127.0.0.1:6379". Empty: this node runs alone.</summary>
    public string? ConnectionString { get; set; }

    public string ChannelPrefix { get; set; } = "tradingops";
}

/// <summary>
/// Several web nodes behind a load balancer (sticky sessions for circuits): data-protection keys in the shared
/// database so a sign-in works on every node; with Redis configured, the SignalR backplane carries hub messages
/// to every node and a relay carries live events to the Blazor circuits of the other nodes. Without Redis each
/// node keeps serving its own users; the relay reconnects by itself when Redis returns.
/// </summary>
public static class ScaleOutSetup
{
    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName("TradingOps").PersistKeysToDbContext<TradingOpsDbContext>();

        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section));
        if (string.IsNullOrWhiteSpace(redis.ConnectionString)) return services;

        var config = ConfigurationOptions.Parse(redis.ConnectionString);
        config.AbortOnConnectFail = false; // start and keep serving while Redis is down; reconnect by itself
        config.ConnectRetry = 3;
        config.ReconnectRetryPolicy = new ExponentialRetry(500, 5000);
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(config));
        services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.Configuration = config.Clone();
            o.Configuration.ChannelPrefix = RedisChannel.Literal(redis.ChannelPrefix + ":signalr");
        });
        services.AddSingleton<RedisLiveEventRelay>();
        services.AddSingleton<ILiveEventForwarder>(sp => sp.GetRequiredService<RedisLiveEventRelay>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisLiveEventRelay>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return services;
    }
}

/// <summary>Redis down is a degradation, not an outage: this node serves on, only cross-node updates pause.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.IsConnected
            ? HealthCheckResult.Healthy("Redis 已连接")
            : HealthCheckResult.Degraded("Redis 不可用：跨节点实时更新暂停，本节点继续服务，恢复后自动续传"));
}

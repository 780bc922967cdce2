using TradingOps.Data.Health;

namespace TradingOps.Web.Health;

/// <summary>
/// The health board (issue 21): every paired device's heartbeat, silence alerts, remote reload; the integrations'
/// state; OpenTelemetry metrics with the Prometheus scrape endpoint at /metrics.
/// </summary>
public static class HealthWebSetup
{
    public static IServiceCollection AddHealthBoard(this IServiceCollection services, IConfiguration configuration)
    {
        // Devices: heartbeats, remote reload, the silence watch and the board's live read model.
        services.AddDeviceHealth();
        services.AddSingleton<HeartbeatLimiter>();
        services.AddSingleton<DeviceHealthBoard>();
        services.AddIntegrationHealth();
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDeviceHeartbeat();
        endpoints.MapIntegrationHealth();
        return endpoints;
    }
}

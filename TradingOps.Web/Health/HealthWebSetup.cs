namespace TradingOps.Web.Health;

/// <summary>
/// The health board (issue 21): every paired device's heartbeat, silence alerts, remote reload; the integrations'
/// state; OpenTelemetry metrics with the Prometheus scrape endpoint at /metrics.
/// </summary>
public static class HealthWebSetup
{
    public static IServiceCollection AddHealthBoard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIntegrationHealth();
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapIntegrationHealth();
        return endpoints;
    }
}

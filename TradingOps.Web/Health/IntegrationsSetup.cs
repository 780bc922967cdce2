using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using TradingOps.Core.Health;
using TradingOps.Data.Health;

namespace TradingOps.Web.Health;

/// <summary>
/// The integrations' health (database, Redis bus, Quartz, the notification sender, this node: probed, shown at
/// /health/integrations, alerted) and the OpenTelemetry metrics with the Prometheus scrape endpoint at /metrics.
/// </summary>
public static class IntegrationsSetup
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddIntegrationHealth(this IServiceCollection services)
    {
        services.AddScoped<IntegrationQueries>();
        services.AddSingleton<IntegrationBoard>();
        services.AddSingleton<IntegrationMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<IntegrationMonitor>());
        services.AddSingleton<TradingOpsMetrics>();
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("TradingOps"))
            .WithMetrics(metrics => metrics
                .AddMeter(TradingOpsMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapIntegrationHealth(this IEndpointRouteBuilder endpoints)
    {
        // Not a person's endpoint: the scraper's address or token decides (MetricsAccess), never a sign-in.
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: GateMetrics, optionsName: null)
            .AllowAnonymous();
        return endpoints;
    }

    /// <summary>Refuses callers <see cref="MetricsAccess"/> does not allow (403 / 401), then reads this scrape's counts.</summary>
    private static void GateMetrics(IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<HealthOptions>>().Value;
        var development = services.GetRequiredService<IWebHostEnvironment>().IsDevelopment();
        switch (MetricsAccess.Decide(http.Connection.RemoteIpAddress, http.Request.Headers.Authorization, options, development))
        {
            case MetricsDecision.TokenRefused:
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                http.Response.Headers.WWWAuthenticate = "Bearer";
                await http.Response.WriteAsync("令牌无效：请在 Authorization 头中提供 Health:MetricsToken 配置的令牌");
                return;
            case MetricsDecision.AddressRefused:
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await http.Response.WriteAsync("此地址无权读取监控指标：请在 Health:MetricsAllowedAddresses 中配置采集端地址，或使用 Health:MetricsToken 令牌");
                return;
        }
        try
        {
            await services.GetRequiredService<TradingOpsMetrics>().RefreshAsync(services, http.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database is away: the scrape still answers (the integration gauge shows the database down).
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IntegrationsSetup)).LogWarning(ex, "Metrics counts could not be read");
        }
        await next(http);
    });
}

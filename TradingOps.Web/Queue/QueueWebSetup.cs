using TradingOps.Web.Live;

namespace TradingOps.Web.Queue;

public static class QueueWebSetup
{
    public static IServiceCollection AddQueue(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<ILiveEventForwarder, QueueHallForwarder>();
        services.AddSingleton<KioskThrottle>();
        services.AddSingleton<WindowIdleSignOff>();
        services.AddHostedService(sp => sp.GetRequiredService<WindowIdleSignOff>());
        return services;
    }

    public static IEndpointRouteBuilder MapQueue(this IEndpointRouteBuilder app)
    {
        app.MapHub<QueueHallHub>(QueueHallHub.Path).AllowAnonymous();
        app.MapQueueApi();
        return app;
    }
}

using TradingOps.Web.Live;

namespace TradingOps.Web.Queue;

public static class QueueWebSetup
{
    public static void AddQueueWeb(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<ILiveEventForwarder, QueueHallForwarder>();
        services.AddSingleton<KioskThrottle>();
        services.AddSingleton<WindowIdleSignOff>();
        services.AddHostedService(sp => sp.GetRequiredService<WindowIdleSignOff>());
    }

    public static void MapQueueWeb(this WebApplication app)
    {
        app.MapHub<QueueHallHub>(QueueHallHub.Path).AllowAnonymous();
        app.MapQueueApi();
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TradingOps.Core.Live;
using TradingOps.Core.Queue;

namespace TradingOps.Data.Queue;

public static class QueueSetup
{
    public static IServiceCollection AddQueue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueueOptions>().Bind(configuration.GetSection(QueueOptions.Section))
            .Validate(o => o.MaxRecalls is >= 0 and <= 10 && o.TargetWaitMinutes is >= 1 and <= 240
                           && o.FollowUpContactWorkingDays is >= 0 and <= 30 && o.FollowUpResolveWorkingDays >= o.FollowUpContactWorkingDays
                           && o.FollowUpResolveWorkingDays <= 60 && o.KioskTicketsPerMinute is >= 1 and <= 600
                           && o.PadRatingMinutes is >= 1 and <= 60,
                "Queue 配置超出范围（MaxRecalls 0-10，TargetWaitMinutes 1-240，回访期限 0-60 个工作日，KioskTicketsPerMinute 1-600，PadRatingMinutes 1-60）")
            .Validate(o => o.WindowIdleSignOffMinutes is >= 1 and <= 720, "Queue:WindowIdleSignOffMinutes 必须在 1 到 720 之间")
            .ValidateOnStart();
        services.AddScoped<QueueService>();
        services.AddScoped<QueueQueries>();
        services.AddScoped<QueueSetupService>();
        return services;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;

namespace TradingOps.Data.Floor;

public static class FloorSetup
{
    public static IServiceCollection AddFloor(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FloorOptions>().Bind(configuration.GetSection(FloorOptions.Section))
            .Validate(o => o.SetupMinutes is >= 0 and <= 120 && o.CleanupMinutes is >= 0 and <= 120
                           && o.UpcomingMinutes is >= 1 and <= 240 && o.WallRotateSeconds is >= 5 and <= 600,
                "Floor: 布场/清场 0-120 分钟，即将开始窗口 1-240 分钟，大屏轮播 5-600 秒")
            .ValidateOnStart();
        services.AddOptions<BookingChangeOptions>().Bind(configuration.GetSection(BookingChangeOptions.Section))
            .Validate(o => o.NoShowGraceMinutes is >= 0 and <= 240, "Venue: 爽约宽限时间 0-240 分钟")
            .ValidateOnStart();
        services.AddScoped<BookingService>();
        services.AddScoped<FloorQueries>();
        services.AddScoped<AvailabilityQueries>();
        services.AddScoped<BookingDetailsQueries>();
        services.AddScoped<OutageService>();
        services.AddScoped<PublicFloorQueries>();
        services.AddScoped<ScheduleQueries>();
        return services;
    }
}

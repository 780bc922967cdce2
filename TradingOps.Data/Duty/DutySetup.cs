using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Duty;
using TradingOps.Core.Facilities;
using TradingOps.Core.Health;

namespace TradingOps.Data.Duty;

/// <summary>Facilities and the health board (issue 21): the equipment register, inspections, faults, device heartbeats, the duty roster and its alerts.</summary>
public static class DutySetup
{
    public static IServiceCollection AddFacilitiesAndHealth(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FacilityOptions>().Bind(configuration.GetSection(FacilityOptions.Section))
            .Validate(o => o.IsValid, "Facilities: 巡检宽限 0–1440 分钟，故障停用计划 1–720 小时").ValidateOnStart();
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section))
            .Validate(o => o.IsValid, "Health: 心跳 2–600 秒，且 心跳 < 黄色阈值 < 失联阈值").ValidateOnStart();
        services.AddOptions<HealthOptions>()
            .Validate(o => o.IntegrationSettingsValid,
                "Health: 接口巡检间隔 5–3600 秒，告警前持续 1–1440 分钟，发件箱滞后阈值 1–1440 分钟；MetricsAllowedAddresses 须为 IP 地址或 CIDR 网段（如 10.0.0.5、10.10.0.0/16），MetricsToken 至少 16 个字符")
            .ValidateOnStart();
        services.AddOptions<DutyOptions>().Bind(configuration.GetSection(DutyOptions.Section))
            .Validate(o => o.IsValid, "Duty: 白班开始须早于夜班开始，升级时间 1–1440 分钟").ValidateOnStart();
        services.AddScoped<OpsAlertService>();
        services.AddScoped<DutyRosterService>();
        services.AddScoped<Facilities.FaultService>();
        services.AddScoped<Facilities.FaultQueries>();
        return services;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Venue;

namespace TradingOps.Data.Venue;

public static class VenueSetup
{
    /// <summary>The venue desk's requests with clocks and the agency discipline ledger (issue 17).</summary>
    public static IServiceCollection AddVenueDesk(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VenueRequestOptions>().Bind(configuration.GetSection(VenueRequestOptions.Section))
            .Validate(o => o.IsValid, "Venue:Requests: 各类申请的办理时限须在 0-80 个工作小时之间，临近提醒 0-480 分钟")
            .ValidateOnStart();
        services.AddOptions<DisciplineOptions>().Bind(configuration.GetSection(DisciplineOptions.Section))
            .Validate(o => o.IsValid, "Venue:Discipline: 临时取消 0-240 小时，超时容差 0-240 分钟，规则次数 1-100、期间 1-24 个月")
            .ValidateOnStart();
        services.AddScoped<VenueRequestService>();
        services.AddScoped<VenueRequestQueries>();
        services.AddScoped<DisciplineQueries>();
        return services;
    }
}

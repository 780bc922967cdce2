namespace TradingOps.Web.Duty;

/// <summary>The duty roster on the holiday calendar, who is on duty now, and operations alerts with acknowledgement and escalation (issue 21).</summary>
public static class DutyWebSetup
{
    public static IServiceCollection AddDutyDesk(this IServiceCollection services)
    {
        services.AddSingleton<DutyNow>();
        services.AddSingleton<OpsAlertBoard>();
        return services;
    }

    public static IEndpointRouteBuilder MapDuty(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}

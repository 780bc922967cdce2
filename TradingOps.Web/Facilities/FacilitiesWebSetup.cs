namespace TradingOps.Web.Facilities;

/// <summary>
/// Facilities (issue 21): the equipment register per room and zone, inspection schedules and the day's tasks, faults
/// that take rooms out of service through the venue desk's outages, repairs and time to repair.
/// </summary>
public static class FacilitiesWebSetup
{
    public static IServiceCollection AddFacilityDesk(this IServiceCollection services)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapFacilities(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}

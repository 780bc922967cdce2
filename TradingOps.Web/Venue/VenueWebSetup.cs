namespace TradingOps.Web.Venue;

/// <summary>
/// The venue desk (场地安排岗): schedule grids of any day and week, every booking change from the screen, rooms and
/// seats out of service with proposals, requests with their clocks, the agency discipline ledger and the
/// notifications outbox.
/// </summary>
public static class VenueWebSetup
{
    public static IServiceCollection AddVenue(this IServiceCollection services)
    {
        services.AddSingleton<VenueRequestBoard>();
        return services;
    }

    public static IEndpointRouteBuilder MapVenue(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDisciplineExport();
        return endpoints;
    }
}

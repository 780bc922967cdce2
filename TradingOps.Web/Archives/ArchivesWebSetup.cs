namespace TradingOps.Web.Archives;

/// <summary>One archive per project (issue 20): the archive pages, access requests and approvals, the ZIP export, retention and destruction.</summary>
public static class ArchivesWebSetup
{
    public static IServiceCollection AddArchiveDesk(this IServiceCollection services)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapArchives(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapArchiveExport();
        return endpoints;
    }
}

namespace TradingOps.Web.Admin;

/// <summary>Administration: the audit trail's export (the audit, calendar and jobs pages need nothing registered here).</summary>
public static class AdminWebSetup
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAuditExport();
        return endpoints;
    }
}

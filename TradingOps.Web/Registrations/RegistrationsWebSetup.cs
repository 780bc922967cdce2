namespace TradingOps.Web.Registrations;

/// <summary>The registration desk: its JSON API under /api/registrations (the pages need nothing registered here).</summary>
public static class RegistrationsWebSetup
{
    public static IEndpointRouteBuilder MapRegistrations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRegistrationApi();
        return endpoints;
    }
}

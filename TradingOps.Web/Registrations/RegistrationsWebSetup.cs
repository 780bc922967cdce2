namespace TradingOps.Web.Registrations;

/// <summary>The registration desk: the node's registration board model (the pending board and the wall panel read it)
/// and its JSON API under /api/registrations.</summary>
public static class RegistrationsWebSetup
{
    public static IServiceCollection AddRegistrations(this IServiceCollection services) =>
        services.AddSingleton<RegistrationBoardModel>();

    public static IEndpointRouteBuilder MapRegistrations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRegistrationApi();
        return endpoints;
    }
}

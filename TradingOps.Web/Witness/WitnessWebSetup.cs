namespace TradingOps.Web.Witness;

/// <summary>
/// Witnessing (交易见证, issue 19): the witness log per session, its hash chain and the daily anchors, incidents and
/// suspension, misconduct records, the Observer role's read-only views, witness certificates and their public check,
/// and the rating of a session's venue and witness service.
/// </summary>
public static class WitnessWebSetup
{
    public static IServiceCollection AddWitness(this IServiceCollection services, IHostEnvironment environment)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapWitness(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCertificateEndpoints();
        return endpoints;
    }
}

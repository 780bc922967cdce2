using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Witness;

public static class WitnessSetup
{
    /// <summary>Witnessing (issue 19): the witness log and its chain, incidents and suspension, misconduct, certificates.</summary>
    public static IServiceCollection AddWitnessing(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WitnessOptions>().Bind(configuration.GetSection(WitnessOptions.Section))
            .Validate(o => o.IsValid, "Witness: 锚定文件夹和监督部门名称不能为空")
            .ValidateOnStart();
        services.AddScoped<WitnessLedger>();
        services.AddScoped<CertificateService>();
        services.AddScoped<SessionRatingService>();
        return services;
    }
}

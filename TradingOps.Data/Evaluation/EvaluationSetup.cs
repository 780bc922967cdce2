using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TradingOps.Core.Evaluation;

namespace TradingOps.Data.Evaluation;

public static class EvaluationSetup
{
    /// <summary>The evaluation area (issue 18): expert pool, draws, calls, gate, passes and cross-check alerts.</summary>
    public static IServiceCollection AddEvaluationArea(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EvaluationOptions>().Bind(configuration.GetSection(EvaluationOptions.Section))
            .Validate(o => o.IsValid, "Evaluation: 门禁时段 0-480 分钟，近期回避 0-3650 天，储物柜 1-9999 个，防重放 5-3600 秒，FingerprintKey 须为至少 32 字节的 base64")
            .ValidateOnStart();
        // Hosts without the web's key ring (tools, data tests) still protect; the web host's AddDataProtection wins.
        services.AddDataProtection();
        services.TryAddSingleton<IIdentityProtector, DataProtectionIdentityProtector>();
        services.AddScoped<EvaluationLedger>();
        services.AddScoped<DrawService>();
        services.AddScoped<DrawDemoSeeder>();
        services.AddScoped<CommitteeQueries>();
        services.AddScoped<RemoteEvaluationService>();
        services.AddScoped<EvaluationWatch>();
        services.AddScoped<ExpertPoolQueries>();
        services.AddScoped<ExpertPoolService>();
        services.AddScoped<ProvincialImportService>();
        services.AddScoped<GateService>();
        services.AddScoped<GateQueries>();
        services.AddScoped<AgencyPassService>();
        return services;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Witness;

public static class WitnessSetup
{
    /// <summary>Witnessing (issue 19): the witness log and its chain, incidents and suspension, misconduct, certificates.</summary>
    public static IServiceCollection AddWitnessing(IServiceCollection services, IConfiguration configuration, string contentRoot = ".")
    {
        services.AddOptions<WitnessOptions>().Bind(configuration.GetSection(WitnessOptions.Section))
            .Validate(o => o.MisconductReportWorkingDays is >= 1 and <= 5, "Witness:MisconductReportWorkingDays: 不良行为报告时限须为 1–5 个工作日")
            .Validate(o => o.IsValid, "Witness: 锚定文件夹和监督部门名称不能为空，AnchorSigningKey 须为 P-256 私钥（PKCS#8，base64），PublicBaseUrl 须为 http/https 绝对地址，各时限在允许范围内")
            .ValidateOnStart();
        services.AddScoped<WitnessLedger>();
        services.AddScoped<WitnessSessionService>();
        services.AddScoped<WitnessDemoSeeder>();
        services.AddSingleton(new WitnessAnchorFolder(contentRoot)); services.AddScoped<WitnessAnchorService>(); services.AddScoped<WitnessChainQueries>(); // anchors, verification, chain pages, daily report (B)
        services.AddScoped<IncidentService>(); services.AddScoped<IncidentQueries>();
        services.AddScoped<MisconductService>();
        services.AddScoped<MisconductQueries>();
        services.AddScoped<CertificateService>();
        services.AddScoped<SessionRatingService>();
        return services;
    }
}

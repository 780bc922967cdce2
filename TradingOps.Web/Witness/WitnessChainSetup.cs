using Microsoft.Extensions.Options;
using TradingOps.Core.Witness;
using TradingOps.Data.Witness;

namespace TradingOps.Web.Witness;

/// <summary>Tamper evidence (issue 19 item 2): the chain pages' services, the signing key's production check, the daily report's PDF.</summary>
public static class WitnessChainSetup
{
    public static IServiceCollection AddWitnessChain(this IServiceCollection services, IHostEnvironment environment)
    {
        // The development signing key is public (it is in the source): a production node refuses to start with it.
        if (environment.IsProduction())
            services.AddOptions<WitnessOptions>()
                .Validate(o => o.AnchorSigningKey != WitnessOptions.DevelopmentAnchorSigningKey,
                    "Witness:AnchorSigningKey: 生产环境必须配置自己的锚定签名密钥（ECDSA P-256 私钥，PKCS#8，base64），所有节点相同")
                .ValidateOnStart();
        return services;
    }
}

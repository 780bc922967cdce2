using Microsoft.Extensions.Options;
using TradingOps.Core.Evaluation;

namespace TradingOps.Web.Evaluation;

/// <summary>
/// The evaluation area (评标区, issue 18): the expert pool and the provincial import, draw requests, the two-person draw,
/// confirmation calls and redraws, the sealed list, the gate with seats and lockers, agency passes, and the live
/// cross-checks on the desk page and the wall.
/// </summary>
public static class EvaluationWebSetup
{
    public static IServiceCollection AddEvaluation(this IServiceCollection services, IHostEnvironment environment)
    {
        // The development fingerprint key is public (it is in the source): a production node refuses to start with it.
        if (environment.IsProduction())
            services.AddOptions<EvaluationOptions>()
                .Validate(o => o.FingerprintKey != EvaluationOptions.DevelopmentFingerprintKey,
                    "Evaluation:FingerprintKey: 生产环境必须配置自己的指纹密钥（base64，至少 32 字节），所有节点相同")
                .ValidateOnStart();
        services.AddSingleton<EvaluationFloor>(); // the desk's and the wall's read model (D)
        services.AddHostedService<EvaluationWatchTrigger>(); // gate refusals raise their alerts at once (D)
        return services;
    }

    public static IEndpointRouteBuilder MapEvaluation(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDrawResultsApi();
        endpoints.MapGateApi();
        return endpoints;
    }
}

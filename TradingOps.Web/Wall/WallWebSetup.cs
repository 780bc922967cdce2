using Microsoft.Extensions.Options;
using TradingOps.Core.Wall;

namespace TradingOps.Web.Wall;

/// <summary>The duty wall's own options (issue 22): when long waits and overdue registrations become alerts, the registration list's pages.</summary>
public static class WallWebSetup
{
    public static IServiceCollection AddWall(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WallAlertOptions>().Bind(configuration.GetSection(WallAlertOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WallAlertOptions>, WallAlertOptionsValidator>();
        return services;
    }

    /// <summary>Refuses to start with thresholds the wall cannot use, saying which setting and its range.</summary>
    private sealed class WallAlertOptionsValidator : IValidateOptions<WallAlertOptions>
    {
        public ValidateOptionsResult Validate(string? name, WallAlertOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TradingOps.Core.Auditing;
using TradingOps.Data;
using TradingOps.Data.Auditing;

namespace TradingOps.Bench;

/// <summary>The data layer as the app registers it, over the given settings, acting as the benchmark.</summary>
public static class BenchData
{
    public static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddTradingOpsData(configuration, Path.GetTempPath());
        services.AddScoped<ICurrentActor>(_ => new FixedActor(Actor.System("benchmark")));
        return services.BuildServiceProvider();
    }
}

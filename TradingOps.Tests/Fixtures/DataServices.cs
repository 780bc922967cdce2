using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Auditing;
using TradingOps.Data;
using TradingOps.Data.Auditing;
using Microsoft.EntityFrameworkCore;

namespace TradingOps.Tests.Fixtures;

/// <summary>The Data layer as the web app registers it, on a chosen database, acting as a chosen actor.</summary>
public static class DataServices
{
    public static ServiceProvider Build(DatabaseProvider provider, string connectionString, Actor? actor = null,
        bool seedDemo = false, int demoProjects = 500, TimeProvider? clock = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
            ["Database:SeedDemoData"] = seedDemo.ToString(),
            ["Database:DemoProjectsPerYear"] = demoProjects.ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (clock is not null) services.AddSingleton(clock);
        services.AddTradingOpsData(configuration, Path.GetTempPath());
        services.AddScoped(_ => new TestActor(actor ?? Actor.System("test")));
        services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<TestActor>());
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>Adds EF Core interceptors (a command counter, a failing commit) to whichever provider's context is registered.</summary>
    public static void AddDbInterceptors(this IServiceCollection services, params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        services.ConfigureDbContext<SqliteTradingOpsDbContext>((_, o) => o.AddInterceptors(interceptors), ServiceLifetime.Scoped);
        services.ConfigureDbContext<PostgreSqlTradingOpsDbContext>((_, o) => o.AddInterceptors(interceptors), ServiceLifetime.Scoped);
        services.ConfigureDbContext<SqlServerTradingOpsDbContext>((_, o) => o.AddInterceptors(interceptors), ServiceLifetime.Scoped);
    }

    /// <summary>A context from a fresh scope, as a page or job gets one.</summary>
    public static Task<TradingOpsDbContext> NewContextAsync(this IServiceProvider services) =>
        services.CreateScope().ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();

    /// <summary>This test run's SQLite files, removed when the test process ends.</summary>
    private static readonly string RunFolder = CreateRunFolder();

    public static string TempSqlite() => $"Data Source={Path.Combine(RunFolder, $"{Guid.NewGuid():N}.db")}";

    private static string CreateRunFolder()
    {
        var folder = Directory.CreateTempSubdirectory("tradingops-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return folder;
    }
}

/// <summary>The actor of a test scope: the one given to <see cref="DataServices.Build"/>, or another person set for one scope.</summary>
public sealed class TestActor(Actor actor) : ICurrentActor
{
    public Actor Actor { get; set; } = actor;

    public ValueTask<Actor> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Actor);
}

using Microsoft.Extensions.DependencyInjection;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Floor;

/// <summary>
/// The web app on a fixed Kestrel port over a SQLite file that outlives it: <see cref="RestartAsync"/> disposes the
/// running server and starts a new one on the same port over the same database, as a deployment or a crash
/// would. Browsers pointed at it see the connection drop and the server come back.
/// </summary>
public sealed class RestartableServer : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"tradingops-restart-{Guid.NewGuid():N}");
    private readonly int _port = ProcessRunner.FreeTcpPort();

    public Instance Current { get; private set; } = default!;
    public Uri BaseAddress { get; private set; } = default!;
    public IServiceProvider Services => Current.Services;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Current = Start();
        BaseAddress = new Uri(Current.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
        return Task.CompletedTask;
    }

    /// <summary>Stops the running server (circuits and hub connections drop), then starts a new process-like host.</summary>
    public async Task StopAsync()
    {
        await Current.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public Task StartAgainAsync()
    {
        Current = Start();
        return Task.CompletedTask;
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAgainAsync();
    }

    private Instance Start()
    {
        var instance = new Instance(Path.Combine(_directory, "tradingops.db"));
        instance.UseKestrel(_port);
        instance.StartServer();
        return instance;
    }

    public async Task DisposeAsync()
    {
        await Current.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>The usual test app over the shared file, with a fast heartbeat and no drain on shutdown.</summary>
    public sealed class Instance : TradingOpsApp
    {
        public Instance(string databasePath)
        {
            DatabasePathOverride = databasePath;
            KeepDatabase = true;
            Settings = new Dictionary<string, string> { ["Database:DemoProjectsPerYear"] = "300", ["Live:TickSeconds"] = "1" };
        }

        // A restart, not a drain: open circuits and hub connections are cut after two seconds.
        protected override void ConfigureServices(IServiceCollection services) =>
            services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
    }
}

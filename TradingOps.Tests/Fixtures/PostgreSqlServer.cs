using Npgsql;

namespace TradingOps.Tests.Fixtures;

/// <summary>
/// A real PostgreSQL 15 server for the test run: a fresh cluster in a temporary directory, listening on
/// 127.0.0.1 only, on a free port, stopped and deleted afterwards. Runs as the postgres user when the tests
/// run as root (initdb refuses root). The test command installs the postgresql package when it is missing.
/// </summary>
#if !BENCH
public sealed class PostgreSqlServer : LocalPostgres, IAsyncLifetime;
#endif

/// <summary>The cluster itself, without xunit (the benchmark project compiles this file too).</summary>
public class LocalPostgres
{
    private const string BinDir = "/usr/lib/postgresql/15/bin";
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"tradingops-pg-{Guid.NewGuid():N}");
    private bool _started;

    public int Port { get; } = ProcessRunner.FreeTcpPort();

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true,
            Timeout = 15, CommandTimeout = 60,
            // Every test has its own database and so its own pool: idle connections are closed soon, so the suite's
            // many pools do not hold the server's connections for the five minutes Npgsql keeps them by default.
            ConnectionIdleLifetime = 10, ConnectionPruningInterval = 5,
        }.ConnectionString;

    public async Task InitializeAsync()
    {
#if !BENCH
        Lanes.RequireFullLane("a PostgreSQL server");
#endif
        if (!File.Exists(Path.Combine(BinDir, "initdb")))
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed ({BinDir}/initdb missing). Run ./test.sh, which installs it, or apt-get install postgresql.");
        Directory.CreateDirectory(_root);
        var asRoot = Environment.UserName == "root";
        if (asRoot) await ProcessRunner.RunAsync("chown", ["postgres:postgres", _root], TimeSpan.FromSeconds(10));
        await Pg("initdb", ["-D", Path.Combine(_root, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], asRoot);
        await StartAsync();
    }

    /// <summary>Starts the server (again) on the same data directory and port.</summary>
    public async Task StartAsync()
    {
        await Pg("pg_ctl", ["-D", Path.Combine(_root, "data"), "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "start", "-o",
            $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500"],
            Environment.UserName == "root");
        _started = true;
    }

    /// <summary>Stops the server (an outage): open connections are cut, new ones refused until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        await Pg("pg_ctl", ["-D", Path.Combine(_root, "data"), "-m", "fast", "-w", "stop"], Environment.UserName == "root");
        _started = false;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (_started)
                await Pg("pg_ctl", ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"], Environment.UserName == "root");
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static Task Pg(string tool, string[] args, bool asRoot) =>
        asRoot
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinDir, tool), .. args], TimeSpan.FromMinutes(2))
            : ProcessRunner.RunAsync(Path.Combine(BinDir, tool), args, TimeSpan.FromMinutes(2));
}

#if !BENCH
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServer>
{
    public const string Name = "PostgreSQL server";
}
#endif

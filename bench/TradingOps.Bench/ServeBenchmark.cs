namespace TradingOps.Bench;

/// <summary>
/// A node for manual tests: the app on a fixed port over a fresh demo SQLite database (or the configuration
/// given), running until Ctrl+C. Extra settings as Key=Value, e.g. Database:Provider=PostgreSQL
/// "Database:ConnectionString=Host=127.0.0.1;Username=postgres;Database=tradingops" Redis:ConnectionString=127.0.0.1:6379.
/// </summary>
public sealed class ServeBenchmark : IBenchmark
{
    public string Name => "serve";
    public string Description => "start a node for manual tests (--port 5080 [Key=Value ...]); Ctrl+C stops it";

    public async Task<int> RunAsync(string[] args)
    {
        var port = (int)Args.Get(args, "--port", 5080);
        var settings = args.Where(a => a.Contains('=') && !a.StartsWith("--"))
            .Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        await using var node = LoadNode.Start(port, settings);
        Console.WriteLine($"serve: {node.Address} (demo accounts: admin, duty, staff, display ... password {TradingOps.Web.Identity.IdentitySeeder.DemoPassword})");
        Console.WriteLine($"  diagnostics (sign in as admin): {new Uri(node.Address, "/admin/diagnostics")}; Ctrl+C stops");
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
        await stop.Task;
        return 0;
    }
}

using System.Diagnostics;
using System.Net;
using System.Text;

namespace TradingOps.Bench;

/// <summary>
/// First start of the README run command: <c>dotnet run --project TradingOps.Web</c> (Development: migrate, seed the
/// demo center) on a fresh SQLite file, timed from the command until the first page answers 200, and until the
/// demo history is in the database when it is seeded after the first page. The build is made (untimed) before the
/// clock starts, so the figure is "first start after the build" as the README describes it.
/// </summary>
public sealed class FirstStartBenchmark : IBenchmark
{
    public string Name => "first-start";
    public string Description => "README run command on a fresh SQLite file: seconds to the first page (200) and to the demo history complete (target < 10 s) [--repeat N] [--no-build]";

    /// <summary>The line the app logs when the demo history is in the database (DemoDataSeeder).</summary>
    private const string HistoryLine = "Demo history:";

    public async Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--repeat");
        var repeat = at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : 1;
        var repository = Repository();
        if (!args.Contains("--no-build")) // --no-build: TradingOps.Web is built already (Debug, as the README command builds it)
        {
            Console.WriteLine($"first-start: building TradingOps.Web (untimed) in {repository}");
            var build = await Run("dotnet", ["build", "TradingOps.Web", "--nologo", "-v", "q"], repository, TimeSpan.FromMinutes(10));
            if (build != 0) { Console.Error.WriteLine("first-start: the build failed"); return 1; }
        }

        var failed = false;
        for (var i = 0; i < repeat; i++)
        {
            var (page, history, ok) = await OnceAsync(repository);
            failed |= !ok;
            Console.WriteLine($"first-start run {i + 1}: first page 200 after {page:0.0} s; demo history complete after {history} " +
                              $"({Environment.ProcessorCount} cores, load average {LoadAverage()})");
        }
        return failed ? 1 : 0;
    }

    private static async Task<(double Page, string History, bool Ok)> OnceAsync(string repository)
    {
        var directory = Directory.CreateTempSubdirectory("tradingops-first-start-").FullName;
        var port = TradingOps.Tests.Fixtures.ProcessRunner.FreeTcpPort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repository, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var a in new[] { "run", "--no-build", "--project", "TradingOps.Web", "--",
                     $"--urls={address.ToString().TrimEnd('/')}",
                     $"--Database:ConnectionString=Data Source={Path.Combine(directory, "tradingops.dev.db")}" })
            info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development"; // as launchSettings.json sets it for the README command

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        double? historyAt = null;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet run did not start");
        void Line(string? line)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
            if (line.Contains(HistoryLine, StringComparison.Ordinal)) historyAt ??= clock.Elapsed.TotalSeconds;
        }
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            double? page = null;
            while (clock.Elapsed < TimeSpan.FromMinutes(3))
            {
                if (process.HasExited) break;
                try
                {
                    using var response = await client.GetAsync("/"); // follows the sign-in redirect: the first page a person sees
                    if (response.StatusCode == HttpStatusCode.OK) { page = clock.Elapsed.TotalSeconds; break; }
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                await Task.Delay(50);
            }
            if (page is null)
            {
                Console.Error.WriteLine($"first-start: no page within 3 minutes:\n{output}");
                return (double.NaN, "n/a", false);
            }
            // The history is logged once it is in the database, before or after the first page.
            while (historyAt is null && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(5)) await Task.Delay(100);
            return (page.Value, historyAt is { } h ? $"{h:0.0} s" : "never (no history line logged)", historyAt is not null);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<int> Run(string file, string[] args, string directory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync().WaitAsync(timeout);
        return process.ExitCode;
    }

    private static string Repository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TradingOps.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("TradingOps.sln not found above the bench");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

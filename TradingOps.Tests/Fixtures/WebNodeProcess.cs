using System.Diagnostics;
using System.Text;

namespace TradingOps.Tests.Fixtures;

/// <summary>
/// A web node in a process of its own (<c>dotnet TradingOps.Web.dll</c> on 127.0.0.1 and a free port), so a test
/// can kill it outright (SIGKILL: no shutdown, no clean-up, as when a server dies). Settings are passed as
/// command-line configuration.
/// </summary>
public sealed class WebNodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public int Port { get; } = ProcessRunner.FreeTcpPort();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>What the node wrote so far (for failure messages).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public bool HasExited => _process.HasExited;

    public WebNodeProcess(IReadOnlyDictionary<string, string> settings)
    {
        Lanes.RequireFullLane("a web node process");
        var directory = AppContext.BaseDirectory; // the web app is built next to the tests (project reference)
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(directory, "TradingOps.Web.dll"));
        var all = new Dictionary<string, string>
        {
            ["urls"] = BaseAddress.ToString().TrimEnd('/'),
            ["contentRoot"] = directory,
            ["Security:RequireHttps"] = "false",
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings) all[key] = value;
        foreach (var (key, value) in all) info.ArgumentList.Add($"--{key}={value}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["DOTNET_gcServer"] = "0";
        _process = Process.Start(info) ?? throw new InvalidOperationException("dotnet TradingOps.Web.dll did not start");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits until the node answers /health/live (it has migrated, seeded and started listening).</summary>
    public async Task StartedAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The web node exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await client.GetAsync("health/live")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The web node did not answer within {timeout}:\n{Output}");
    }

    /// <summary>SIGKILL: the node dies mid-work, as a crashed server would.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}

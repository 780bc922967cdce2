using System.Diagnostics;
using System.Net.Sockets;

namespace TradingOps.Tests.Fixtures;

/// <summary>
/// A real redis-server on 127.0.0.1 and a free port, nothing persisted, that a test can stop and start again on
/// the same port (an outage). The test command installs the redis-server package when it is missing.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private const string Executable = "/usr/bin/redis-server";
    private Process? _process;

    public int Port { get; } = ProcessRunner.FreeTcpPort();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        Lanes.RequireFullLane("a Redis server");
        await StartAsync();
    }

    public async Task StartAsync()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing. Run ./test.sh, which installs it, or apt-get install redis-server.");
        var info = new ProcessStartInfo(Executable)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
            info.ArgumentList.Add(arg);
        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && await timer.WaitForNextTickAsync())
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
            }
        }
        throw new TimeoutException($"redis-server did not listen on {Port}");
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public Task DisposeAsync() => StopAsync();
}

using System.Diagnostics;
using System.Reflection;

namespace TradingOps.Bench;

/// <summary>
/// This benchmark program run again as a child process (clients that stand for other machines): started with the
/// given arguments, ready once it prints "ready", talked to over standard input and output, stopped by closing
/// its input.
/// </summary>
public sealed class BenchChild(Process process) : IAsyncDisposable
{
    public StreamWriter Input => process.StandardInput;
    public StreamReader Output => process.StandardOutput;

    public static async Task<BenchChild> StartAsync(IEnumerable<string> args, TimeSpan readyWithin)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(readyWithin);
        if (line != "ready") throw new InvalidOperationException($"child process did not start: {line}");
        return new BenchChild(process);
    }

    public async Task SendAsync(string line)
    {
        await Input.WriteLineAsync(line);
        await Input.FlushAsync();
    }

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30))) process.Kill();
        }
        process.Dispose();
        return ValueTask.CompletedTask;
    }
}

using System.Text;

namespace TradingOps.Bench;

/// <summary>
/// The two live push paths in one run, one after the other in this process, and their figures side by side:
/// floor-push (command to FloorHub clients) and queue-hall (call next to hall displays). Each benchmark prints its
/// own detail as it runs; the closing table repeats their percentile lines.
/// </summary>
public sealed class LivePushBenchmark : IBenchmark
{
    public string Name => "live-push";

    public string Description =>
        "floor-push and queue-hall in one run, p50/p95/p99 side by side (args: [--floor N] default 1000, [--rounds R]; the rest goes to queue-hall)";

    public async Task<int> RunAsync(string[] args)
    {
        var floorClients = "1000";
        var floorArgs = new List<string>();
        var hallArgs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--floor" && i + 1 < args.Length) floorClients = args[++i];
            else if (args[i] == "--rounds" && i + 1 < args.Length) { floorArgs.Add("--rounds"); floorArgs.Add(args[++i]); }
            else hallArgs.Add(args[i]);
        }
        floorArgs.Insert(0, floorClients);

        Console.WriteLine($"live-push: floor-push {string.Join(' ', floorArgs)}, then queue-hall {string.Join(' ', hallArgs)} ({Environment.ProcessorCount} cores, load average {LoadAverage()})");
        var (floorStatus, floorOutput) = await CapturedAsync(() => new FloorPushBenchmark().RunAsync([.. floorArgs]));
        var (hallStatus, hallOutput) = await CapturedAsync(() => new QueueHallBenchmark().RunAsync([.. hallArgs]));

        Console.WriteLine();
        Console.WriteLine($"live-push summary (load average {LoadAverage()} at the end):");
        foreach (var line in floorOutput.Where(l => l.Contains("p95=", StringComparison.Ordinal)))
            Console.WriteLine($"  floor-push  command-to-client {line.Trim()}");
        var summary = hallOutput.FindIndex(l => l.StartsWith("queue-hall summary", StringComparison.Ordinal));
        foreach (var line in hallOutput.Skip(Math.Max(0, summary)).Where(l => l.Contains("p95=", StringComparison.Ordinal)))
            Console.WriteLine($"  queue-hall  call-to-display  {line.Trim()}");
        return floorStatus != 0 ? floorStatus : hallStatus;
    }

    /// <summary>Runs one benchmark with its output going to the console as usual and kept for the summary.</summary>
    private static async Task<(int Status, List<string> Lines)> CapturedAsync(Func<Task<int>> run)
    {
        var original = Console.Out;
        var kept = new StringWriter();
        Console.SetOut(new Tee(original, kept));
        try
        {
            var status = await run();
            return (status, kept.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    private sealed class Tee(TextWriter first, TextWriter second) : TextWriter
    {
        private readonly Lock _gate = new();
        public override Encoding Encoding => first.Encoding;

        public override void Write(char value)
        {
            lock (_gate) { first.Write(value); second.Write(value); }
        }

        public override void Write(string? value)
        {
            lock (_gate) { first.Write(value); second.Write(value); }
        }

        public override void WriteLine(string? value)
        {
            lock (_gate) { first.WriteLine(value); second.WriteLine(value); }
        }

        public override void Flush() => first.Flush();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

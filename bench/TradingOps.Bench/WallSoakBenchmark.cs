using System.Diagnostics;
using TradingOps.Data.Floor;

namespace TradingOps.Bench;

/// <summary>
/// Soak: one wall open (headless Chromium) under a steady stream of session commands. Prints the node's managed
/// heap (after a full collection), working set, live subscriptions and circuits over time and the wall's
/// command-to-screen latency per interval; at the end, whether subscriptions leaked and whether the wall still
/// shows a change.
/// </summary>
public sealed class WallSoakBenchmark : IBenchmark
{
    public string Name => "wall-soak";
    public string Description => "one wall under steady events, memory and subscriptions over time (--minutes 30 --rate 2 [--every 60])";

    public async Task<int> RunAsync(string[] args)
    {
        var minutes = Args.Get(args, "--minutes", 30);
        var rate = Args.Get(args, "--rate", 2);
        var every = TimeSpan.FromSeconds(Args.Get(args, "--every", minutes <= 5 ? 30 : 60));

        await using var node = LoadNode.Start();
        var sessions = await node.SessionsAsync();
        Console.WriteLine($"wall-soak: server {node.Address}, {minutes} min at {rate}/s over {sessions.Count} sessions, load average {LoadBenchmark.LoadAverage()}");
        var subscriptionsBefore = node.LiveSubscriptions;

        var ledger = new CommandLedger();
        var observer = ledger.NewObserver();
        await using var browser = await WallBrowser.LaunchAsync();
        var wall = await browser.OpenWallAsync(node.Address, observer);
        var heapStart = LoadNode.HeapAfterCollect();
        var subscriptionsStart = node.LiveSubscriptions;
        Console.WriteLine($"  start: heap {Args.Mb(heapStart)}, working set {Args.Mb(LoadNode.WorkingSet())}, live subscriptions {subscriptionsStart} (before the wall {subscriptionsBefore}), circuits {node.Circuits}");
        Console.WriteLine("  minute   heap      working set  subscriptions  circuits  wall latency (interval)");

        var stream = new CommandStream(node, sessions, ledger);
        var run = stream.RunAsync(rate, TimeSpan.FromMinutes(minutes));
        var watch = Stopwatch.StartNew();
        var seenBefore = 0;
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(every));
            var latencies = ledger.Latencies.Skip(seenBefore).ToList();
            seenBefore += latencies.Count;
            Console.WriteLine($"  {watch.Elapsed.TotalMinutes,6:0.0}  {Args.Mb(LoadNode.HeapAfterCollect()),9}  {Args.Mb(LoadNode.WorkingSet()),11}  {node.LiveSubscriptions,13}  {node.Circuits,8}  {Percentiles.Summary(latencies)}");
        }
        await run;
        await Task.Delay(2000);
        await stream.ResetAsync();

        // Still updating: one more suspend must reach the wall.
        var (booking, room) = sessions[0];
        var last = observer.Seen;
        var sw = Stopwatch.StartNew();
        ledger.Issued(room, "suspend", Stopwatch.GetTimestamp());
        await node.CommandAsync(booking, SessionCommand.Suspend);
        while (observer.Seen == last && sw.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        var updating = observer.Seen > last;
        await node.CommandAsync(booking, SessionCommand.Resume);

        var heapEnd = LoadNode.HeapAfterCollect();
        var subscriptionsEnd = node.LiveSubscriptions;
        Console.WriteLine($"  end: heap {Args.Mb(heapEnd)} ({(heapEnd - heapStart) / 1048576.0:+0.0;-0.0} MB since the start), live subscriptions {subscriptionsEnd} (start {subscriptionsStart}, leaked {subscriptionsEnd - subscriptionsStart}), circuits {node.Circuits}");
        Console.WriteLine($"  commands {ledger.IssuedCount}, failed {ledger.FailedCommands}; wall saw {observer.Seen}, missed {observer.Outstanding()}, superseded {ledger.Superseded}; overall {Percentiles.Summary(ledger.Latencies)}");
        Console.WriteLine($"  wall still updating: {(updating ? $"yes ({sw.ElapsedMilliseconds} ms for a final suspend)" : "NO")}");
        await wall.Context.CloseAsync();
        await Task.Delay(3000);
        Console.WriteLine($"  after closing the wall: live subscriptions {node.LiveSubscriptions} (before the wall {subscriptionsBefore}; the node's shared floor snapshot, created with the first wall, holds one), circuits {node.Circuits}");
        return updating && subscriptionsEnd == subscriptionsStart ? 0 : 1;
    }
}

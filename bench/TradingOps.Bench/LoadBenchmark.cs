using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using TradingOps.Web.Floor;

namespace TradingOps.Bench;

/// <summary>
/// Load: N FloorHub clients (WebSockets) and M real wall circuits (headless Chromium, signed in as the display
/// account) on one node while session commands run at K per second. Prints command-to-screen latency for hub
/// clients (push received) and walls (tile changed in the page), ok/timed-out counts, and the node's managed
/// heap per hub connection and per wall circuit. The server runs in this process: hub client objects are in the
/// same heap, so the per-hub figure is an upper bound; the walls' browser is a separate process.
/// </summary>
public sealed class LoadBenchmark : IBenchmark
{
    public string Name => "load";
    public string Description => "N hub clients + M wall circuits at K events/s (--hubs 1000 --walls 50 --rate 20 --seconds 60 [--timeout 10] [--hubs-process separate|same] [--browser-nice 0..19] [--browser-args \"--switch ...\"] [--js-profile first-wall.cpuprofile])";

    public async Task<int> RunAsync(string[] args)
    {
        if (args.Contains(LoadHubClients.ChildFlag)) return await LoadHubClients.RunChildAsync(args);
        var hubs = (int)Args.Get(args, "--hubs", 1000);
        var walls = (int)Args.Get(args, "--walls", 50);
        var rate = Args.Get(args, "--rate", 20);
        var seconds = Args.Get(args, "--seconds", 60);
        var timeout = TimeSpan.FromSeconds(Args.Get(args, "--timeout", 10));
        var browserNice = (int)Args.Get(args, "--browser-nice", 0);
        var hubsProcess = Args.Text(args, "--hubs-process") ?? "separate";
        if (hubsProcess is not ("same" or "separate")) throw new ArgumentException($"--hubs-process {hubsProcess}: expected same or separate");

        await using var node = LoadNode.Start();
        var sessions = await node.SessionsAsync();
        var rooms = sessions.ToDictionary(s => s.Booking, s => s.Room);
        Console.WriteLine($"load: server {node.Address}, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        Console.WriteLine($"  {sessions.Count} running sessions toggled (suspend/resume), {hubs} hub clients ({(hubsProcess == "same" ? "in this process" : "in a child process")}), {walls} walls, {rate}/s for {seconds} s" +
                          (browserNice > 0 ? $", walls' Chromium at nice {browserNice}" : ""));

        var hubLedger = new CommandLedger();
        var wallLedger = new CommandLedger();
        var baseline = LoadNode.HeapAfterCollect();
        var subscriptionsBefore = node.LiveSubscriptions;

        var watch = Stopwatch.StartNew();
        var hubObservers = Enumerable.Range(0, hubs).Select(_ => hubLedger.NewObserver()).ToList();
        await using var clients = await LoadHubClients.StartAsync(hubsProcess == "separate", node.Address, rooms, hubObservers);
        var withHubs = LoadNode.HeapAfterCollect();
        Console.WriteLine($"  {hubs} hub clients connected in {watch.Elapsed.TotalSeconds:0.0} s; heap +{Args.Mb(withHubs - baseline)}" +
                          (hubs > 0 ? $" = {Args.Kb((withHubs - baseline) / (double)hubs)} per hub connection" + (hubsProcess == "same" ? " (server and client objects)" : " (server side)") : ""));

        await using var browser = walls > 0 ? await WallBrowser.LaunchAsync(browserNice, Args.Text(args, "--browser-args")) : null;
        var wallObservers = new List<CommandLedger.Observer>();
        watch.Restart();
        var afterFirstWall = withHubs;
        var atHalf = withHubs;
        var half = walls / 2;
        RendererMetrics? firstWall = null;
        for (var i = 0; i < walls; i++)
        {
            var observer = wallLedger.NewObserver();
            wallObservers.Add(observer);
            var metrics = i == 0 ? new RendererMetrics() : null;
            var page = await browser!.OpenWallAsync(node.Address, observer, metrics is null ? null : metrics.Watch);
            if (metrics is not null)
            {
                await metrics.StartAsync(page);
                firstWall = metrics;
            }
            // The first wall also fills the node's one-time caches (components, localisation, queries): the
            // per-circuit figure is taken over the walls after it.
            if (i == 0 && walls > 1) afterFirstWall = LoadNode.HeapAfterCollect();
            // Pools and caches shared by all circuits keep growing over the first walls: the second half's growth is
            // what one more wall costs.
            if (i + 1 == half && walls >= 4) atHalf = LoadNode.HeapAfterCollect();
        }
        var withWalls = LoadNode.HeapAfterCollect();
        var perWall = walls switch
        {
            0 => "",
            1 => $" = {Args.Kb(withWalls - withHubs)} for the only wall (one-time caches included)",
            < 4 => $" = {Args.Kb((withWalls - afterFirstWall) / (double)(walls - 1))} per wall circuit (after the first)",
            _ => $" = {Args.Kb((withWalls - afterFirstWall) / (double)(walls - 1))} per wall circuit after the first, " +
                 $"{Args.Kb((withWalls - atHalf) / (double)(walls - half))} per wall over the last {walls - half}",
        };
        Console.WriteLine($"  {walls} walls open in {watch.Elapsed.TotalSeconds:0.0} s; circuits {node.Circuits}, live subscriptions {node.LiveSubscriptions} (were {subscriptionsBefore}); heap +{Args.Mb(withWalls - withHubs)}{perWall}");

        var readsBefore = node.FloorReads;
        var stream = new CommandStream(node, sessions, hubLedger, wallLedger);
        var self = hubsProcess == "same" ? "server and hub clients" : "server";
        var cpuBefore = ProcessCpu.Snapshot(self);
        if (firstWall is not null) await firstWall.ResetAsync();
        var jsProfile = Args.Text(args, "--js-profile");
        if (firstWall is not null && jsProfile is not null) await firstWall.StartJsProfileAsync();
        watch.Restart();
        await stream.RunAsync(rate, TimeSpan.FromSeconds(seconds));
        var issuedIn = watch.Elapsed;
        var cpuUsed = ProcessCpu.Between(cpuBefore, ProcessCpu.Snapshot(self), issuedIn);
        var rendererUsed = firstWall is null ? null : await firstWall.SinceStartAsync();
        if (firstWall is not null && jsProfile is not null) await firstWall.SaveJsProfileAsync(jsProfile);
        var deadline = DateTime.UtcNow + timeout;
        await clients.CollectAsync(hubObservers, hubLedger.IssuedCount - hubLedger.FailedCommands, timeout);
        while (DateTime.UtcNow < deadline && wallObservers.Any(o => o.Outstanding() > 0))
            await Task.Delay(200);

        var issued = hubLedger.IssuedCount;
        Console.WriteLine($"  commands: {issued} issued in {issuedIn.TotalSeconds:0.0} s ({issued / issuedIn.TotalSeconds:0.0}/s), {hubLedger.FailedCommands} failed, {stream.Skipped} ticks skipped (every session busy)");
        Console.WriteLine($"  command itself (issued to committed): {Percentiles.Summary(stream.CommitTimes)}");
        Console.WriteLine($"  CPU while commands ran: {cpuUsed}");
        if (rendererUsed is not null) Console.WriteLine($"  first wall's renderer: {rendererUsed}");
        Console.WriteLine($"  floor reads for walls during the run: {node.FloorReads - readsBefore} (one per change for all walls)");
        Report("hubs ", hubLedger, hubObservers);
        Report("walls", wallLedger, wallObservers);
        var afterRun = LoadNode.HeapAfterCollect();
        Console.WriteLine($"  after the run: heap +{Args.Mb(afterRun - withHubs)} over the hub clients with the walls still open; " +
                          $"working set {Args.Mb(LoadNode.WorkingSet())}, load average {LoadAverage()}");

        await stream.ResetAsync();
        return 0;
    }

    private static void Report(string what, CommandLedger ledger, IReadOnlyList<CommandLedger.Observer> observers)
    {
        if (observers.Count == 0) return;
        var timedOut = observers.Sum(o => o.Outstanding());
        Console.WriteLine($"  {what}: command-to-screen {Percentiles.Summary(ledger.Latencies)}; ok {ledger.Latencies.Count}, timed out {timedOut}, superseded {ledger.Superseded}");
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}

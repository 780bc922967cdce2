using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using TradingOps.Core.Floor;
using TradingOps.Web.Floor;

namespace TradingOps.Bench;

/// <summary>
/// The load run's FloorHub clients: in this process (their CPU and heap count with the server's) or in a child
/// process (this benchmark with <c>--hubs-child</c>), closer to real workstations, which are other machines.
/// Stopwatch timestamps are the system's monotonic clock, so a child's receipt times compare with this process's
/// command times.
/// </summary>
public abstract class LoadHubClients : IAsyncDisposable
{
    public const string ChildFlag = "--hubs-child";

    /// <summary>Hands each client's receipts to its observer (a child reports them once asked).</summary>
    public abstract Task CollectAsync(IReadOnlyList<CommandLedger.Observer> observers, long expectedPerClient, TimeSpan timeout);

    public abstract ValueTask DisposeAsync();

    /// <summary>Connects a client that joins the floor and reports (room, "suspend"/"resume", timestamp) for each push of a toggled session.</summary>
    public static async Task<HubConnection> ConnectAsync(Uri server, IReadOnlyDictionary<Guid, string> rooms, Action<string, string, long> saw)
    {
        var c = new HubConnectionBuilder().WithUrl(new Uri(server, FloorHub.Path), o =>
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets).Build();
        c.On<FloorPush>(nameof(IFloorClient.FloorChanged), p =>
        {
            var at = Stopwatch.GetTimestamp();
            if (p.BookingId is { } b && rooms.TryGetValue(b, out var room) && p.Change is "suspend" or "resume") saw(room, p.Change, at);
        });
        await c.StartAsync();
        await c.InvokeAsync(nameof(FloorHub.JoinFloor));
        return c;
    }

    public static async Task<LoadHubClients> StartAsync(bool separate, Uri server, IReadOnlyDictionary<Guid, string> rooms,
        IReadOnlyList<CommandLedger.Observer> observers) =>
        separate ? await Child.StartAsync(server, rooms, observers.Count) : await InProcess.StartAsync(server, rooms, observers);

    private sealed class InProcess(List<HubConnection> clients) : LoadHubClients
    {
        public static async Task<LoadHubClients> StartAsync(Uri server, IReadOnlyDictionary<Guid, string> rooms, IReadOnlyList<CommandLedger.Observer> observers)
        {
            var clients = new List<HubConnection>(observers.Count);
            foreach (var batch in observers.Chunk(50))
                clients.AddRange(await Task.WhenAll(batch.Select(o => ConnectAsync(server, rooms, o.SawInOrder))));
            return new InProcess(clients);
        }

        /// <summary>In-process clients feed their observers as pushes arrive; this only waits for them.</summary>
        public override async Task CollectAsync(IReadOnlyList<CommandLedger.Observer> observers, long expectedPerClient, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < timeout && observers.Any(o => o.Outstanding() > 0)) await Task.Delay(200);
        }

        public override async ValueTask DisposeAsync() => await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
    }

    /// <summary>
    /// The child prints "ready" once all clients are connected; on "collect N S" it waits (at most S seconds) until
    /// every client has N receipts, prints "client room kind timestamp" lines and "end", and exits.
    /// </summary>
    private sealed class Child(BenchChild child) : LoadHubClients
    {
        public static async Task<LoadHubClients> StartAsync(Uri server, IReadOnlyDictionary<Guid, string> rooms, int count) =>
            new Child(await BenchChild.StartAsync(["load", ChildFlag, "--url", server.ToString(), "--hubs", count.ToString(),
                "--rooms", string.Join(',', rooms.Select(r => $"{r.Key}={r.Value}"))], TimeSpan.FromMinutes(3)));

        public override async Task CollectAsync(IReadOnlyList<CommandLedger.Observer> observers, long expectedPerClient, TimeSpan timeout)
        {
            await child.SendAsync($"collect {expectedPerClient} {timeout.TotalSeconds}");
            while (await child.Output.ReadLineAsync() is { } line && line != "end")
            {
                var parts = line.Split(' ');
                observers[int.Parse(parts[0])].SawInOrder(parts[1], parts[2], long.Parse(parts[3]));
            }
        }

        public override ValueTask DisposeAsync() => child.DisposeAsync();
    }

    /// <summary>The child's side (see <see cref="Child"/>).</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        var server = new Uri(Args.Text(args, "--url")!);
        var count = (int)Args.Get(args, "--hubs", 1000);
        var rooms = Args.Text(args, "--rooms")!.Split(',').Select(p => p.Split('=')).ToDictionary(p => Guid.Parse(p[0]), p => p[1]);
        var receipts = Enumerable.Range(0, count).Select(_ => new List<(string Room, string Kind, long At)>()).ToArray();
        var clients = new List<HubConnection>(count);
        foreach (var batch in Enumerable.Range(0, count).Chunk(50))
            clients.AddRange(await Task.WhenAll(batch.Select(i => ConnectAsync(server, rooms, (room, kind, at) =>
            {
                lock (receipts[i]) receipts[i].Add((room, kind, at));
            }))));
        Console.WriteLine("ready");
        var command = (await Console.In.ReadLineAsync())?.Split(' ');
        if (command is ["collect", var expected, var seconds])
        {
            var deadline = Stopwatch.StartNew();
            var wanted = long.Parse(expected);
            while (deadline.Elapsed.TotalSeconds < double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)
                   && receipts.Any(r => { lock (r) return r.Count < wanted; }))
                await Task.Delay(100);
            using var output = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16);
            for (var i = 0; i < count; i++)
                lock (receipts[i])
                    foreach (var (room, kind, at) in receipts[i]) output.Write($"{i} {room} {kind} {at}\n");
            output.Write("end\n");
        }
        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        return 0;
    }
}

using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using StackExchange.Redis;
using TradingOps.Data.Identity;
using TradingOps.Web.Floor;
using TradingOps.Web.Live;

namespace TradingOps.Web.ScaleOut;

/// <summary>Open Blazor circuits of this node (live pages: consoles, walls, hall displays).</summary>
public sealed class CircuitCounter : CircuitHandler
{
    private int _open;
    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }
}

/// <summary>
/// GET /admin/diagnostics (administrators): this node's live subscriptions, circuits, memory and scale-out
/// state, for operators checking a node and for the load and soak harnesses. <c>?collect=true</c> collects
/// garbage first, so the heap figure is what is really held.
/// </summary>
public static class Diagnostics
{
    public static IServiceCollection AddNodeDiagnostics(this IServiceCollection services)
    {
        services.AddSingleton<CircuitCounter>();
        services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<CircuitCounter>());
        return services;
    }

    public static IEndpointRouteBuilder MapNodeDiagnostics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/diagnostics", (bool? collect, IServiceProvider services) =>
        {
            if (collect == true)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect();
            }
            using var process = Process.GetCurrentProcess();
            var redis = services.GetService<IConnectionMultiplexer>();
            return Results.Ok(new
            {
                machine = Environment.MachineName,
                processId = Environment.ProcessId,
                startedAt = process.StartTime.ToUniversalTime(),
                liveSubscriptions = services.GetRequiredService<ILiveEventSubscriptions>().Count,
                circuits = services.GetRequiredService<CircuitCounter>().Open,
                floorSnapshotReads = services.GetRequiredService<SharedFloorSnapshot>().Reads,
                workingSetBytes = process.WorkingSet64,
                managedHeapBytes = GC.GetTotalMemory(false),
                gcCollections = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) },
                redis = redis is null ? "未配置（单节点）" : redis.IsConnected ? "已连接" : "不可用",
            });
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        return app;
    }
}

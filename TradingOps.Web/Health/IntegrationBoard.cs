using TradingOps.Core.Health;

namespace TradingOps.Web.Health;

/// <summary>This node's integrations as its last probe found them (immutable: each probe builds the next).</summary>
public sealed record IntegrationSnapshot(string Node, DateTimeOffset? CheckedAt, IReadOnlyList<IntegrationStatus> Items)
{
    public static IntegrationSnapshot Empty(string node) => new(node, null, []);

    public IntegrationStatus? Of(IntegrationKind kind) => Items.FirstOrDefault(i => i.Kind == kind);
}

/// <summary>
/// The integrations' read model of this node (as the live read models do: an immutable state swapped in whole,
/// screens read it and subscribe to its changes). Written only by <see cref="IntegrationMonitor"/>; the page and
/// the metrics read it, so showing it costs no probe and no database read.
/// </summary>
public sealed class IntegrationBoard
{
    private readonly Lock _gate = new();
    private readonly List<Func<IntegrationSnapshot, Task>> _handlers = [];
    private IntegrationSnapshot _current = IntegrationSnapshot.Empty(NodeName);

    /// <summary>This node as the board and alerts name it.</summary>
    public static string NodeName { get; } = $"{Environment.MachineName}#{Environment.ProcessId}";

    public IntegrationSnapshot Current => Volatile.Read(ref _current);

    public void Publish(IntegrationSnapshot next)
    {
        Func<IntegrationSnapshot, Task>[] handlers;
        lock (_gate)
        {
            Volatile.Write(ref _current, next);
            handlers = [.. _handlers];
        }
        foreach (var handler in handlers)
            _ = Deliver(handler, next); // a screen's handler does its work inside its own InvokeAsync
    }

    private static async Task Deliver(Func<IntegrationSnapshot, Task> handler, IntegrationSnapshot next)
    {
        try
        {
            await handler(next);
        }
        catch (ObjectDisposedException)
        {
            // The screen closed while the probe landed: nothing to show it on.
        }
    }

    /// <summary>Called with every new snapshot until disposed.</summary>
    public IDisposable Subscribe(Func<IntegrationSnapshot, Task> handler)
    {
        lock (_gate) _handlers.Add(handler);
        return new Subscription(this, handler);
    }

    private sealed class Subscription(IntegrationBoard board, Func<IntegrationSnapshot, Task> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (board._gate) board._handlers.Remove(handler);
        }
    }
}

using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TradingOps.Core.Live;
using TradingOps.Web.Live;

namespace TradingOps.Web.ScaleOut;

/// <summary>
/// Carries live events between web nodes over Redis pub/sub: what this node publishes goes out on the channel,
/// what other nodes publish is delivered to this node's circuits. Only types deriving from
/// <see cref="LiveEvent"/> in the application's assemblies are accepted from the wire. Events every node derives
/// for itself (<see cref="INodeLocal"/>, the clock tick) stay on their node.
/// </summary>
/// <remarks>
/// Pub/sub delivers at most once: a message published while a node's subscription is down is lost for it. So each
/// node numbers what it publishes (one sequence per node, also counting what it could not send while Redis was
/// away), and a receiver that sees a gap in a node's sequence publishes <see cref="LiveResync"/> on its own node;
/// so does a node whose subscription to Redis is restored. The read models then re-read from the database once.
/// </remarks>
public sealed class RedisLiveEventRelay(
    IConnectionMultiplexer redis, IServiceProvider services, TimeProvider clock, IOptions<RedisOptions> options,
    ILogger<RedisLiveEventRelay> logger)
    : ILiveEventForwarder, IHostedService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, Type> EventTypes = new[] { typeof(LiveEvent).Assembly, typeof(RedisLiveEventRelay).Assembly }
        .SelectMany(a => a.GetTypes())
        .Where(t => !t.IsAbstract && typeof(LiveEvent).IsAssignableFrom(t))
        .ToDictionary(t => t.FullName!);

    private readonly string _node = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
    private readonly Lock _sending = new();
    private long _sequence;
    private readonly RelaySequences _received = new();
    private LiveEventBus? _bus;
    private RedisChannel Channel => RedisChannel.Literal(options.Value.ChannelPrefix + ":live");

    /// <summary>This node's id on the wire.</summary>
    public string Node => _node;

    public Task ForwardAsync(LiveEvent change, CancellationToken cancellationToken)
    {
        if (change is ClockTick or INodeLocal) return Task.CompletedTask; // every node has its own
        lock (_sending)
        {
            // Numbered even when it cannot go out: the next one that does shows the others the gap.
            var sequence = ++_sequence;
            if (!redis.IsConnected) return Task.CompletedTask; // degraded: this node's own users are already served
            var envelope = new RelayEnvelope(_node, sequence, change.GetType().FullName!,
                JsonSerializer.SerializeToElement(change, change.GetType(), Json));
            // Queued under the lock, so the channel carries this node's events in the order of their numbers.
            return redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(envelope, Json));
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not injected: the bus holds this relay among its forwarders.
        _bus = services.GetRequiredService<LiveEventBus>();
        redis.ConnectionRestored += OnConnectionRestored;
        // The multiplexer re-establishes this subscription by itself after Redis comes back.
        var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
        queue.OnMessage(message => ReceiveAsync(message.Message.ToString()));
    }

    /// <summary>One message from the channel (messages are handled one at a time, in the order they came).</summary>
    internal async Task ReceiveAsync(string message)
    {
        var bus = _bus!;
        try
        {
            var envelope = JsonSerializer.Deserialize<RelayEnvelope>(message, Json);
            if (envelope is null || envelope.Node == _node) return;
            var missed = _received.Observe(envelope.Node, envelope.Sequence);
            if (!EventTypes.TryGetValue(envelope.Type, out var type))
                logger.LogWarning("Ignored live event of unknown type {Type} from {Node}", envelope.Type, envelope.Node);
            else if (envelope.Event.Deserialize(type, Json) is LiveEvent change)
                await bus.DeliverLocallyAsync(change);
            if (missed > 0)
            {
                logger.LogWarning("Missed {Count} live event(s) from {Node}: this node's read models re-read", missed, envelope.Node);
                await bus.DeliverLocallyAsync(new LiveResync(clock.GetUtcNow(), $"gap: {missed} event(s) from {envelope.Node}"));
            }
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored a malformed live event from Redis");
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription || _bus is not { } bus) return;
        // Whatever was published meanwhile is lost for this node; numbering starts afresh for every sender.
        _received.Clear();
        logger.LogInformation("Redis subscription restored: this node's read models re-read");
        _ = bus.DeliverLocallyAsync(new LiveResync(clock.GetUtcNow(), "bus reconnected"));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnConnectionRestored;
        await redis.GetSubscriber().UnsubscribeAsync(Channel);
    }
}

/// <summary>A live event on the wire: the node that published it (a node ignores its own coming back), that node's
/// number for it (one sequence per node, no gaps unless messages were lost), the event's type and the event.</summary>
public sealed record RelayEnvelope(string Node, long Sequence, string Type, JsonElement Event);

/// <summary>The last number seen from each sending node; says how many were missed when one arrives.</summary>
public sealed class RelaySequences
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);

    /// <summary>
    /// Records <paramref name="sequence"/> from <paramref name="node"/>; returns how many of that node's events were
    /// missed just before it (0 in order). A node not seen before starts its sequence here: this node read its
    /// models from the database when it started, or after its bus came back.
    /// </summary>
    public long Observe(string node, long sequence)
    {
        lock (_gate)
        {
            var missed = _last.TryGetValue(node, out var last) && sequence > last + 1 ? sequence - last - 1 : 0;
            if (!_last.TryGetValue(node, out last) || sequence > last) _last[node] = sequence;
            return missed;
        }
    }

    public void Clear()
    {
        lock (_gate) _last.Clear();
    }
}

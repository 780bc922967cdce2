using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TradingOps.Core.Live;
using TradingOps.Web.Live;

namespace TradingOps.Web.ScaleOut;

/// <summary>
/// Carries live events between web nodes over Redis pub/sub: what this node publishes goes out on the channel,
/// what other nodes publish is delivered to this node's circuits. Only types deriving from
/// <see cref="LiveEvent"/> in the application's assemblies are accepted from the wire.
/// </summary>
public sealed class RedisLiveEventRelay(
    IConnectionMultiplexer redis, IServiceProvider services, IOptions<RedisOptions> options, ILogger<RedisLiveEventRelay> logger)
    : ILiveEventForwarder, IHostedService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, Type> EventTypes = new[] { typeof(LiveEvent).Assembly, typeof(RedisLiveEventRelay).Assembly }
        .SelectMany(a => a.GetTypes())
        .Where(t => !t.IsAbstract && typeof(LiveEvent).IsAssignableFrom(t))
        .ToDictionary(t => t.FullName!);

    private readonly string _node = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
    private RedisChannel Channel => RedisChannel.Literal(options.Value.ChannelPrefix + ":live");

    /// <summary>The node that published, so a node ignores its own events coming back.</summary>
    private sealed record Envelope(string Node, string Type, JsonElement Event);

    public async Task ForwardAsync(LiveEvent change, CancellationToken cancellationToken)
    {
        if (change is ClockTick) return; // every node has its own heartbeat
        if (!redis.IsConnected) return;  // degraded: this node's own users are already served
        var envelope = new Envelope(_node, change.GetType().FullName!, JsonSerializer.SerializeToElement(change, change.GetType(), Json));
        await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(envelope, Json));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not injected: the bus holds this relay among its forwarders.
        var bus = services.GetRequiredService<LiveEventBus>();
        // The multiplexer re-establishes this subscription by itself after Redis comes back.
        var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
        queue.OnMessage(async message =>
        {
            try
            {
                var envelope = JsonSerializer.Deserialize<Envelope>(message.Message.ToString(), Json);
                if (envelope is null || envelope.Node == _node) return;
                if (!EventTypes.TryGetValue(envelope.Type, out var type))
                {
                    logger.LogWarning("Ignored live event of unknown type {Type} from {Node}", envelope.Type, envelope.Node);
                    return;
                }
                if (envelope.Event.Deserialize(type, Json) is LiveEvent change)
                    await bus.DeliverLocallyAsync(change);
            }
            catch (JsonException ex)
            {
                logger.LogWarning(ex, "Ignored a malformed live event from Redis");
            }
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await redis.GetSubscriber().UnsubscribeAsync(Channel);
}

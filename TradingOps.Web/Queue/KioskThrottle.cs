using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TradingOps.Core.Queue;

namespace TradingOps.Web.Queue;

/// <summary>
/// The kiosk is an anonymous form in the public hall: at most N tickets a minute (Queue:KioskTicketsPerMinute) per
/// paired kiosk, or per client address for a browser that is not a paired device
/// (<see cref="Devices.DeviceHttp.ClientKey"/>), so nobody can empty the day's numbers by script and kiosks that
/// share one NAT address do not share one limit.
/// </summary>
public sealed class KioskThrottle(IOptions<QueueOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _recent = new();

    public bool TryTake(string client)
    {
        var now = clock.GetUtcNow();
        var recent = _recent.GetOrAdd(client, _ => new Queue<DateTimeOffset>());
        lock (recent)
        {
            while (recent.Count > 0 && now - recent.Peek() > TimeSpan.FromMinutes(1)) recent.Dequeue();
            if (recent.Count >= options.Value.KioskTicketsPerMinute) return false;
            recent.Enqueue(now);
        }
        if (_recent.Count > 10_000)
            foreach (var key in _recent.Keys.Take(5_000)) _recent.TryRemove(key, out _);
        return true;
    }
}

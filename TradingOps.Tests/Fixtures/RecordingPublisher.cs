using System.Collections.Concurrent;
using TradingOps.Core.Live;

namespace TradingOps.Tests.Fixtures;

/// <summary>A live-event publisher that keeps what the services under test published, in order.</summary>
public sealed class RecordingPublisher : ILiveEventPublisher
{
    private readonly ConcurrentQueue<LiveEvent> _events = new();

    public IReadOnlyList<LiveEvent> Events => _events.ToList();

    public List<T> Of<T>() => _events.OfType<T>().ToList();

    public void Clear() => _events.Clear();

    public ValueTask PublishAsync(LiveEvent change, CancellationToken cancellationToken = default)
    {
        _events.Enqueue(change);
        return ValueTask.CompletedTask;
    }
}

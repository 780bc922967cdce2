using TradingOps.Core.Live;

namespace TradingOps.Data.Queue;

/// <summary>For hosts without screens (tools, data tests): the web app registers the real bus.</summary>
public sealed class NullLiveEventPublisher : ILiveEventPublisher
{
    public ValueTask PublishAsync(LiveEvent change, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}

namespace TradingOps.Tests.Fixtures;

public static class Eventually
{
    /// <summary>Polls until the probe finds something, failing with <paramref name="what"/> after the timeout.</summary>
    public static async Task<T> FoundAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        do
        {
            if (await probe() is { } found) return found;
        } while (await timer.WaitForNextTickAsync() && TimeProvider.System.GetUtcNow() < deadline);
        throw new TimeoutException($"not within {timeout}: {what}");
    }
}

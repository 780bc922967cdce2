using System.Collections.Concurrent;
using TradingOps.Core.Live;

namespace TradingOps.Web.Live;

/// <summary>Subscriptions for components: dispose the handle when the component goes away.</summary>
public interface ILiveEventSubscriptions
{
    IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent;

    /// <summary>Live subscriptions right now (for leak checks and the status page).</summary>
    int Count { get; }
}

/// <summary>Forwards published events beyond this process's circuits (SignalR groups, other nodes).</summary>
public interface ILiveEventForwarder
{
    Task ForwardAsync(LiveEvent change, CancellationToken cancellationToken);
}

/// <summary>
/// The in-process bus: local circuits first, then every registered forwarder. A failing subscriber or
/// forwarder is logged and never stops the others or the publisher.
/// </summary>
public sealed class LiveEventBus(IEnumerable<ILiveEventForwarder> forwarders, ILogger<LiveEventBus> logger)
    : ILiveEventPublisher, ILiveEventSubscriptions
{
    private readonly ConcurrentDictionary<long, Subscription> _subscriptions = new();
    private long _next;

    public int Count => _subscriptions.Count;

    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent
    {
        var id = Interlocked.Increment(ref _next);
        var subscription = new Subscription(this, id, typeof(TEvent), e => handler((TEvent)e));
        _subscriptions[id] = subscription;
        return subscription;
    }

    public async ValueTask PublishAsync(LiveEvent change, CancellationToken cancellationToken = default)
    {
        var remote = forwarders.Select(f => Guard(() => f.ForwardAsync(change, cancellationToken), f.GetType().Name));
        await Task.WhenAll(Local(change).Concat(remote));
    }

    /// <summary>
    /// An event published on another node: this node's circuits get it; forwarders do not (that node's
    /// forwarders already reached the SignalR clients, through the backplane).
    /// </summary>
    public Task DeliverLocallyAsync(LiveEvent change) => Task.WhenAll(Local(change));

    private IEnumerable<Task> Local(LiveEvent change) => _subscriptions.Values
        .Where(s => s.EventType.IsInstanceOfType(change))
        .Select(s => Guard(() => s.Handler(change), "subscriber"));

    private async Task Guard(Func<Task> deliver, string to)
    {
        try
        {
            await deliver();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Live event could not be delivered to {Target}", to);
        }
    }

    private sealed class Subscription(LiveEventBus bus, long id, Type eventType, Func<LiveEvent, Task> handler) : IDisposable
    {
        public Type EventType { get; } = eventType;
        public Func<LiveEvent, Task> Handler { get; } = handler;
        public void Dispose() => bus._subscriptions.TryRemove(id, out _);
    }
}

/// <summary>Section "Live".</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>How often time-driven states are re-evaluated on every screen.</summary>
    public int TickSeconds { get; set; } = 5;
}

/// <summary>Publishes <see cref="ClockTick"/> on a steady beat.</summary>
public sealed class LiveClock(ILiveEventPublisher publisher, TimeProvider clock, Microsoft.Extensions.Options.IOptions<LiveOptions> options)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.TickSeconds)), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await publisher.PublishAsync(new ClockTick(clock.GetUtcNow()), stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

public static class LiveSetup
{
    public static IServiceCollection AddLiveEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveOptions>().Bind(configuration.GetSection(LiveOptions.Section))
            .Validate(o => o.TickSeconds is >= 1 and <= 60, "Live:TickSeconds 必须在 1 到 60 之间").ValidateOnStart();
        services.AddSingleton<LiveEventBus>();
        services.AddSingleton<ILiveEventPublisher>(sp => sp.GetRequiredService<LiveEventBus>());
        services.AddSingleton<ILiveEventSubscriptions>(sp => sp.GetRequiredService<LiveEventBus>());
        services.AddHostedService<LiveClock>();
        services.AddHostedService<CalendarCacheInvalidator>();
        return services;
    }
}

/// <summary>A calendar changed on any node (this one or another, through the relay): drop the cached copy.</summary>
public sealed class CalendarCacheInvalidator(ILiveEventSubscriptions live, TradingOps.Core.Calendar.IWorkdayCalendarProvider calendars) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = live.Subscribe<WorkCalendarChanged>(_ =>
        {
            calendars.Invalidate();
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}

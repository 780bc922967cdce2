using System.Collections.Concurrent;
using System.Threading.Channels;
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
/// <remarks>
/// Publishing does not wait for the circuits: each subscription has its own queue, drained in order by its own
/// loop, so a command (a call at a window, a booking) is not held up by a screen re-reading the floor, and a slow
/// screen only delays itself. A queue holds at most <see cref="QueueLimit"/> events; beyond that the oldest are
/// dropped (screens reload state on an event, so the newest ones are what matters) and that is logged.
/// </remarks>
public sealed class LiveEventBus(IEnumerable<ILiveEventForwarder> forwarders, ILogger<LiveEventBus> logger)
    : ILiveEventPublisher, ILiveEventSubscriptions
{
    public const int QueueLimit = 256;

    private readonly ConcurrentDictionary<long, Subscription> _subscriptions = new();
    private readonly ILogger _logger = logger;
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
        DeliverLocally(change);
        await Task.WhenAll(forwarders.Select(f => Guard(() => f.ForwardAsync(change, cancellationToken), f.GetType().Name)));
    }

    /// <summary>
    /// An event published on another node: this node's circuits get it; forwarders do not (that node's
    /// forwarders already reached the SignalR clients, through the backplane).
    /// </summary>
    public Task DeliverLocallyAsync(LiveEvent change)
    {
        DeliverLocally(change);
        return Task.CompletedTask;
    }

    /// <summary>Completes when every event queued so far has been handled by every current subscriber.</summary>
    public Task DeliveredAsync() => Task.WhenAll(_subscriptions.Values.Select(s => s.BarrierAsync()));

    private void DeliverLocally(LiveEvent change)
    {
        foreach (var subscription in _subscriptions.Values)
            if (subscription.EventType.IsInstanceOfType(change))
                subscription.Post(change);
    }

    private async Task Guard(Func<Task> deliver, string to)
    {
        try
        {
            await deliver();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Live event could not be delivered to {Target}", to);
        }
    }

    private sealed class Subscription : IDisposable
    {
        private readonly LiveEventBus _bus;
        private readonly long _id;
        private readonly Func<LiveEvent, Task> _handler;
        private readonly Channel<object> _queue;
        private int _dropped;
        private bool _disposed;

        public Subscription(LiveEventBus bus, long id, Type eventType, Func<LiveEvent, Task> handler)
        {
            _bus = bus;
            _id = id;
            _handler = handler;
            EventType = eventType;
            _queue = Channel.CreateBounded<object>(
                new BoundedChannelOptions(QueueLimit) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                Dropped);
            _ = Task.Run(PumpAsync);
        }

        public Type EventType { get; }

        public void Post(LiveEvent change) => _queue.Writer.TryWrite(change);

        public Task BarrierAsync()
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_queue.Writer.TryWrite(reached)) reached.TrySetResult(); // disposed: nothing more will run
            return reached.Task;
        }

        private void Dropped(object item)
        {
            if (item is TaskCompletionSource barrier)
            {
                barrier.TrySetResult();
                return;
            }
            if (Interlocked.Increment(ref _dropped) == 1)
                _bus._logger.LogWarning("A live screen falls behind: its oldest queued events are dropped (limit {Limit})", QueueLimit);
        }

        private async Task PumpAsync()
        {
            await foreach (var item in _queue.Reader.ReadAllAsync())
            {
                if (item is TaskCompletionSource barrier) barrier.TrySetResult();
                else if (!Volatile.Read(ref _disposed)) await _bus.Guard(() => _handler((LiveEvent)item), "subscriber");
            }
        }

        public void Dispose()
        {
            _bus._subscriptions.TryRemove(_id, out _);
            Volatile.Write(ref _disposed, true); // events still queued are skipped, barriers still complete
            _queue.Writer.TryComplete();
        }
    }
}

/// <summary>Section "Live".</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>How often time-driven states are re-evaluated on every screen.</summary>
    public int TickSeconds { get; set; } = 5;

    /// <summary>
    /// Wall panels handle at most one change per this many milliseconds (0: every change at once). The first change
    /// after a quiet spell shows at once; a burst shows its latest state within this time.
    /// </summary>
    public int WallPaceMilliseconds { get; set; } = 150;
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
            .Validate(o => o.TickSeconds is >= 1 and <= 60, "Live:TickSeconds 必须在 1 到 60 之间")
            .Validate(o => o.WallPaceMilliseconds is >= 0 and <= 5000, "Live:WallPaceMilliseconds 必须在 0 到 5000 之间").ValidateOnStart();
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

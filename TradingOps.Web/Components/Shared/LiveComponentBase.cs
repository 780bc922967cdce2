using Microsoft.AspNetCore.Components;
using TradingOps.Core.Live;
using TradingOps.Web.Live;

namespace TradingOps.Web.Components.Shared;

/// <summary>
/// Base for components that follow live events. Subscribe in <see cref="OnLiveStart"/> (called once, when the
/// interactive component gets its parameters, before its first load); handlers run inside <c>InvokeAsync</c> and
/// re-render; every subscription is disposed when the component leaves.
/// <para>
/// Subscribing before the first load closes the gap a later subscription leaves: a change committed after the
/// load read the database but before the subscription (the first render's round trip to the browser) would
/// otherwise never reach the screen. Events arriving while the first load runs wait, latest per subscription,
/// and are handled once it is done, so a load begun before a change cannot overwrite what the change brought.
/// </para>
/// <para>
/// On the wall only one panel is on screen at a time. A panel told it is hidden (cascading value
/// <see cref="PanelShownName"/> false) keeps just the latest event of each subscription and handles them when it is
/// shown again, instead of reloading and re-rendering off screen on every change: panels handle an event by taking
/// the current state, so the latest one is all they need.
/// </para>
/// <para>
/// A wall is looked at, not worked at: <see cref="OnPaced{TEvent}"/> handles at most one event per
/// <see cref="LiveOptions.WallPaceMilliseconds"/>. The first event after a quiet spell is handled at once; events
/// arriving sooner wait, latest only, for the rest of the interval. At twenty changes a second a wall renders a few
/// times a second instead of twenty, with every change shown within the interval.
/// </para>
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    public const string PanelShownName = "WallPanelShown";

    private readonly List<IDisposable> _subscriptions = [];
    private readonly SortedDictionary<int, Func<Task>> _missed = [];
    private bool _disposed, _started, _loading;

    /// <summary>Null outside the wall; false while this panel is rotated out of view.</summary>
    [CascadingParameter(Name = PanelShownName)] private bool? Shown { get; set; }

    [Inject] private ILiveEventSubscriptions Live { get; set; } = default!;
    [Inject] private ILoggerFactory Loggers { get; set; } = default!;
    [Inject] private IServiceProvider Services { get; set; } = default!;

    private TimeProvider Time => _time ??= Services.GetService<TimeProvider>() ?? TimeProvider.System;
    private TimeProvider? _time;

    /// <summary>Pacing state of one paced subscription.</summary>
    private sealed class Pace(TimeSpan every)
    {
        public TimeSpan Every { get; } = every;
        public long? LastRun;
        public Func<Task>? Waiting;
        public bool Scheduled, Running;
    }

    /// <summary>Subscribe here with <see cref="On{TEvent}"/>.</summary>
    protected abstract void OnLiveStart();

    protected void On<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent => Subscribe(handler, pace: null);

    /// <summary>Like <see cref="On{TEvent}"/>, at most once per <see cref="LiveOptions.WallPaceMilliseconds"/> (see above).</summary>
    protected void OnPaced<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent
    {
        var every = Services.GetService<Microsoft.Extensions.Options.IOptions<LiveOptions>>()?.Value.WallPaceMilliseconds ?? 0;
        Subscribe(handler, every > 0 ? new Pace(TimeSpan.FromMilliseconds(every)) : null);
    }

    private void Subscribe<TEvent>(Func<TEvent, Task> handler, Pace? pace) where TEvent : LiveEvent
    {
        var slot = _subscriptions.Count;
        _subscriptions.Add(Live.Subscribe<TEvent>(e => InvokeAsync(() => HandleAsync(slot, () => handler(e), pace))));
    }

    private async Task HandleAsync(int slot, Func<Task> handle, Pace? pace)
    {
        if (_disposed) return;
        if (_loading || Shown == false)
        {
            _missed[slot] = handle;
            return;
        }
        if (pace is null)
        {
            await handle();
            StateHasChanged();
            return;
        }
        // One run at a time: a load begun earlier must not finish after, and overwrite, a later one.
        var wait = pace.LastRun is { } last ? pace.Every - Time.GetElapsedTime(last) : TimeSpan.Zero;
        if (pace.Running || pace.Scheduled || wait > TimeSpan.Zero)
        {
            pace.Waiting = handle;
            if (!pace.Running) Schedule(slot, pace);
            return;
        }
        pace.LastRun = Time.GetTimestamp();
        pace.Running = true;
        try
        {
            await handle();
            StateHasChanged();
        }
        finally
        {
            pace.Running = false;
            if (pace.Waiting is not null && !_disposed) Schedule(slot, pace);
        }
    }

    /// <summary>Runs the waiting event once the interval since the last run has passed (once per interval).</summary>
    private void Schedule(int slot, Pace pace)
    {
        if (pace.Scheduled) return;
        pace.Scheduled = true;
        var wait = pace.LastRun is { } last ? pace.Every - Time.GetElapsedTime(last) : TimeSpan.Zero;
        _ = RunWaitingAsync(slot, pace, wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
    }

    private async Task RunWaitingAsync(int slot, Pace pace, TimeSpan wait)
    {
        try
        {
            await Task.Delay(wait, Time);
            await InvokeAsync(async () =>
            {
                pace.Scheduled = false;
                if (pace.Waiting is not { } handle) return;
                pace.Waiting = null;
                await HandleAsync(slot, handle, pace);
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!_disposed) Loggers.CreateLogger(GetType()).LogWarning(ex, "A live component could not handle a paced live event");
        }
    }

    public override async Task SetParametersAsync(ParameterView parameters)
    {
        if (!_started && RendererInfo.IsInteractive)
        {
            _started = true;
            _loading = true;
            parameters.SetParameterProperties(this); // OnLiveStart may use them
            OnLiveStart();
        }
        try
        {
            await base.SetParametersAsync(parameters);
        }
        finally
        {
            _loading = false;
        }
        if (Shown == false || _missed.Count == 0 || _disposed) return;
        var missed = _missed.Values.ToList();
        _missed.Clear();
        foreach (var handle in missed)
        {
            try
            {
                await handle();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Loggers.CreateLogger(GetType()).LogWarning(ex, "A live component could not catch up on a live event");
            }
        }
        StateHasChanged();
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var s in _subscriptions) s.Dispose();
        _subscriptions.Clear();
        GC.SuppressFinalize(this);
    }
}

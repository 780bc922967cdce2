using Microsoft.AspNetCore.Components;
using TradingOps.Core.Live;
using TradingOps.Web.Live;

namespace TradingOps.Web.Components.Shared;

/// <summary>
/// Base for components that follow live events. Subscribe in <see cref="OnLiveStart"/> (called once, after
/// the first interactive render); handlers run inside <c>InvokeAsync</c> and re-render; every subscription is
/// disposed when the component leaves.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private bool _disposed;

    [Inject] private ILiveEventSubscriptions Live { get; set; } = default!;

    /// <summary>Subscribe here with <see cref="On{TEvent}"/>.</summary>
    protected abstract void OnLiveStart();

    protected void On<TEvent>(Func<TEvent, Task> handler) where TEvent : LiveEvent =>
        _subscriptions.Add(Live.Subscribe<TEvent>(e => InvokeAsync(async () =>
        {
            if (_disposed) return;
            await handler(e);
            StateHasChanged();
        })));

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive) OnLiveStart();
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var s in _subscriptions) s.Dispose();
        _subscriptions.Clear();
        GC.SuppressFinalize(this);
    }
}

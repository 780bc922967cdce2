using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TradingOps.Core.Live;
using TradingOps.Web.Components.Shared;
using TradingOps.Web.Live;

namespace TradingOps.Tests.Web;

/// <summary>A live screen does not miss a change made while it was loading for the first time.</summary>
public sealed class LiveComponentStartTests : LiveBunitContext
{
    private readonly Store _store = new();

    /// <summary>"The database": a value the test changes, and a gate holding the panel's first load open.</summary>
    public sealed class Store
    {
        public int Value;
        public TaskCompletionSource FirstLoad { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    protected override void AddServices(IServiceCollection services) => services.AddSingleton(_store);

    /// <summary>
    /// Loads "the database" (a counter the test moves) in its first load, which the test holds open; a change
    /// reloads it. Shows what it loaded last.
    /// </summary>
    public sealed class SlowLoadingPanel : LiveComponentBase
    {
        [Inject] private Store Store { get; set; } = default!;
        public int Loads { get; private set; }
        private int _shown;

        protected override async Task OnInitializedAsync()
        {
            var read = Store.Value; // read before a change made while the load is held
            await Store.FirstLoad.Task;
            _shown = read;
            Loads++;
        }

        protected override void OnLiveStart() => On<ClockTick>(_ => { _shown = Store.Value; Loads++; return Task.CompletedTask; });

        protected override void BuildRenderTree(RenderTreeBuilder builder) =>
            builder.AddMarkupContent(0, $"<span id=\"shown\">{_shown}</span>");
    }

    [Fact]
    public async Task A_change_committed_during_the_first_load_is_shown_once_the_load_ends()
    {
        _store.Value = 1;
        var panel = Render<SlowLoadingPanel>();

        _store.Value = 2; // committed after the load read, before it finished
        await PublishAsync(new ClockTick(DateTimeOffset.UnixEpoch));
        Assert.Equal(0, panel.Instance.Loads); // the change waits for the first load

        _store.FirstLoad.SetResult();
        panel.WaitForAssertion(() => Assert.Equal("2", panel.Find("#shown").TextContent), Patience);
        Assert.Equal(2, panel.Instance.Loads);
    }

    [Fact]
    public async Task A_change_right_after_the_first_load_is_handled_without_waiting_for_the_first_render()
    {
        _store.FirstLoad.SetResult();
        _store.Value = 5;
        var panel = Render<SlowLoadingPanel>();
        Assert.Equal("5", panel.Find("#shown").TextContent);

        _store.Value = 6;
        await PublishAsync(new ClockTick(DateTimeOffset.UnixEpoch));
        panel.WaitForAssertion(() => Assert.Equal("6", panel.Find("#shown").TextContent), Patience);
    }
}

using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Live;
using TradingOps.Web.Components.Shared;
using TradingOps.Web.Live;

namespace TradingOps.Tests.Web;

/// <summary>A wall panel handles a burst of changes a few times a second, always ending on the latest.</summary>
public sealed class LivePacingTests : LiveBunitContext
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch.AddDays(1));
    private readonly LiveOptions _options = new() { WallPaceMilliseconds = 150 };

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(_options));
        services.AddSingleton(_gate);
    }

    public sealed class PacedPanel : LiveComponentBase
    {
        public int Handled { get; private set; }
        private long? _latest;

        protected override void OnLiveStart() => OnPaced<ClockTick>(t => { Handled++; _latest = t.At.ToUnixTimeSeconds(); return Task.CompletedTask; });

        protected override void BuildRenderTree(RenderTreeBuilder builder) =>
            builder.AddMarkupContent(0, $"<span id=\"latest\">{_latest}</span>");
    }

    /// <summary>Loads slowly after the first load (until the test opens the gate) and counts how many loads ever ran at once.</summary>
    public sealed class SlowPacedPanel : LiveComponentBase
    {
        [Inject] private Gate Gate { get; set; } = default!;
        public int Started { get; private set; }
        public int MostAtOnce { get; private set; }
        private int _running;
        private long? _latest;

        protected override void OnLiveStart() => OnPaced<ClockTick>(async t =>
        {
            Started++;
            MostAtOnce = Math.Max(MostAtOnce, ++_running);
            if (t.At > DateTimeOffset.UnixEpoch.AddSeconds(1)) await Gate.Open.Task;
            _latest = t.At.ToUnixTimeSeconds();
            _running--;
        });

        protected override void BuildRenderTree(RenderTreeBuilder builder) =>
            builder.AddMarkupContent(0, $"<span id=\"latest\">{_latest}</span>");
    }

    public sealed class Gate
    {
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly Gate _gate = new();

    private Task ChangeAsync(int n) => PublishAsync(new ClockTick(DateTimeOffset.UnixEpoch.AddSeconds(n)));

    [Fact]
    public async Task The_first_change_shows_at_once_a_burst_after_it_shows_its_latest_when_the_interval_ends()
    {
        var panel = Render<PacedPanel>();

        await ChangeAsync(1);
        panel.WaitForAssertion(() => Assert.Equal("1", panel.Find("#latest").TextContent), Patience);

        for (var n = 2; n <= 5; n++) await ChangeAsync(n);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, panel.Instance.Handled); // within the interval: waiting

        _time.Advance(TimeSpan.FromMilliseconds(50));
        panel.WaitForAssertion(() => Assert.Equal("5", panel.Find("#latest").TextContent), Patience);
        Assert.Equal(2, panel.Instance.Handled); // four changes, one load

        _time.Advance(TimeSpan.FromSeconds(1)); // quiet spell
        await ChangeAsync(6);
        panel.WaitForAssertion(() => Assert.Equal("6", panel.Find("#latest").TextContent), Patience);
        Assert.Equal(3, panel.Instance.Handled);
    }

    [Fact]
    public async Task With_no_pace_every_change_is_handled()
    {
        _options.WallPaceMilliseconds = 0;
        var panel = Render<PacedPanel>();
        for (var n = 1; n <= 4; n++) await ChangeAsync(n);
        panel.WaitForAssertion(() => Assert.Equal("4", panel.Find("#latest").TextContent), Patience);
        Assert.Equal(4, panel.Instance.Handled);
    }

    [Fact]
    public async Task A_load_slower_than_the_interval_is_never_overlapped_by_the_next_and_the_latest_change_follows_it()
    {
        var panel = Render<SlowPacedPanel>();
        try
        {
            await ChangeAsync(1); // a quick load
            await ChangeAsync(2); // within the interval: waits for it
            _time.Advance(TimeSpan.FromMilliseconds(150)); // the load for 2 starts and does not finish yet
            panel.WaitForState(() => panel.Instance.Started == 2, Patience);
            _time.Advance(TimeSpan.FromMilliseconds(400)); // well past the interval
            await Bus.PublishAsync(new ClockTick(DateTimeOffset.UnixEpoch.AddSeconds(3)));
            // Handed over without waiting for the load (a screen that started a second load would still be in it).
            await Bus.DeliveredAsync().WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(2, panel.Instance.Started); // 3 waits for the running load
        }
        finally
        {
            _gate.Open.TrySetResult(); // never leave a load hanging, even when an assertion failed
        }

        panel.WaitForAssertion(() => Assert.Equal("3", panel.Find("#latest").TextContent), Patience);
        Assert.Equal(3, panel.Instance.Started); // one more load, for the latest change
        Assert.Equal(1, panel.Instance.MostAtOnce);
    }
}

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
    }

    public sealed class PacedPanel : LiveComponentBase
    {
        public int Handled { get; private set; }
        private long? _latest;

        protected override void OnLiveStart() => OnPaced<ClockTick>(t => { Handled++; _latest = t.At.ToUnixTimeSeconds(); return Task.CompletedTask; });

        protected override void BuildRenderTree(RenderTreeBuilder builder) =>
            builder.AddMarkupContent(0, $"<span id=\"latest\">{_latest}</span>");
    }

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
}

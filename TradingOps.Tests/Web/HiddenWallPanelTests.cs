using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TradingOps.Core.Live;
using TradingOps.Web.Components.Shared;
using TradingOps.Web.Live;

namespace TradingOps.Tests.Web;

/// <summary>A wall panel rotated out of view does not reload on every change; it catches up when shown.</summary>
public sealed class HiddenWallPanelTests : LiveBunitContext
{
    /// <summary>Counts how often it handled a tick and shows the latest tick it handled.</summary>
    public sealed class ProbePanel : LiveComponentBase
    {
        public int Handled { get; private set; }
        private DateTimeOffset? _latest;

        protected override void OnLiveStart() => On<ClockTick>(t => { Handled++; _latest = t.At; return Task.CompletedTask; });

        protected override void BuildRenderTree(RenderTreeBuilder builder) =>
            builder.AddMarkupContent(0, $"<span id=\"latest\">{_latest?.ToUnixTimeSeconds()}</span>");
    }

    /// <summary>Hosts the probe as the wall hosts a panel: under the cascading "shown" value.</summary>
    public sealed class ProbeHost : ComponentBase
    {
        [Parameter] public bool Shown { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<CascadingValue<bool>>(0);
            builder.AddComponentParameter(1, "Name", LiveComponentBase.PanelShownName);
            builder.AddComponentParameter(2, "Value", Shown);
            builder.AddComponentParameter(3, "ChildContent", (RenderFragment)(b => { b.OpenComponent<ProbePanel>(0); b.CloseComponent(); }));
            builder.CloseComponent();
        }
    }

    private static DateTimeOffset Second(int s) => DateTimeOffset.UnixEpoch.AddSeconds(s);

    private Task TickAsync(int second) => PublishAsync(new ClockTick(Second(second)));

    [Fact]
    public async Task A_hidden_wall_panel_skips_changes_and_handles_only_the_latest_when_it_is_shown_again()
    {
        var host = Render<ProbeHost>(p => p.Add(c => c.Shown, true));
        var probe = host.FindComponent<ProbePanel>();

        await TickAsync(1);
        probe.WaitForAssertion(() => Assert.Equal("1", probe.Find("#latest").TextContent));
        Assert.Equal(1, probe.Instance.Handled);

        host.Render(p => p.Add(c => c.Shown, false));
        for (var s = 2; s <= 6; s++) await TickAsync(s);
        Assert.Equal(1, probe.Instance.Handled);
        Assert.Equal("1", probe.Find("#latest").TextContent);

        host.Render(p => p.Add(c => c.Shown, true));
        probe.WaitForAssertion(() => Assert.Equal("6", probe.Find("#latest").TextContent));
        Assert.Equal(2, probe.Instance.Handled);

        await TickAsync(7);
        probe.WaitForAssertion(() => Assert.Equal("7", probe.Find("#latest").TextContent));
    }

    [Fact]
    public async Task Outside_the_wall_a_live_component_handles_every_change()
    {
        var probe = Render<ProbePanel>();
        for (var s = 1; s <= 3; s++) await TickAsync(s);
        probe.WaitForAssertion(() => Assert.Equal("3", probe.Find("#latest").TextContent));
        Assert.Equal(3, probe.Instance.Handled);
    }
}

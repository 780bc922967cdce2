using Microsoft.AspNetCore.Components;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Data.Floor;
using TradingOps.Web.Components.Shared;

namespace TradingOps.Web.Wall;

/// <summary>
/// A wall panel showing the floor: takes today's floor from the node's shared snapshot (read once per change for
/// all walls), takes it again on changes (at the wall's pace), re-derives on every tick.
/// </summary>
public abstract class FloorPanelBase : LiveComponentBase
{
    [Inject] protected FloorQueries Floor { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;
    [Inject] private TradingOps.Web.Floor.SharedFloorSnapshot Shared { get; set; } = default!;

    /// <summary>The signed-in screen: a Display-role wall is the public and sees the public projection.</summary>
    [CascadingParameter] private Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? Authentication { get; set; }

    /// <summary>Who this wall shows the floor to (<see cref="FloorAudience.Public"/> unless signed in as staff).</summary>
    protected FloorAudience Audience { get; private set; } = FloorAudience.Public;

    protected FloorSnapshot? Snapshot { get; private set; }
    protected DateTimeOffset Now { get; private set; }
    private readonly TradingOps.Web.Floor.LiveCulture _culture = TradingOps.Web.Floor.LiveCulture.Capture();

    protected override async Task OnInitializedAsync()
    {
        if (Authentication is not null) Audience = TradingOps.Web.Floor.FloorAudiences.Of((await Authentication).User);
        await LoadAsync();
    }

    protected override void OnLiveStart()
    {
        OnPaced<FloorChanged>(change => { _culture.Apply(); return LoadAsync(change); });
        On<ClockTick>(_ => { _culture.Apply(); Now = Clock.GetUtcNow(); return Task.CompletedTask; });
    }

    private async Task LoadAsync(FloorChanged? change = null)
    {
        Snapshot = await Shared.TodayAsync(change);
        Now = Clock.GetUtcNow();
    }
}

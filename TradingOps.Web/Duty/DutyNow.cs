using TradingOps.Core.Duty;
using TradingOps.Core.Live;
using TradingOps.Data.Duty;
using TradingOps.Web.Live;

namespace TradingOps.Web.Duty;

/// <summary>
/// Who is on duty now on this node (per role in calling order, with phones for staff screens; the wall takes
/// <see cref="DutyNowView.ForWall"/>): read once, read again when the roster of the shift changes
/// (<see cref="DutyRosterChanged"/>) and when the shift it describes is over (a screen asks on the tick after the change
/// of shift). Every screen of the node shares it.
/// </summary>
public sealed class DutyNow(IServiceScopeFactory scopes, ILiveEventSubscriptions live, TimeProvider clock)
    : LiveReadModel<DutyNowView, DutyRosterChanged>(scopes, live)
{
    /// <summary>Who is on duty now (with the change a screen is reacting to).</summary>
    public Task<DutyNowView> NowAsync(DutyRosterChanged? change = null) => CurrentAsync(change);

    protected override Task<DutyNowView> ReadAsync(IServiceProvider services) =>
        services.GetRequiredService<DutyRosterService>().NowAsync(clock.GetUtcNow());

    /// <summary>A change to the days the shift belongs to is read again; any other day's change does not touch "now".</summary>
    protected override DutyNowView? Applied(DutyNowView state, DutyRosterChanged change) =>
        change.From <= state.Day && state.Day <= change.To ? null : state;

    protected override bool IsCurrent(DutyNowView state) => state.Covers(clock.GetUtcNow());
}

/// <summary>The open operations alerts on this node: read once, then kept from <see cref="OpsAlertChanged"/>, which carries the alert.</summary>
public sealed class OpsAlertBoard(IServiceScopeFactory scopes, ILiveEventSubscriptions live)
    : LiveReadModel<IReadOnlyList<OpsAlertRow>, OpsAlertChanged>(scopes, live)
{
    public Task<IReadOnlyList<OpsAlertRow>> OpenAsync(OpsAlertChanged? change = null) => CurrentAsync(change);

    protected override Task<IReadOnlyList<OpsAlertRow>> ReadAsync(IServiceProvider services) =>
        services.GetRequiredService<OpsAlertService>().OpenAsync();

    protected override IReadOnlyList<OpsAlertRow> Applied(IReadOnlyList<OpsAlertRow> rows, OpsAlertChanged change) =>
        [.. rows.Where(r => r.Id != change.Row.Id), .. change.Row.IsOpen ? [change.Row] : Array.Empty<OpsAlertRow>()];
}

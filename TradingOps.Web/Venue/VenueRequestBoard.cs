using TradingOps.Core.Venue;
using TradingOps.Data.Venue;
using TradingOps.Web.Live;

namespace TradingOps.Web.Venue;

/// <summary>
/// The venue request queue of this node: every open request and those closed in the last week, read from the database
/// once and then kept up to date from <see cref="VenueRequestChanged"/> (which carries the row); read again on
/// <see cref="Core.Live.LiveResync"/>. The desk's queue and the wall's alerts read it; time left and urgency are
/// derived by the screens from the rows and the clock on the tick.
/// </summary>
public sealed class VenueRequestBoard(IServiceScopeFactory scopes, ILiveEventSubscriptions live)
    : LiveReadModel<IReadOnlyList<VenueRequestRow>, VenueRequestChanged>(scopes, live)
{
    /// <summary>The queue in its order, including <paramref name="change"/> when given.</summary>
    public Task<IReadOnlyList<VenueRequestRow>> QueueAsync(VenueRequestChanged? change = null) => CurrentAsync(change);

    protected override Task<IReadOnlyList<VenueRequestRow>> ReadAsync(IServiceProvider services) =>
        services.GetRequiredService<VenueRequestQueries>().QueueAsync();

    protected override IReadOnlyList<VenueRequestRow> Applied(IReadOnlyList<VenueRequestRow> rows, VenueRequestChanged change) =>
        VenueRequestRow.QueueOrder(rows.Where(r => r.Id != change.Row.Id).Append(change.Row));
}

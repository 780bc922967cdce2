using TradingOps.Core.Registrations;
using TradingOps.Data.Registrations;
using TradingOps.Web.Live;

namespace TradingOps.Web.Registrations;

/// <summary>
/// The registration board read model of this node: every open registration as the pending board and the wall's
/// registration panel show it, read from the database once and then kept up to date from the changes themselves
/// (<see cref="RegistrationChanged"/> carries the row). Read again only on <see cref="LiveResync"/>, or when the
/// last read failed (see <see cref="LiveReadModel{TState, TChange}"/>). Countdowns and urgency are derived by the
/// screens from the rows and the clock on the tick.
/// </summary>
public sealed class RegistrationBoardModel(IServiceScopeFactory scopes, ILiveEventSubscriptions live)
    : LiveReadModel<IReadOnlyList<PendingRegistrationRow>, RegistrationChanged>(scopes, live)
{
    /// <summary>Every open registration in the board's order, including <paramref name="change"/> when given.</summary>
    public Task<IReadOnlyList<PendingRegistrationRow>> OpenAsync(RegistrationChanged? change = null) => CurrentAsync(change);

    protected override Task<IReadOnlyList<PendingRegistrationRow>> ReadAsync(IServiceProvider services) =>
        services.GetRequiredService<RegistrationQueries>().OpenAsync();

    /// <summary>The rows with the changed row in place (or gone, once it is no longer open).</summary>
    protected override IReadOnlyList<PendingRegistrationRow> Applied(IReadOnlyList<PendingRegistrationRow> rows, RegistrationChanged change)
    {
        var others = rows.Where(r => r.Id != change.Row.Id);
        return PendingRegistrationRow.BoardOrder(PendingRegistrationRow.IsOpen(change.Row.Status) ? others.Append(change.Row) : others);
    }
}

using TradingOps.Core.Cases;
using TradingOps.Core.Live;
using TradingOps.Data.Due;
using TradingOps.Web.Live;

namespace TradingOps.Web.Cases;

/// <summary>
/// The open cases on this node (rows without personal data): read once, then kept from <see cref="CaseChanged"/>, which
/// carries the row. The wall turns them into overdue alerts on the clock tick (<see cref="CaseProjection.ForWall"/>).
/// </summary>
public sealed class CaseBoard(IServiceScopeFactory scopes, ILiveEventSubscriptions live)
    : LiveReadModel<IReadOnlyList<CaseRow>, CaseChanged>(scopes, live)
{
    public Task<IReadOnlyList<CaseRow>> OpenAsync(CaseChanged? change = null) => CurrentAsync(change);

    protected override Task<IReadOnlyList<CaseRow>> ReadAsync(IServiceProvider services) =>
        services.GetRequiredService<DueBoardQueries>().OpenCaseRowsAsync();

    protected override IReadOnlyList<CaseRow> Applied(IReadOnlyList<CaseRow> rows, CaseChanged change) =>
        [.. rows.Where(r => r.Id != change.Row.Id), .. change.Row.State.IsOpen() ? [change.Row] : Array.Empty<CaseRow>()];
}

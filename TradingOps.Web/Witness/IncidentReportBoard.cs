using TradingOps.Core.Live;
using TradingOps.Core.Witness;
using TradingOps.Data.Witness;
using TradingOps.Web.Live;

namespace TradingOps.Web.Witness;

/// <summary>
/// The incidents whose department report is not recorded yet, on this node: read once, then kept from
/// <see cref="IncidentChanged"/> (which carries the row); the wall counts those past their deadline on the clock tick.
/// </summary>
public sealed class IncidentReportBoard(IServiceScopeFactory scopes, ILiveEventSubscriptions live)
    : LiveReadModel<IReadOnlyList<IncidentRow>, IncidentChanged>(scopes, live)
{
    public Task<IReadOnlyList<IncidentRow>> UnreportedAsync(IncidentChanged? change = null) => CurrentAsync(change);

    /// <summary>How many reports are overdue at <paramref name="now"/>.</summary>
    public static int Overdue(IEnumerable<IncidentRow> rows, DateTimeOffset now) =>
        rows.Count(r => r.State != IncidentState.Closed && r.IsReportOverdue(now));

    protected override Task<IReadOnlyList<IncidentRow>> ReadAsync(IServiceProvider services) =>
        services.GetRequiredService<IncidentQueries>().UnreportedAsync();

    protected override IReadOnlyList<IncidentRow> Applied(IReadOnlyList<IncidentRow> rows, IncidentChanged change) =>
        [.. rows.Where(r => r.Id != change.Row.Id), .. change.Row.ReportedAt is null && change.Row.State != IncidentState.Closed ? [change.Row] : Array.Empty<IncidentRow>()];
}

using TradingOps.Core.Common;

namespace TradingOps.Core.Cases;

/// <summary>
/// What the duty wall (run as Display) may show of an overdue case: its kind, its internal number, who it waits for
/// and since when it is overdue. Never the subject, the details, who raised it, the project or the answer.
/// </summary>
public sealed record CaseWallAlert(CaseKind Kind, string Number, string Awaiting, DateTimeOffset DueAt, TimeSpan OverdueBy);

public static partial class CaseProjection
{
    /// <summary>
    /// The wall's alerts: every open case past the due time of the clock now running (the center's forwarding, then the
    /// responsible party's answer), the most overdue first. Forwarding stops the center's clock and answering the legal
    /// one, so the alert clears by itself; a resolved or withdrawn case is not open.
    /// </summary>
    public static IReadOnlyList<CaseWallAlert> ForWall(IEnumerable<CaseRow> rows, DateTimeOffset now) =>
        rows.Where(r => r.IsOverdue(now))
            .OrderBy(r => r.DueAt)
            .ThenBy(r => r.Number, StringComparer.Ordinal)
            .Select(r => new CaseWallAlert(r.Kind, r.Number, PlainText.Truncate(r.Awaiting ?? "中心", 20), r.DueAt!.Value, now - r.DueAt.Value))
            .ToList();
}

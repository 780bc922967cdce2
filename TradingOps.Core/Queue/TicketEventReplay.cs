using TradingOps.Core.Statistics;

namespace TradingOps.Core.Queue;

/// <summary>One ticket's story rebuilt from its events alone.</summary>
public sealed record ReplayedTicket(Guid TicketId, DateTimeOffset IssuedAt, DateTimeOffset? FirstCalledAt, DateTimeOffset? ServingStartedAt,
    DateTimeOffset? FinishedAt, bool NoShow, int Recalls, int Transfers, bool Rated)
{
    /// <summary>The ticket as the statistics see it, so the replay counts with the same definitions (<see cref="QueueFigures"/>).</summary>
    public TicketFacts Facts => new("", null, null, IssuedAt, FirstCalledAt, ServingStartedAt, FinishedAt,
        NoShow ? TicketStatus.NoShow
        : FinishedAt is not null ? TicketStatus.Finished
        : ServingStartedAt is not null ? TicketStatus.Serving
        : FirstCalledAt is not null ? TicketStatus.Called
        : TicketStatus.Waiting);
}

/// <summary>Figures recomputed from the event log (TicketEvent), independent of the tickets' current columns.</summary>
public sealed record ReplayedFigures(int Issued, int Served, int NoShows, TimeSpan? AverageWait, TimeSpan? AverageService, double? WithinTargetShare);

/// <summary>Statistics are recomputed from stored ticket events, so a past day can be re-evaluated under new rules.</summary>
public static class TicketEventReplay
{
    public static IReadOnlyList<ReplayedTicket> Tickets(IEnumerable<TicketEvent> events) =>
        events.GroupBy(e => e.TicketId).Select(g =>
        {
            var ordered = g.OrderBy(e => e.At).ToList();
            DateTimeOffset? First(TicketEventKind kind) => ordered.FirstOrDefault(e => e.Kind == kind)?.At;
            var finished = ordered.LastOrDefault(e => e.Kind is TicketEventKind.Finished or TicketEventKind.NoShow);
            // Service starts again at the window a transfer sends the visitor to, as on the ticket (QueueTicket.Transfer).
            var lastTransfer = ordered.LastOrDefault(e => e.Kind == TicketEventKind.Transferred)?.At;
            var servingStarted = ordered.FirstOrDefault(e => e.Kind == TicketEventKind.Serving && (lastTransfer is null || e.At >= lastTransfer))?.At;
            return new ReplayedTicket(g.Key, First(TicketEventKind.Issued) ?? ordered[0].At, First(TicketEventKind.Called),
                servingStarted, finished?.At, finished?.Kind == TicketEventKind.NoShow,
                ordered.Count(e => e.Kind == TicketEventKind.Recalled), ordered.Count(e => e.Kind == TicketEventKind.Transferred),
                ordered.Any(e => e.Kind == TicketEventKind.Rated));
        }).ToList();

    public static ReplayedFigures Figures(IEnumerable<TicketEvent> events, TimeSpan target)
    {
        var kpi = QueueFigures.Sum(Tickets(events).Select(t => t.Facts), (int)target.TotalMinutes);
        return new ReplayedFigures((int)kpi.Tickets, (int)kpi.Served, (int)kpi.NoShows, Span(kpi.AverageWait), Span(kpi.AverageService),
            (double?)kpi.WithinTargetShare);
    }

    private static TimeSpan? Span(decimal? minutes) => minutes is { } m ? TimeSpan.FromMinutes((double)m) : null;
}

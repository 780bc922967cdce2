namespace TradingOps.Core.Queue;

/// <summary>One ticket's story rebuilt from its events alone.</summary>
public sealed record ReplayedTicket(Guid TicketId, DateTimeOffset IssuedAt, DateTimeOffset? FirstCalledAt, DateTimeOffset? ServingStartedAt,
    DateTimeOffset? FinishedAt, bool NoShow, int Recalls, int Transfers, bool Rated)
{
    public TimeSpan? Wait => FirstCalledAt - IssuedAt;
    public TimeSpan? Service => FinishedAt is not null && !NoShow ? FinishedAt - ServingStartedAt : null;
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
            return new ReplayedTicket(g.Key, First(TicketEventKind.Issued) ?? ordered[0].At, First(TicketEventKind.Called),
                First(TicketEventKind.Serving), finished?.At, finished?.Kind == TicketEventKind.NoShow,
                ordered.Count(e => e.Kind == TicketEventKind.Recalled), ordered.Count(e => e.Kind == TicketEventKind.Transferred),
                ordered.Any(e => e.Kind == TicketEventKind.Rated));
        }).ToList();

    public static ReplayedFigures Figures(IEnumerable<TicketEvent> events, TimeSpan target)
    {
        var tickets = Tickets(events);
        var waits = tickets.Where(t => t.Wait is not null).Select(t => t.Wait!.Value).ToList();
        var services = tickets.Where(t => t.Service is not null).Select(t => t.Service!.Value).ToList();
        return new ReplayedFigures(tickets.Count, tickets.Count(t => t.FinishedAt is not null && !t.NoShow), tickets.Count(t => t.NoShow),
            Average(waits), Average(services), waits.Count == 0 ? null : (double)waits.Count(w => w <= target) / waits.Count);
    }

    private static TimeSpan? Average(IReadOnlyCollection<TimeSpan> spans) =>
        spans.Count == 0 ? null : TimeSpan.FromTicks((long)spans.Average(s => s.Ticks));
}

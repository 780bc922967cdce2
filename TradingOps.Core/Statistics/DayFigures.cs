using TradingOps.Core.Queue;

namespace TradingOps.Core.Statistics;

/// <summary>A ticket of the day as the statistics see it (keys are the dimension values stored).</summary>
public sealed record TicketFacts(string Type, string? Window, string? Clerk, DateTimeOffset ArrivedAt, DateTimeOffset? FirstCalledAt,
    DateTimeOffset? ServingStartedAt, DateTimeOffset? FinishedAt, TicketStatus Status);

/// <summary>
/// A rating given on the day, with the type, window and clerk of the service rated and which service it was. A session's
/// venue or witness rating has no type, window or clerk: it counts under its service's name in those dimensions too
/// (<see cref="ForSession"/>), so each dimension still adds up to the total.
/// </summary>
public sealed record RatingFacts(RatingLevel Level, string Type, string? Window, string? Clerk, RatedService Service = RatedService.Window)
{
    public static RatingFacts ForSession(RatingLevel level, RatedService service)
    {
        var name = SatisfactionRating.ServiceText(service);
        return new(level, name, name, name, service);
    }
}

/// <summary>A booking that touches the day: booked span and, when held, the session's actual span.</summary>
public sealed record BookingFacts(string Room, string RoomType, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTimeOffset? StartedAt, DateTimeOffset? EndedAt);

/// <summary>A registration finished (accepted or refused) on the day, with its service deadline.</summary>
public sealed record CompletionFacts(bool Accepted, string Category, string Method, decimal Amount, DateTimeOffset CompletedAt, DateTimeOffset? DueAt);

/// <summary>
/// The pure rules that turn a day's raw rows into its figures: the job and the tests both call them, and the
/// pages and workbooks derive rates and averages from the stored sums with <see cref="QueueKpi"/>.
/// </summary>
public static class DayFigures
{
    /// <summary>The window key of what no window handled: one name for the queue and the ratings (<see cref="QueueFigures.WindowKey"/>).</summary>
    public const string NoWindow = QueueFigures.UnassignedWindow;
    public const string NoClerk = "（未记录）";

    public delegate void Sink(string metric, string dimension, string key, decimal value);

    /// <summary>
    /// Window queue figures per total, service type, window and staff member: counts and sums (averages are
    /// derived), with the definitions of <see cref="QueueFigures"/>. Every ticket of the day counts under some
    /// window (the ones no window called under <see cref="QueueFigures.UnassignedWindow"/>) and some staff member
    /// (the clerk credited on it, <see cref="TicketFacts.Clerk"/>: who called, served or finished it at its window;
    /// tickets no clerk handled yet under <see cref="NoClerk"/>), so windows and staff rows each add up to the total.
    /// </summary>
    public static void Queue(IReadOnlyCollection<TicketFacts> tickets, int targetWaitMinutes, Sink add)
    {
        void Group(string dimension, Func<TicketFacts, string?> keyOf)
        {
            foreach (var g in tickets.GroupBy(keyOf).Where(g => g.Key is not null))
            {
                var key = g.Key!;
                var kpi = QueueFigures.Sum(g, targetWaitMinutes);
                add(Metrics.QueueTickets, dimension, key, kpi.Tickets);
                add(Metrics.QueueCalled, dimension, key, kpi.Called);
                add(Metrics.QueueWaitMinutes, dimension, key, kpi.WaitMinutes);
                add(Metrics.QueueWaitP90, dimension, key, QueueFigures.WaitP90(g) ?? 0m);
                add(Metrics.QueueWithinTarget, dimension, key, kpi.WithinTarget);
                add(Metrics.QueueNoShows, dimension, key, kpi.NoShows);
                add(Metrics.QueueServed, dimension, key, kpi.Served);
                add(Metrics.QueueServiceMinutes, dimension, key, kpi.ServiceMinutes);
            }
        }
        if (tickets.Count == 0) return;
        Group(DailyStatistic.Total, _ => DailyStatistic.Total);
        Group(Metrics.ByServiceType, t => t.Type);
        Group(Metrics.ByWindow, t => QueueFigures.WindowKey(t.Window));
        Group(Metrics.ByClerk, t => t.Clerk ?? NoClerk);
    }

    /// <summary>Ratings per level, per total, service type, window, clerk and service (window, venue, witness).</summary>
    public static void Satisfaction(IReadOnlyCollection<RatingFacts> ratings, Sink add)
    {
        void Group(string dimension, Func<RatingFacts, string> keyOf)
        {
            foreach (var g in ratings.GroupBy(keyOf))
            {
                var counts = LevelCounts.Of(g.Select(r => r.Level));
                foreach (var level in SatisfactionRules.Levels)
                    if (counts[level] > 0) add(SatisfactionRules.MetricOf(level), dimension, g.Key, counts[level]);
            }
        }
        Group(DailyStatistic.Total, _ => DailyStatistic.Total);
        Group(Metrics.ByServiceType, r => r.Type);
        Group(Metrics.ByWindow, r => QueueFigures.WindowKey(r.Window));
        Group(Metrics.ByClerk, r => r.Clerk ?? NoClerk);
        Group(Metrics.ByService, r => SatisfactionRating.ServiceText(r.Service));
    }

    /// <summary>
    /// Rooms: bookings, booked and used hours within the day (a session still running counts up to
    /// <paramref name="now"/>), open hours (<paramref name="openHoursPerRoom"/> for every room in service on a
    /// working day), overrun sessions and minutes past the booked end (on the day the session ended). Per total,
    /// room and room type.
    /// </summary>
    public static void Rooms(IReadOnlyCollection<BookingFacts> bookings, IReadOnlyCollection<(string Room, string RoomType)> roomsInService,
        decimal openHoursPerRoom, DateTimeOffset dayStart, DateTimeOffset dayEnd, DateTimeOffset now, Sink add)
    {
        var rows = bookings.Select(b =>
        {
            // An overrun belongs to the day the session ended (or, still running, to today), counted once.
            var actualEnd = b.EndedAt ?? now;
            var overrun = actualEnd > dayStart && actualEnd <= dayEnd ? RoomFigures.OverrunMinutes(b.EndsAt, b.StartedAt, b.EndedAt, now) : 0m;
            return (b.Room, b.RoomType, Booked: RoomFigures.BookedHours(b.StartsAt, b.EndsAt, dayStart, dayEnd),
                Used: RoomFigures.UsedHours(b.StartedAt, b.EndedAt, now, dayStart, dayEnd), Overrun: overrun);
        }).ToList();
        void Group(string dimension, Func<(string Room, string RoomType), string> keyOf)
        {
            var open = roomsInService.GroupBy(keyOf).ToDictionary(g => g.Key, g => g.Count() * openHoursPerRoom);
            var used = rows.GroupBy(r => keyOf((r.Room, r.RoomType))).ToDictionary(g => g.Key);
            foreach (var key in open.Keys.Union(used.Keys))
            {
                var g = used.GetValueOrDefault(key)?.ToList() ?? [];
                add(Metrics.RoomOpenHours, dimension, key, open.GetValueOrDefault(key));
                if (g.Count == 0) continue;
                add(Metrics.RoomBookings, dimension, key, g.Count);
                // Sums of the per-booking measures, unrounded: every grouping of the same sessions adds up alike.
                add(Metrics.RoomBookedHours, dimension, key, g.Sum(r => r.Booked));
                add(Metrics.RoomUsedHours, dimension, key, g.Sum(r => r.Used));
                add(Metrics.RoomOverruns, dimension, key, g.Count(r => r.Overrun > 0));
                add(Metrics.RoomOverrunMinutes, dimension, key, g.Sum(r => r.Overrun));
            }
        }
        Group(DailyStatistic.Total, _ => DailyStatistic.Total);
        Group(Metrics.ByRoom, r => r.Room);
        Group(Metrics.ByRoomType, r => r.RoomType);
    }

    /// <summary>Registrations finished on the day: accepted by category, method and amount band; done within the deadline.</summary>
    public static void Registrations(IReadOnlyCollection<CompletionFacts> completions, Sink add)
    {
        if (completions.Count == 0) return;
        var accepted = completions.Where(c => c.Accepted).ToList();
        add(Metrics.ProjectsAccepted, DailyStatistic.Total, DailyStatistic.Total, accepted.Count);
        foreach (var g in accepted.GroupBy(c => c.Category)) add(Metrics.ProjectsAccepted, Metrics.ByCategory, g.Key, g.Count());
        foreach (var g in accepted.GroupBy(c => c.Method)) add(Metrics.ProjectsAccepted, Metrics.ByMethod, g.Key, g.Count());
        foreach (var g in accepted.GroupBy(c => Metrics.AmountBand(c.Amount))) add(Metrics.ProjectsAccepted, Metrics.ByAmountBand, g.Key, g.Count());
        add(Metrics.RegistrationsCompleted, DailyStatistic.Total, DailyStatistic.Total, completions.Count);
        add(Metrics.RegistrationsOnTime, DailyStatistic.Total, DailyStatistic.Total, completions.Count(OnTime));
        foreach (var g in completions.GroupBy(c => c.Category))
        {
            add(Metrics.RegistrationsCompleted, Metrics.ByCategory, g.Key, g.Count());
            add(Metrics.RegistrationsOnTime, Metrics.ByCategory, g.Key, g.Count(OnTime));
        }
    }

    /// <summary>Finished within its service deadline (a registration without a deadline counts as on time).</summary>
    public static bool OnTime(CompletionFacts c) => c.DueAt is not { } due || c.CompletedAt <= due;

    /// <summary>Nearest-rank percentile of sorted values (0 when empty), rounded to 0.01.</summary>
    public static decimal Percentile(IReadOnlyList<decimal> sorted, decimal p)
    {
        if (sorted.Count == 0) return 0;
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}

using TradingOps.Core.Queue;

namespace TradingOps.Core.Statistics;

/// <summary>A ticket of the day as the statistics see it (keys are the dimension values stored).</summary>
public sealed record TicketFacts(string Type, string? Window, string? Clerk, DateTimeOffset ArrivedAt, DateTimeOffset? FirstCalledAt,
    DateTimeOffset? ServingStartedAt, DateTimeOffset? FinishedAt, TicketStatus Status);

/// <summary>A rating given on the day, with the type, window and clerk of the service rated.</summary>
public sealed record RatingFacts(RatingLevel Level, string Type, string? Window, string? Clerk);

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
    public const string NoWindow = "—";
    public const string NoClerk = "（未记录）";

    public delegate void Sink(string metric, string dimension, string key, decimal value);

    /// <summary>
    /// Window queue figures per total, service type, window and staff member: counts and sums (averages are
    /// derived). A ticket's staff member is the clerk credited on it (<see cref="TicketFacts.Clerk"/>: who called,
    /// served or finished it at its window); tickets no clerk handled yet count under <see cref="NoClerk"/>, so the
    /// staff rows add up to the total.
    /// </summary>
    public static void Queue(IReadOnlyCollection<TicketFacts> tickets, int targetWaitMinutes, Sink add)
    {
        void Group(string dimension, Func<TicketFacts, string?> keyOf)
        {
            foreach (var g in tickets.GroupBy(keyOf).Where(g => g.Key is not null))
            {
                var key = g.Key!;
                var called = g.Where(t => t.FirstCalledAt is not null).ToList();
                var waits = called.Select(t => WaitMinutes(t)).Order().ToList();
                var served = g.Where(t => t.Status == TicketStatus.Finished && t.ServingStartedAt is not null && t.FinishedAt is not null).ToList();
                add(Metrics.QueueTickets, dimension, key, g.Count());
                add(Metrics.QueueCalled, dimension, key, called.Count);
                add(Metrics.QueueWaitMinutes, dimension, key, waits.Sum());
                add(Metrics.QueueWaitP90, dimension, key, Percentile(waits, 0.9m));
                add(Metrics.QueueWithinTarget, dimension, key, called.Count(t => t.FirstCalledAt!.Value - t.ArrivedAt <= TimeSpan.FromMinutes(targetWaitMinutes)));
                add(Metrics.QueueNoShows, dimension, key, g.Count(t => t.Status == TicketStatus.NoShow));
                add(Metrics.QueueServed, dimension, key, served.Count);
                add(Metrics.QueueServiceMinutes, dimension, key, served.Sum(t => Minutes(t.FinishedAt!.Value - t.ServingStartedAt!.Value)));
            }
        }
        if (tickets.Count == 0) return;
        Group(DailyStatistic.Total, _ => DailyStatistic.Total);
        Group(Metrics.ByServiceType, t => t.Type);
        Group(Metrics.ByWindow, t => t.Window);
        Group(Metrics.ByClerk, t => t.Clerk ?? NoClerk);
    }

    /// <summary>Ratings per level, per total, service type, window and clerk.</summary>
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
        Group(Metrics.ByWindow, r => r.Window ?? NoWindow);
        Group(Metrics.ByClerk, r => r.Clerk ?? NoClerk);
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
            var usedEnd = b.StartedAt is null ? (DateTimeOffset?)null : b.EndedAt ?? (now < dayEnd ? now : dayEnd);
            // An overrun belongs to the day the session ended (or, still running, to today), counted once.
            var actualEnd = b.EndedAt ?? now;
            var overrun = b.StartedAt is not null && actualEnd > b.EndsAt && actualEnd > dayStart && actualEnd <= dayEnd
                ? Minutes(actualEnd - b.EndsAt) : 0m;
            return (b.Room, b.RoomType, Booked: Hours(Clip(b.StartsAt, b.EndsAt, dayStart, dayEnd)),
                Used: b.StartedAt is { } s ? Hours(Clip(s, usedEnd!.Value, dayStart, dayEnd)) : 0m,
                Overrun: overrun);
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
                add(Metrics.RoomBookedHours, dimension, key, decimal.Round(g.Sum(r => r.Booked), 4));
                add(Metrics.RoomUsedHours, dimension, key, decimal.Round(g.Sum(r => r.Used), 4));
                add(Metrics.RoomOverruns, dimension, key, g.Count(r => r.Overrun > 0));
                add(Metrics.RoomOverrunMinutes, dimension, key, decimal.Round(g.Sum(r => r.Overrun), 4));
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

    public static decimal WaitMinutes(TicketFacts t) => Minutes(t.FirstCalledAt!.Value - t.ArrivedAt);

    /// <summary>Nearest-rank percentile of sorted values (0 when empty), rounded to 0.01.</summary>
    public static decimal Percentile(IReadOnlyList<decimal> sorted, decimal p)
    {
        if (sorted.Count == 0) return 0;
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    public static decimal Minutes(TimeSpan span) => decimal.Round((decimal)span.TotalMinutes, 2);

    private static decimal Hours(TimeSpan span) => (decimal)span.TotalHours;

    private static TimeSpan Clip(DateTimeOffset from, DateTimeOffset to, DateTimeOffset dayStart, DateTimeOffset dayEnd)
    {
        var s = from > dayStart ? from : dayStart;
        var e = to < dayEnd ? to : dayEnd;
        return e > s ? e - s : TimeSpan.Zero;
    }
}

/// <summary>Queue KPIs derived from stored sums, for any period (sums add up across days; averages do not).</summary>
public readonly record struct QueueKpi(decimal Tickets, decimal Called, decimal WaitMinutes, decimal WithinTarget, decimal NoShows,
    decimal Served, decimal ServiceMinutes)
{
    public decimal? AverageWait => Called == 0 ? null : WaitMinutes / Called;
    public decimal? AverageService => Served == 0 ? null : ServiceMinutes / Served;
    /// <summary>过号率: no-shows among the tickets called.</summary>
    public decimal? NoShowRate => Called == 0 ? null : NoShows / Called;
    /// <summary>Share of called visitors called within the target wait.</summary>
    public decimal? WithinTargetShare => Called == 0 ? null : WithinTarget / Called;
}

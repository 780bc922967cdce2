using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;

namespace TradingOps.Data.Queue;

/// <summary>
/// Today's queue, laid out relative to the current time: clerks signed on, a morning of served visitors (some
/// rated, one bad rating under follow-up), a few no-shows, visitors at the windows now and a queue waiting.
/// Runs once per day (when today has no tickets yet). Deterministic for a given day.
/// </summary>
public sealed class QueueDemoSeeder(IDbContextFactory<TradingOpsDbContext> factory, IWorkdayCalendarProvider calendars,
    TimeProvider clock, ILogger logger)
{
    public async Task SeedTodayAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = QueueRules.ServiceDateOf(now);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.QueueTickets.AnyAsync(t => t.ServiceDate == today, ct)) return;
        db.AuditDisabled = true;
        var types = await db.ServiceTypes.Where(t => t.IsActive).OrderBy(t => t.SortOrder).ToListAsync(ct);
        var windows = await db.ServiceWindows.Include(w => w.ServiceTypes).Where(w => w.InService).OrderBy(w => w.Number).ToListAsync(ct);
        if (types.Count == 0 || windows.Count == 0) return;
        // The first staff members by 工号 sit at the windows (the demo accounts are linked to the first of them, so the
        // "staff" account finds its own window signed on).
        var clerks = (await db.Staff.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.EmployeeNo).Take(windows.Count).ToListAsync(ct))
            .Select(WindowClerk.Of).ToList();
        var random = new Random(today.DayNumber);

        // The queue opened at 08:30, or three hours ago (but not before midnight: every ticket belongs to today)
        // when the demo starts outside office hours.
        var open = CenterTime.At(today, new TimeOnly(8, 30));
        var midnight = CenterTime.DayBounds(today).Start;
        var start = now - open is var sinceOpen && sinceOpen > TimeSpan.FromMinutes(45) && sinceOpen < TimeSpan.FromHours(9.5)
            ? open : now.AddHours(-3) > midnight ? now.AddHours(-3) : midnight;
        var signedOn = windows.Take(Math.Min(windows.Count - 1, clerks.Count)).ToList(); // the last window is unstaffed today
        if (signedOn.Count == 0) return;
        var clerkOf = new Dictionary<ServiceWindow, WindowClerk>();
        for (var i = 0; i < signedOn.Count; i++)
        {
            signedOn[i].SignOn(clerks[i], start.AddMinutes(-5));
            clerkOf[signedOn[i]] = clerks[i];
        }
        signedOn[^1].Pause("系统升级，暂停叫号", now.AddMinutes(-10));

        // Arrivals: busier in the first hours, weighted towards registration, CA and deposits.
        int[] weights = [6, 2, 2, 4, 4, 3, 1];
        var minutes = (now - start).TotalMinutes;
        var count = (int)Math.Clamp(minutes * 0.45, 20, 150);
        var arrivals = Enumerable.Range(0, count).Select(_ => start.AddMinutes(minutes * Math.Pow(random.NextDouble(), 0.8)))
            .Order().ToList();
        var numbers = new Dictionary<Guid, int>();
        var tickets = new List<QueueTicket>();
        foreach (var at in arrivals)
        {
            var type = Pick(types, weights, random);
            var number = numbers[type.Id] = numbers.GetValueOrDefault(type.Id) + 1;
            var priority = random.NextDouble() < 0.04;
            tickets.Add(new QueueTicket(type.Id, type.Prefix, today, number, at, random.NextDouble() < 0.8 ? TicketChannel.Kiosk : TicketChannel.Staff,
                priority, priority ? "老年人/行动不便，绿色通道" : null));
        }

        // Serve them: each signed-on window calls its next ticket whenever it is free.
        var free = signedOn.Where(w => !w.IsPaused).ToDictionary(w => w, _ => start);
        var ratings = 0;
        while (true)
        {
            var (window, freeAt) = free.OrderBy(f => f.Value).First();
            if (freeAt >= now) break;
            var typeIds = window.ServiceTypes.Select(t => t.Id).ToList();
            var next = tickets.Where(t => t.Status == TicketStatus.Waiting && t.ArrivedAt <= freeAt && typeIds.Contains(t.ServiceTypeId))
                .OrderByDescending(t => t.IsPriority).ThenBy(t => t.ArrivedAt).FirstOrDefault();
            if (next is null)
            {
                free[window] = freeAt.AddMinutes(1);
                continue;
            }
            var clerk = clerkOf[window];
            next.CallTo(window.Id, freeAt, clerk);
            if (random.NextDouble() < 0.06)
            {
                var noShowAt = freeAt.AddMinutes(2);
                if (noShowAt < now) next.MarkNoShow(noShowAt, clerk);
                free[window] = noShowAt;
                continue;
            }
            var serveAt = freeAt.AddSeconds(random.Next(30, 100));
            if (serveAt >= now) { free[window] = now; continue; }
            next.StartServing(serveAt, clerk);
            var doneAt = serveAt.AddMinutes(3 + random.NextDouble() * 9);
            if (doneAt >= now) { free[window] = now; continue; }
            next.Finish(random.NextDouble() < 0.85 ? ServiceOutcome.Completed : ServiceOutcome.IncompleteMaterials, null, doneAt, clerk);
            free[window] = doneAt.AddSeconds(random.Next(20, 90));
            if (random.NextDouble() < 0.6)
            {
                var bad = ratings == 3;
                var level = bad ? RatingLevel.Dissatisfied : random.NextDouble() < 0.75 ? RatingLevel.VerySatisfied : RatingLevel.Satisfied;
                var rating = new SatisfactionRating(next, level, bad ? ["等候时间长"] : null, bad ? "排队太久，希望增加窗口" : null,
                    RatingChannel.Pad, doneAt.AddSeconds(40));
                db.SatisfactionRatings.Add(rating);
                if (rating.OpenFollowUp(await calendars.GetAsync(ct), 1, 15) is { } followUp) db.RatingFollowUps.Add(followUp);
                ratings++;
            }
        }

        // The clerks are at work now: idle sign-off counts from the end of the simulated morning.
        foreach (var window in signedOn) window.RecordAction(now);
        db.QueueTickets.AddRange(tickets);
        db.TicketEvents.AddRange(tickets.SelectMany(t => t.TakeEvents()));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo queue seeded for {Date}: {Tickets} tickets, {Ratings} ratings", today, tickets.Count, ratings);
    }

    private static ServiceType Pick(IReadOnlyList<ServiceType> types, int[] weights, Random random)
    {
        var total = types.Select((_, i) => weights[i % weights.Length]).Sum();
        var roll = random.Next(total);
        for (var i = 0; i < types.Count; i++)
        {
            roll -= weights[i % weights.Length];
            if (roll < 0) return types[i];
        }
        return types[^1];
    }
}

using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;

namespace TradingOps.Data.Seeding;

/// <summary>
/// Past working days of a demo center, generated through the domain's own methods: window tickets (served by
/// the clerk signed on at the window, some no-shows), ratings on five levels with follow-ups for the bad ones
/// (older ones closed, recent ones open or overdue), and room sessions for the bid openings held (some running
/// late). Deterministic for a seed; days that already have tickets are skipped. Ticket events are not generated
/// (the statistics read the tickets' own times).
/// </summary>
public static class OperationsHistorySeeder
{
    private static readonly int[] TypeWeights = [6, 2, 2, 4, 4, 3, 1];

    public static async Task<(int Tickets, int Ratings, int Bookings)> SeedAsync(TradingOpsDbContext db, WorkdayCalendar calendar,
        DateOnly from, DateOnly to, int ticketsPerDay, int seed, DateTimeOffset now, CancellationToken ct = default)
    {
        db.AuditDisabled = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var types = await db.ServiceTypes.AsNoTracking().OrderBy(t => t.SortOrder).ToListAsync(ct);
        var windows = await db.ServiceWindows.AsNoTracking().Include(w => w.ServiceTypes).OrderBy(w => w.Number).ToListAsync(ct);
        var clerks = (await db.Staff.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.EmployeeNo).Take(Math.Max(1, windows.Count * 2)).ToListAsync(ct))
            .Select(WindowClerk.Of).ToList();
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.InService).OrderBy(r => r.Code).ToListAsync(ct);
        if (types.Count == 0 || windows.Count == 0 || clerks.Count == 0) return (0, 0, 0);
        var seeded = (await db.QueueTickets.Where(t => t.ServiceDate >= from && t.ServiceDate <= to).Select(t => t.ServiceDate).Distinct().ToListAsync(ct)).ToHashSet();

        int tickets = 0, ratings = 0, bookings = 0, pending = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (!calendar.IsWorkingDay(day) || seeded.Contains(day)) continue;
            var random = new Random(seed + day.DayNumber);
            var (t, r) = Queue(db, calendar, day, types, windows, clerks, ticketsPerDay, random, now);
            var b = await RoomsAsync(db, day, rooms, random, now, ct);
            (tickets, ratings, bookings, pending) = (tickets + t, ratings + r, bookings + b, pending + t + r + b);
            if (pending >= 20_000)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                pending = 0;
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return (tickets, ratings, bookings);
    }

    private static (int Tickets, int Ratings) Queue(TradingOpsDbContext db, WorkdayCalendar calendar, DateOnly day, List<ServiceType> types,
        List<ServiceWindow> windows, List<WindowClerk> clerks, int perDay, Random random, DateTimeOffset now)
    {
        // Who sits at which window that day: the morning clerk, and on some days a second one in the afternoon.
        var shift = day.DayNumber % clerks.Count;
        WindowClerk ClerkAt(int windowIndex, DateTimeOffset at) =>
            clerks[(windowIndex + shift + (CenterTime.ToLocal(at).Hour >= 13 && day.DayNumber % 2 == 0 ? windows.Count : 0)) % clerks.Count];
        var count = (int)(perDay * (0.8 + random.NextDouble() * 0.4));
        var numbers = new Dictionary<Guid, int>();
        var open = CenterTime.At(day, new TimeOnly(8, 30));
        var ratingsAdded = 0;
        var arrivals = Enumerable.Range(0, count).Select(_ => open.AddMinutes(random.NextDouble() * 510)).Order().ToList();
        foreach (var arrived in arrivals)
        {
            var type = Pick(types, random);
            var number = numbers[type.Id] = numbers.GetValueOrDefault(type.Id) + 1;
            if (number > 999) continue;
            var ticket = new QueueTicket(type.Id, type.Prefix, day, number, arrived, random.NextDouble() < 0.8 ? TicketChannel.Kiosk : TicketChannel.Staff);
            db.QueueTickets.Add(ticket);
            var serving = windows.Select((w, i) => (w, i)).Where(x => x.w.ServiceTypes.Any(s => s.Id == type.Id)).ToList();
            if (serving.Count == 0) { ticket.TakeEvents(); continue; }
            var (window, index) = serving[random.Next(serving.Count)];
            var wait = Math.Min(90, -Math.Log(1 - random.NextDouble()) * (day.DayOfWeek == DayOfWeek.Monday ? 14 : 8));
            var calledAt = arrived.AddMinutes(wait);
            var caller = ClerkAt(index, calledAt);
            ticket.CallTo(window.Id, calledAt, caller);
            if (random.NextDouble() < 0.05)
            {
                ticket.MarkNoShow(calledAt.AddMinutes(2), caller);
                ticket.TakeEvents();
                continue;
            }
            var servingAt = calledAt.AddSeconds(random.Next(20, 90));
            ticket.StartServing(servingAt, caller);
            var doneAt = servingAt.AddMinutes(3 + random.NextDouble() * 12);
            ticket.Finish(random.NextDouble() < 0.85 ? ServiceOutcome.Completed : ServiceOutcome.IncompleteMaterials, null, doneAt, ClerkAt(index, doneAt));
            if (random.NextDouble() < 0.6)
            {
                var roll = random.NextDouble() + (wait > 30 ? 0.05 : 0);
                var level = roll switch
                {
                    < 0.70 => RatingLevel.VerySatisfied,
                    < 0.88 => RatingLevel.Satisfied,
                    < 0.95 => RatingLevel.Acceptable,
                    < 0.98 => RatingLevel.Dissatisfied,
                    _ => RatingLevel.VeryDissatisfied,
                };
                var bad = SatisfactionRating.IsBad(level);
                var rating = new SatisfactionRating(ticket, level, bad ? [wait > 30 ? "等候时间长" : random.NextDouble() < 0.5 ? "告知不清楚" : "业务不熟练"] : null,
                    null, random.NextDouble() < 0.7 ? RatingChannel.Pad : RatingChannel.QrCode, doneAt.AddSeconds(random.Next(10, 120)));
                db.SatisfactionRatings.Add(rating);
                ratingsAdded++;
                if (rating.OpenFollowUp(calendar, 1, 15) is { } followUp)
                {
                    db.RatingFollowUps.Add(followUp);
                    var age = now - rating.At;
                    if (age > TimeSpan.FromDays(25) || random.NextDouble() < 0.5 && age > TimeSpan.FromDays(3))
                        followUp.Close("已电话回访，说明情况并改进窗口服务", "科室负责人", rating.At.AddDays(1 + random.Next(0, 10)));
                    else if (random.NextDouble() < 0.5)
                        followUp.RecordContact("已电话联系办事人，正在整改", rating.At.AddHours(4));
                }
            }
            ticket.TakeEvents();
        }
        return (count, ratingsAdded);
    }

    /// <summary>The day's bid openings in the opening rooms, each followed by an evaluation; about one in eight runs late.</summary>
    private static async Task<int> RoomsAsync(TradingOpsDbContext db, DateOnly day, List<Room> rooms, Random random, DateTimeOffset now, CancellationToken ct)
    {
        var (start, end) = CenterTime.DayBounds(day);
        if (await db.RoomBookings.AnyAsync(b => b.StartsAt >= start && b.StartsAt < end, ct)) return 0;
        var projects = await db.TradingProjects.AsNoTracking().Where(p => p.BidOpeningAt >= start && p.BidOpeningAt < end)
            .OrderBy(p => p.BidOpeningAt).Select(p => new { p.Id, p.Code, p.Name, p.Agency, p.Initiator, At = p.BidOpeningAt!.Value }).ToListAsync(ct);
        var opening = rooms.Where(r => r.Type is RoomType.BidOpeningRoom or RoomType.MultiFunctionRoom).ToList();
        var evaluation = rooms.Where(r => r.Type == RoomType.EvaluationRoom).ToList();
        var freeAt = rooms.ToDictionary(r => r.Id, _ => start);
        var added = 0;
        foreach (var p in projects)
        {
            var openingRoom = opening.FirstOrDefault(r => freeAt[r.Id] <= p.At.AddMinutes(-15));
            if (openingRoom is null) continue;
            var openEnd = p.At.AddMinutes(60);
            if (!Session(openingRoom, BookingPurpose.BidOpening, Math.Min(20, openingRoom.Capacity), p.At, openEnd)) continue;
            var evalStart = openEnd.AddMinutes(30);
            var evalRoom = evaluation.Where(r => freeAt[r.Id] <= evalStart.AddMinutes(-15)).OrderBy(_ => random.Next()).FirstOrDefault();
            if (evalRoom is not null)
                Session(evalRoom, BookingPurpose.Evaluation, Math.Min(5, evalRoom.EvaluationSeats), evalStart, evalStart.AddHours(2 + random.Next(0, 3)));

            bool Session(Room room, BookingPurpose purpose, int people, DateTimeOffset from, DateTimeOffset to)
            {
                if (to > now) return false;
                var booking = new RoomBooking(room, p.Id, p.Code, p.Name, p.Agency ?? p.Initiator, purpose, Math.Max(1, people),
                    from, to, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "system:demo-seed", from.AddDays(-10));
                booking.Confirm();
                booking.CheckIn(from.AddMinutes(-10));
                booking.Start(from.AddMinutes(random.Next(0, 5)));
                var late = random.NextDouble() < 0.12 ? random.Next(5, 50) : -random.Next(0, 15);
                var ended = to.AddMinutes(late);
                booking.End(ended);
                db.RoomBookings.Add(booking);
                freeAt[room.Id] = (ended > to ? ended : to).AddMinutes(15);
                added++;
                return true;
            }
        }
        return added;
    }

    private static ServiceType Pick(IReadOnlyList<ServiceType> types, Random random)
    {
        var total = types.Select((_, i) => TypeWeights[i % TypeWeights.Length]).Sum();
        var roll = random.Next(total);
        for (var i = 0; i < types.Count; i++)
        {
            roll -= TypeWeights[i % TypeWeights.Length];
            if (roll < 0) return types[i];
        }
        return types[^1];
    }
}

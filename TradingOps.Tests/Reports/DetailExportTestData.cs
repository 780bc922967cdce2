using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Reports;

/// <summary>
/// A generated month of floor and queue activity (plus a day either side, which no export of the month may show):
/// bookings ended late, early, running, no-shows, cancelled and unconfirmed; tickets waiting, served, no-shows and
/// green-channel ones; ratings of every level, bad ones with follow-ups open, contacted and closed. The tickets are
/// issued in one save and served in a second one by a signed-in clerk, so the audit trail knows who served them.
/// </summary>
internal static class DetailExportTestData
{
    public const string ClerkUserId = "clerk-user-1";
    public const string ClerkName = "王芳";
    /// <summary>How the clerk is credited on the tickets served (工号 / 姓名).</summary>
    public const string ClerkLabel = "E001 / 王芳";
    public static readonly Actor Clerk = Actor.User(ClerkUserId, "wangfang");

    public static async Task GenerateAsync(IServiceProvider services, DateOnly first, DateOnly last, int ticketsPerDay = 10, bool bookings = true,
        bool ratings = true)
    {
        var random = new Random(first.DayNumber);
        var days = Enumerable.Range(-1, last.DayNumber - first.DayNumber + 3).Select(first.AddDays).ToList();
        var typeIds = new List<(Guid Id, string Prefix)>();
        var windowIds = new List<Guid>();
        WindowClerk servedBy;
        await using (var db = await services.NewContextAsync())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var center = new Center("T", "测试中心", null);
            var hall = new Zone(center.Id, "公共服务区", ZoneKind.PublicService, "1F");
            var opening = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
            var evaluation = new Zone(center.Id, "评标区", ZoneKind.Evaluation, "3F");
            var k201 = new Room(opening.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
            var k202 = new Room(opening.Id, "K202", "第二开标室", RoomType.BidOpeningRoom, 60, 0);
            var p301 = new Room(evaluation.Id, "P301", "第一评标室", RoomType.EvaluationRoom, 11, 7);
            var a = new ServiceType("A", "项目登记受理", 1);
            var b = new ServiceType("B", "场地预约", 2);
            var windows = Enumerable.Range(1, 3).Select(n => new ServiceWindow(hall.Id, n, $"{n}号窗口", [a, b])).ToList();
            var clerk = new Staff("E001", ClerkName, "窗口服务部", null, null);
            clerk.LinkAccount(ClerkUserId);
            servedBy = WindowClerk.Of(clerk);
            var account = new TradingOps.Data.Identity.ApplicationUser
                { Id = ClerkUserId, UserName = "wangfang", NormalizedUserName = "WANGFANG", DisplayName = ClerkName };
            db.AddRange(account, center, hall, opening, evaluation, k201, k202, p301, a, b, clerk);
            db.AddRange(windows);
            typeIds.AddRange([(a.Id, a.Prefix), (b.Id, b.Prefix)]);
            windowIds.AddRange(windows.Select(w => w.Id));

            foreach (var day in days)
            {
                if (bookings)
                    db.AddRange(DayOfBookings(day, k201, k202, p301, random));
                var numbers = new Dictionary<Guid, int>();
                for (var i = 0; i < ticketsPerDay; i++)
                {
                    var (typeId, prefix) = typeIds[i % 2];
                    var number = numbers[typeId] = numbers.GetValueOrDefault(typeId) + 1;
                    var priority = i % 9 == 4;
                    db.Add(new QueueTicket(typeId, prefix, day, number, CenterTime.At(day, new TimeOnly(8, 30)).AddMinutes(i * 400.0 / ticketsPerDay),
                        i % 3 == 0 ? TicketChannel.Staff : TicketChannel.Kiosk, priority, priority ? "老年人，绿色通道" : null));
                }
            }
            await db.SaveChangesAsync();
        }

        // The clerk serves the day: call, serve or no-show, finish; visitors rate; bad ratings get followed up.
        var calendar = await services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync();
        await using (var db = await services.NewContextAsync())
        {
            var tickets = await db.QueueTickets.OrderBy(t => t.ServiceDate).ThenBy(t => t.IssuedAt).ToListAsync();
            var rated = 0;
            foreach (var ticket in tickets)
            {
                var roll = random.NextDouble();
                if (roll < 0.05) continue; // still waiting when the day closed
                var calledAt = ticket.IssuedAt.AddMinutes(1 + random.Next(0, 600) / 10.0);
                ticket.CallTo(windowIds[random.Next(windowIds.Count)], calledAt);
                if (roll < 0.13)
                {
                    ticket.MarkNoShow(calledAt.AddMinutes(3));
                    continue;
                }
                var servedAt = calledAt.AddSeconds(random.Next(20, 120));
                ticket.StartServing(servedAt, servedBy);
                var finishedAt = servedAt.AddMinutes(3 + random.Next(0, 120) / 10.0);
                ticket.Finish(random.NextDouble() < 0.8 ? ServiceOutcome.Completed : ServiceOutcome.IncompleteMaterials, null, finishedAt);
                if (!ratings || random.NextDouble() > 0.6) continue;
                var level = (RatingLevel)(rated++ % 5);
                var bad = SatisfactionRating.IsBad(level);
                var rating = new SatisfactionRating(ticket, level, bad ? ["等候时间长", "告知不清楚"] : null,
                    bad ? "排队太久" : rated % 4 == 0 ? "服务热情" : null, rated % 2 == 0 ? RatingChannel.Pad : RatingChannel.QrCode,
                    finishedAt.AddMinutes(1));
                db.Add(rating);
                if (rating.OpenFollowUp(calendar, 1, 15) is { } followUp)
                {
                    if (rated % 3 != 0) followUp.RecordContact("已电话回访，致歉并说明", rating.At.AddHours(3));
                    if (rated % 3 == 2) followUp.Close("已增开窗口，高峰时段加派人员", "科长", rating.At.AddDays(2));
                    db.Add(followUp);
                }
            }
            await db.SaveChangesAsync();
        }
    }

    private static IEnumerable<RoomBooking> DayOfBookings(DateOnly day, Room k201, Room k202, Room p301, Random random)
    {
        DateTimeOffset At(int hour, int minute = 0) => CenterTime.At(day, new TimeOnly(hour, minute));
        RoomBooking Book(Room room, BookingPurpose purpose, int people, int fromHour, int toHour, string code) =>
            new(room, null, $"GC-{day:yyyyMMdd}-{code}", $"示范工程第{code}标段施工", code == "03" ? null : "华信招标代理有限公司", purpose, people,
                At(fromHour), At(toHour), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "staff", At(fromHour).AddDays(-5));

        var late = Book(k201, BookingPurpose.BidOpening, 30, 9, 11, "01");
        late.Confirm();
        late.CheckIn(At(8, 45));
        late.Start(At(9, random.Next(0, 10)));
        late.End(At(11, 5 + random.Next(0, 40))); // ran past its booked end

        var early = Book(k202, BookingPurpose.BidOpening, 40, 14, 16, "02");
        early.Confirm();
        early.CheckIn(At(13, 50));
        early.Start(At(14, 5));
        early.End(At(15, random.Next(0, 50)));

        var running = Book(p301, BookingPurpose.Evaluation, 5, 9, 17, "03");
        running.Confirm();
        running.CheckIn(At(8, 40));
        running.Start(At(9, 0));

        var noShow = Book(k201, BookingPurpose.BidOpening, 20, 14, 15, "04");
        noShow.Confirm();
        noShow.MarkNoShow("代理机构未到场", At(15));

        var cancelled = Book(k202, BookingPurpose.BidOpening, 20, 9, 10, "05");
        cancelled.Cancel("项目延期", DateTimeOffset.UtcNow);

        var requested = Book(k201, BookingPurpose.BidOpening, 20, 16, 17, "06");
        return [late, early, running, noShow, cancelled, requested];
    }
}

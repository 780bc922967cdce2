using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Queue;
using TradingOps.Core.Statistics;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Infrastructure;
using TradingOps.Web.Reports;

namespace TradingOps.Tests.Statistics;

/// <summary>
/// The monthly and daily workbooks of a seeded month, read back from the xlsx: every sheet's totals agree with the
/// summary (and the daily workbook with its day's row of the monthly summary), figure by figure.
/// </summary>
[FullLane]
public sealed class FigureReconciliationTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    // 汇总 (monthly summary) columns.
    private const int SRegistered = 2, SAmount = 3, SOpenings = 4, SAccepted = 5, STickets = 6, SCalled = 7, SWait = 8, SServed = 10,
        SNoShows = 11, SNoShowRate = 12, SOpenHours = 13, SUsedHours = 14, SUtilization = 15, SRatings = 16, SSatisfied = 17, SRate = 18;

    // 窗口排队 (queue sheet) columns.
    private const int QTickets = 2, QCalled = 3, QNoShows = 4, QServed = 5, QWait = 6, QNoShowRate = 11;

    [Fact]
    public async Task Every_sheet_of_the_monthly_and_daily_workbooks_reconciles_with_the_summary()
    {
        var today = CenterTime.Today(TimeProvider.System);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var last = first.AddMonths(1).AddDays(-1);
        var calendar = await app.Services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync();
        await using (var db = await app.Services.NewContextAsync())
        {
            await OperationsHistorySeeder.SeedAsync(db, calendar, first, last, 40, 17, DateTimeOffset.UtcNow);
            await AddUnassignedTicketsAsync(db, first, last, calendar);
        }

        var day = Enumerable.Range(0, last.Day).Select(i => first.AddDays(i)).First(d => calendar.IsWorkingDay(d) && d.Day >= 10);
        byte[] monthlyFile, dailyFile;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test"));
            var reports = scope.ServiceProvider.GetRequiredService<OperationsReports>();
            monthlyFile = (await reports.GenerateMonthlyAsync(first)).Content;
            dailyFile = (await reports.GenerateDailyAsync(day)).Content;
        }

        await using var raw = await app.Services.NewContextAsync();
        var tickets = await raw.QueueTickets.Where(t => t.ServiceDate >= first && t.ServiceDate <= last).ToListAsync();
        var (start, end) = (CenterTime.At(first, TimeOnly.MinValue), CenterTime.At(last.AddDays(1), TimeOnly.MinValue));
        var levels = await raw.SatisfactionRatings.Where(r => r.At >= start && r.At < end).Select(r => r.Level).ToListAsync();
        Assert.True(tickets.Count(t => t.WindowId == null) >= 3, "the month holds tickets no window called");

        using var monthly = new XLWorkbook(new MemoryStream(monthlyFile));
        var summary = monthly.Worksheet("汇总");
        var s = summary.Row(last.Day + 2);
        Assert.Equal("合计", s.Cell(1).GetString());

        // The summary against the raw tickets and ratings: 取号数 is every ticket issued in the month.
        Assert.Equal(tickets.Count, Int(s, STickets));
        Assert.Equal(tickets.Count(t => t.FirstCalledAt != null), Int(s, SCalled));
        Assert.Equal(tickets.Count(t => t.Status == TicketStatus.NoShow), Int(s, SNoShows));
        Assert.Equal(tickets.Count(t => t.Status == TicketStatus.Finished), Int(s, SServed));
        Assert.Equal((double)Int(s, SNoShows) / Int(s, SCalled), Num(s, SNoShowRate), 9);
        Assert.Equal(levels.Count, Int(s, SRatings));
        Assert.Equal(levels.Count(l => l <= RatingLevel.Acceptable), Int(s, SSatisfied));
        Assert.Equal((double)Int(s, SSatisfied) / Int(s, SRatings), Num(s, SRate), 9);

        // 窗口排队: a row per window plus the unassigned tickets, adding up to the summary.
        var queues = monthly.Worksheet("窗口排队");
        var q = queues.Row(TotalsRow(queues));
        Assert.Contains(queues.Column(1).CellsUsed(), c => c.GetString() == QueueFigures.UnassignedWindow);
        Assert.Equal(Int(s, STickets), Int(q, QTickets));
        Assert.Equal(Int(s, SCalled), Int(q, QCalled));
        Assert.Equal(Int(s, SNoShows), Int(q, QNoShows));
        Assert.Equal(Int(s, SServed), Int(q, QServed));
        Assert.Equal(Num(s, SWait), Num(q, QWait), 6);
        Assert.Equal(Num(s, SNoShowRate), Num(q, QNoShowRate), 9);

        // 场地使用: the same hours, summed unrounded, shown alike.
        var rooms = monthly.Worksheet("场地使用");
        var r = rooms.Row(TotalsRow(rooms));
        AssertHours(Num(s, SOpenHours), Num(r, 4));
        AssertHours(Num(s, SUsedHours), Num(r, 6));
        Assert.Equal(Num(s, SUtilization), Num(r, 7), 9);
        Assert.True(Num(r, 6) > 10, "sessions were held");

        // 满意度 per window, clerk and service type: each sheet's totals are the summary's ratings and rate.
        var bad = 0;
        foreach (var name in new[] { "满意度", "满意度（人员）", "满意度（业务）" })
        {
            var sheet = monthly.Worksheet(name);
            var t = sheet.Row(TotalsRow(sheet));
            Assert.Equal(Int(s, SRatings), Int(t, 7));
            Assert.Equal(Int(s, SSatisfied), Int(t, 2) + Int(t, 3) + Int(t, 4));
            Assert.Equal(Num(s, SRate), Num(t, 8), 9);
            bad = Int(t, 5) + Int(t, 6);
        }
        var followUps = monthly.Worksheet("差评整改");
        Assert.Equal(bad, Int(followUps.Row(TotalsRow(followUps)), 2));
        Assert.Equal(levels.Count(SatisfactionRating.IsBad), bad);

        // 登记受理 and the ledger: the summary's registrations, amounts and acceptances.
        var categories = monthly.Worksheet("登记受理");
        var c = categories.Row(TotalsRow(categories));
        Assert.Equal(Int(s, SRegistered), Int(c, 2));
        Assert.Equal(Num(s, SAmount), Num(c, 3), 6);
        Assert.Equal(Int(s, SOpenings), Int(c, 4));
        Assert.Equal(Int(s, SAccepted), Int(c, 5));
        var ledger = monthly.Worksheet("项目登记台账");
        Assert.Equal(Int(s, SRegistered), Int(ledger.Row(TotalsRow(ledger)), 2));

        // The detail exports of the month: their totals are the summary's figures too.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var exports = scope.ServiceProvider.GetServices<IDetailReport>().ToDictionary(x => x.Key);
            async Task<IXLWorksheet> SheetOf(string key)
            {
                var stream = new MemoryStream();
                await exports[key].WriteAsync(stream, first, last, CancellationToken.None);
                stream.Position = 0;
                return new XLWorkbook(stream).Worksheets.First();
            }
            async Task<IXLRow> TotalsOf(string key)
            {
                var sheet = await SheetOf(key);
                return sheet.Row(TotalsRow(sheet));
            }
            var ticketDetail = await TotalsOf("tickets");
            Assert.Equal(Int(s, STickets), Int(ticketDetail, 2));
            Assert.Equal(Num(s, SWait), Num(ticketDetail, 12), 6);
            Assert.Equal(Num(q, 9), Num(ticketDetail, 13), 6); // 办理合计
            Assert.Equal(Int(s, SNoShows), Int(ticketDetail, 16));
            // The room detail lists every booking but the cancelled, each with its status; the statistics count the
            // sessions held (RoomBooking.SessionStatuses): its rows other than 待确认 and 爽约 add up to the summary.
            var roomSheet = await SheetOf("rooms");
            var held = roomSheet.Rows(2, TotalsRow(roomSheet) - 1).Where(x => x.Cell(17).GetString() is not ("待确认" or "爽约")).ToList();
            Assert.Equal(Int(r, 3), held.Count); // sessions
            AssertHours(Num(r, 5), held.Sum(x => Num(x, 13)));
            AssertHours(Num(s, SUsedHours), held.Sum(x => Num(x, 14)));
            Assert.Equal(Num(r, 10), held.Sum(x => Num(x, 16)), 6); // overrun minutes
            var ratingDetail = await TotalsOf("ratings");
            Assert.Equal(Int(s, SRatings), Int(ratingDetail, 2));
            Assert.Equal(bad, Int(ratingDetail, 7));
        }

        // The daily workbook of one day agrees with that day's row of the monthly summary.
        using var daily = new XLWorkbook(new MemoryStream(dailyFile));
        var d = summary.Row(day.Day + 1);
        Assert.Equal(day.ToDateTime(TimeOnly.MinValue), d.Cell(1).GetDateTime());
        var dq = daily.Worksheet("窗口排队");
        var dqt = dq.Row(TotalsRow(dq));
        Assert.Equal(tickets.Count(t => t.ServiceDate == day), Int(dqt, QTickets));
        Assert.Equal(Int(d, STickets), Int(dqt, QTickets));
        Assert.Equal(Int(d, SCalled), Int(dqt, QCalled));
        Assert.Equal(Int(d, SNoShows), Int(dqt, QNoShows));
        Assert.Equal(Int(d, SServed), Int(dqt, QServed));
        Assert.Equal(Num(d, SWait), Num(dqt, QWait), 6);
        Assert.Equal(Num(d, SNoShowRate), Num(dqt, QNoShowRate), 9);
        var dr = daily.Worksheet("场地使用");
        var drt = dr.Row(TotalsRow(dr));
        AssertHours(Num(d, SOpenHours), Num(drt, 4));
        AssertHours(Num(d, SUsedHours), Num(drt, 6));
        var dc = daily.Worksheet("分类统计");
        var dct = dc.Row(TotalsRow(dc));
        Assert.Equal(Int(d, SRegistered), Int(dct, 2));
        Assert.Equal(Num(d, SAmount), Num(dct, 3), 6);
        Assert.Equal(Int(d, SOpenings), Int(dct, 4));
        var registered = daily.Worksheet("当日登记项目");
        Assert.Equal(Int(d, SRegistered), Int(registered.Row(TotalsRow(registered)), 2));
        var openings = daily.Worksheet("开标安排");
        Assert.Equal(Int(d, SOpenings), TotalsRow(openings) - 2);
    }

    /// <summary>Visitors no window ever called: left waiting at closing time, or transferred and not called again.</summary>
    private static async Task AddUnassignedTicketsAsync(TradingOps.Data.TradingOpsDbContext db, DateOnly first, DateOnly last, WorkdayCalendar calendar)
    {
        var type = await db.ServiceTypes.OrderBy(t => t.SortOrder).FirstAsync();
        var window = await db.ServiceWindows.OrderBy(w => w.Number).FirstAsync();
        var days = Enumerable.Range(0, last.Day).Select(i => first.AddDays(i)).Where(calendar.IsWorkingDay).Take(3).ToList();
        var number = 950;
        foreach (var day in days)
        {
            var at = CenterTime.At(day, new TimeOnly(16, 50));
            var left = new QueueTicket(type.Id, type.Prefix, day, number++, at, TicketChannel.Kiosk);
            var transferred = new QueueTicket(type.Id, type.Prefix, day, number++, at, TicketChannel.Kiosk);
            transferred.CallTo(window.Id, at.AddMinutes(3));
            transferred.Transfer(type.Id, null, at.AddMinutes(5));
            foreach (var t in new[] { left, transferred }) { t.TakeEvents(); db.QueueTickets.Add(t); }
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Two hour totals: the same number (sums of the same measures), and the same when shown to 0.01 h.</summary>
    private static void AssertHours(double expected, double actual)
    {
        Assert.Equal(expected, actual, 6);
        Assert.Equal(Shown(expected), Shown(actual));
    }

    /// <summary>As a spreadsheet shows a value with two decimals (it reads doubles to 15 significant digits first).</summary>
    private static decimal Shown(double value) => decimal.Round(decimal.Round((decimal)value, 9), 2, MidpointRounding.AwayFromZero);

    private static int Int(IXLRow row, int column) => row.Cell(column).GetValue<int>();

    private static double Num(IXLRow row, int column) => row.Cell(column).GetValue<double>();

    private static int TotalsRow(IXLWorksheet sheet) =>
        sheet.Column(1).CellsUsed().First(c => c.GetString() == "合计").Address.RowNumber;
}

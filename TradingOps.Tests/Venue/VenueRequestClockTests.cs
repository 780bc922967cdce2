using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Venue;

namespace TradingOps.Tests.Venue;

/// <summary>Requests with clocks: due times on the 2026 holiday calendar, configurable per kind; the desk's queue order.</summary>
public sealed class VenueRequestClockTests
{
    private static readonly WorkdayCalendar Calendar2026 = Official2026();

    private static WorkdayCalendar Official2026()
    {
        var schedule = OfficialSchedule.Shipped().Single(s => s.Year == 2026);
        return new WorkdayCalendar(schedule.Days, [schedule.Year]);
    }

    internal static DateTimeOffset At(string local) => CenterTime.At(DateOnly.Parse(local[..10]), TimeOnly.Parse(local[11..]));

    private static string Local(DateTimeOffset instant) => CenterTime.ToLocal(instant).ToString("yyyy-MM-dd HH:mm");

    [Fact]
    public void A_change_request_received_at_1630_the_day_before_National_Day_is_due_1030_on_the_first_working_day_after_the_holiday()
    {
        // 3 working hours (Yunnan 5.3.5): 16:30-17:30 on 30 September, the holiday 1-7 October counts nothing, 08:30-10:30 on 8 October.
        var due = new VenueRequestOptions().DueAt(VenueRequestKind.Change, At("2026-09-30 16:30"), Calendar2026);
        Assert.Equal("2026-10-08 10:30", Local(due.At));
        Assert.False(due.Provisional);
    }

    [Fact]
    public void A_booking_request_received_on_the_holiday_starts_counting_on_the_first_working_morning()
    {
        var due = new VenueRequestOptions().DueAt(VenueRequestKind.Booking, At("2026-10-03 10:00"), Calendar2026);
        Assert.Equal("2026-10-08 11:30", Local(due.At));
    }

    [Fact]
    public void The_clock_is_configurable_per_kind_and_counts_across_lunch_and_the_holiday()
    {
        var options = new VenueRequestOptions { BookingWorkingHours = 8, ChangeWorkingHours = 3 };
        var received = At("2026-09-30 16:30");
        // 1 h on 30 September, then 08:30-12:00 (3.5 h) and 13:30-17:00 (3.5 h) on 8 October.
        Assert.Equal("2026-10-08 17:00", Local(options.DueAt(VenueRequestKind.Booking, received, Calendar2026).At));
        Assert.Equal("2026-10-08 10:30", Local(options.DueAt(VenueRequestKind.Change, received, Calendar2026).At));
        Assert.Equal(3, options.WorkingHoursFor(VenueRequestKind.Cancellation));
    }

    [Fact]
    public void The_presets_cite_Yunnan_for_bookings_and_changes()
    {
        Assert.Contains("5.3.3", VenueRequestOptions.SourceFor(VenueRequestKind.Booking));
        Assert.Contains("云南 5.3.5", VenueRequestOptions.SourceFor(VenueRequestKind.Change));
        Assert.True(new VenueRequestOptions().IsValid);
        Assert.False(new VenueRequestOptions { ChangeWorkingHours = 0 }.IsValid);
    }

    [Fact]
    public void A_deadline_counted_into_a_year_without_its_schedule_is_provisional()
    {
        var due = new VenueRequestOptions().DueAt(VenueRequestKind.Change, At("2026-12-31 16:30"), Calendar2026);
        Assert.True(due.Provisional);
        Assert.Equal("2027-01-01", Local(due.At)[..10]); // 1 January 2027 is only a weekday to a calendar without the 2027 schedule
    }

    [Fact]
    public void Under_an_hour_of_working_time_left_is_due_soon_even_when_the_night_lies_between()
    {
        var row = Row("A", At("2026-11-24 08:50"));
        var soon = TimeSpan.FromHours(1);
        // 17:00 → 08:50 next day: 30 min today and 20 min tomorrow of working time.
        Assert.Equal(RequestUrgency.DueSoon, row.UrgencyAt(At("2026-11-23 17:00"), Calendar2026, soon));
        Assert.Equal(RequestUrgency.OnTime, row.UrgencyAt(At("2026-11-23 15:00"), Calendar2026, soon));
        Assert.Equal(RequestUrgency.Overdue, row.UrgencyAt(At("2026-11-24 08:50"), Calendar2026, soon));
        Assert.Equal(RequestUrgency.OnTime, (row with { Status = VenueRequestStatus.Answered }).UrgencyAt(At("2026-11-25 08:50"), Calendar2026, soon));
    }

    [Fact]
    public void The_queue_puts_open_requests_by_time_left_with_the_most_overdue_first_and_closed_ones_last()
    {
        var rows = new[]
        {
            Row("LATER", At("2026-11-24 10:00")),
            Row("DONE", At("2026-11-20 10:00")) with { Status = VenueRequestStatus.Answered, AnsweredAt = At("2026-11-20 09:00") },
            Row("OVERDUE-LONG", At("2026-11-20 10:00")),
            Row("SOON", At("2026-11-23 11:00")),
            Row("OVERDUE", At("2026-11-23 09:00")),
        };
        Assert.Equal(["OVERDUE-LONG", "OVERDUE", "SOON", "LATER", "DONE"], VenueRequestRow.QueueOrder(rows).Select(r => r.ProjectCode));
    }

    [Fact]
    public void A_request_says_what_is_missing_in_Chinese()
    {
        var now = At("2026-11-23 10:00");
        var due = new Deadline(now.AddHours(3), false);
        var noTimes = Assert.Throws<DomainException>(() => New(VenueRequestKind.Booking, null, null, null, now, due));
        Assert.Contains("起止时间", noTimes.Message);
        var noBooking = Assert.Throws<DomainException>(() => New(VenueRequestKind.Change, now.AddDays(1), now.AddDays(1).AddHours(2), null, now, due));
        Assert.Contains("要变更的预约", noBooking.Message);
        var inverted = Assert.Throws<DomainException>(() => New(VenueRequestKind.Booking, now.AddDays(1), now.AddDays(1).AddHours(-1), null, now, due));
        Assert.Contains("结束时间必须晚于开始时间", inverted.Message);
        var past = Assert.Throws<DomainException>(() => New(VenueRequestKind.Booking, now.AddHours(-3), now.AddHours(-1), null, now, due));
        Assert.Contains("已经过去", past.Message);
    }

    [Fact]
    public void A_booking_request_is_answered_with_its_booking_and_cannot_be_answered_twice()
    {
        var now = At("2026-11-23 10:00");
        var request = New(VenueRequestKind.Booking, now.AddDays(1), now.AddDays(1).AddHours(2), null, now, new Deadline(now.AddHours(3), false));
        Assert.Throws<DomainException>(() => request.MarkAnswered(null, null, "李娜", now));
        var booking = Guid.NewGuid();
        request.MarkAnswered(booking, "已安排第一开标室", "李娜", now.AddHours(1));
        Assert.Equal(VenueRequestStatus.Answered, request.Status);
        Assert.Equal(booking, request.BookingId);
        var again = Assert.Throws<DomainException>(() => request.Refuse("重复", "李娜", now.AddHours(2)));
        Assert.Contains("已办结", again.Message);
        var refused = New(VenueRequestKind.Booking, now.AddDays(1), now.AddDays(1).AddHours(2), null, now, new Deadline(now.AddHours(3), false));
        Assert.Throws<DomainException>(() => refused.Refuse(" ", "李娜", now));
    }

    private static VenueRequest New(VenueRequestKind kind, DateTimeOffset? start, DateTimeOffset? end, Guid? booking, DateTimeOffset now, Deadline due) =>
        new(kind, VenueRequestSource.Desk, "GC-2026-0001", "示范工程施工", "华信招标代理有限公司", "王敏", "13800001111",
            BookingPurpose.BidOpening, 20, null, start, end, booking, null, "李娜", now, due);

    private static VenueRequestRow Row(string code, DateTimeOffset due) =>
        new(Guid.NewGuid(), VenueRequestKind.Booking, VenueRequestSource.Desk, VenueRequestStatus.Open, code, "项目", "代理", BookingPurpose.BidOpening,
            10, null, null, null, null, due.AddHours(-3), due, false, null);
}

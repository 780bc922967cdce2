using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Venue;

namespace TradingOps.Web.Venue;

/// <summary>How the queue and the wall show a request's clock, and where its row leads.</summary>
public static class RequestDisplay
{
    /// <summary>"剩余 1 小时 20 分钟（工作时间）" or "已超时 35 分钟".</summary>
    public static string Countdown(VenueRequestRow row, DateTimeOffset now, WorkdayCalendar calendar, IStringLocalizer<VenueResource> v)
    {
        if (!row.IsOpen) return v[$"ReqStatus.{row.Status}"];
        return now >= row.DueAt
            ? v["Req.Overdue", Duration(now - row.DueAt, v)]
            : v["Req.Left", Duration(calendar.WorkingTimeBetween(now, row.DueAt), v)];
    }

    public static string Duration(TimeSpan span, IStringLocalizer<VenueResource> v)
    {
        span = span.Duration();
        var hours = (int)span.TotalHours;
        return hours > 0 ? v["Req.HoursMinutes", hours, span.Minutes] : v["Req.Minutes", Math.Max(span.Minutes, span.Seconds > 0 ? 1 : 0)];
    }

    public static Color ColorOf(RequestUrgency urgency) => urgency switch
    {
        RequestUrgency.Overdue => Color.Error,
        RequestUrgency.DueSoon => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>The booking form prefilled with what a booking request asks (B's form: date, room, times).</summary>
    public static string BookLink(VenueRequestRow row)
    {
        var query = new List<string>();
        if (row.WantedStart is { } s)
        {
            var local = CenterTime.ToLocal(s);
            query.Add($"date={local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
            query.Add($"from={local.ToString("HH:mm", CultureInfo.InvariantCulture)}");
        }
        if (row.WantedEnd is { } e) query.Add($"until={CenterTime.ToLocal(e).ToString("HH:mm", CultureInfo.InvariantCulture)}");
        if (row.RoomId is { } room) query.Add($"room={room}");
        return query.Count == 0 ? "/floor/book" : $"/floor/book?{string.Join('&', query)}";
    }

    public static string BookingLink(Guid bookingId) => $"/venue/bookings/{bookingId}";

    /// <summary>"2026-12-11 09:00-11:30" or "—".</summary>
    public static string Wanted(VenueRequestRow row) =>
        row.WantedStart is { } s && row.WantedEnd is { } e ? Core.Notifications.BookingNotices.Slot(s, e) : "—";
}

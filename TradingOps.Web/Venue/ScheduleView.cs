using System.Globalization;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data.Floor;

namespace TradingOps.Web.Venue;

public enum ScheduleMode { Day, Week }

/// <summary>
/// What the schedule's URL says: <c>/venue/schedule?date=yyyy-MM-dd&amp;view=day|week&amp;zone=&amp;type=&amp;capacity=</c>,
/// read from the query and written back as the user moves, so a link shows the same grid to a colleague.
/// </summary>
public sealed record ScheduleAddress(DateOnly Date, ScheduleMode Mode, ScheduleFilter Filter)
{
    public const string Path = "/venue/schedule";
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Reads the query; <paramref name="badDate"/> is the date text that could not be read (today is shown instead).</summary>
    public static ScheduleAddress Parse(string? date, string? view, string? zone, string? type, string? capacity, DateOnly today, out string? badDate)
    {
        badDate = null;
        var day = today;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (DateOnly.TryParseExact(date.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) day = parsed;
            else badDate = date;
        }
        var mode = string.Equals(view, "week", StringComparison.OrdinalIgnoreCase) ? ScheduleMode.Week : ScheduleMode.Day;
        Guid? zoneId = Guid.TryParse(zone, out var z) ? z : null;
        RoomType? roomType = Enum.TryParse<RoomType>(type, ignoreCase: true, out var t) && Enum.IsDefined(t) ? t : null;
        int? min = int.TryParse(capacity, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0 ? Math.Min(c, Room.MaxCapacity) : null;
        return new ScheduleAddress(day, mode, new ScheduleFilter(zoneId, roomType, min));
    }

    public string Url
    {
        get
        {
            var parts = new List<string> { $"date={Date.ToString(DateFormat, CultureInfo.InvariantCulture)}", $"view={(Mode == ScheduleMode.Week ? "week" : "day")}" };
            if (Filter.ZoneId is { } zone) parts.Add($"zone={zone}");
            if (Filter.Type is { } type) parts.Add($"type={type}");
            if (Filter.MinCapacity is { } capacity) parts.Add($"capacity={capacity.ToString(CultureInfo.InvariantCulture)}");
            return $"{Path}?{string.Join('&', parts)}";
        }
    }

    /// <summary>The previous (−1) or next (+1) day or week.</summary>
    public ScheduleAddress Step(int direction) => this with { Date = Date.AddDays(direction * (Mode == ScheduleMode.Week ? 7 : 1)) };
}

/// <summary>Layout and links of the schedule grids (day and week), shared by both and by their tests.</summary>
public static class ScheduleView
{
    /// <summary>C's booking page: what a booking on the grid opens.</summary>
    public static string BookingUrl(Guid bookingId) => $"/venue/bookings/{bookingId}";

    /// <summary>B's booking form, prefilled with the day, the room and the times of the free cell.</summary>
    public static string BookUrl(DateOnly day, Guid roomId, DateTimeOffset from, DateTimeOffset until) =>
        $"/floor/book?date={day.ToString(ScheduleAddress.DateFormat, CultureInfo.InvariantCulture)}&room={roomId}" +
        $"&from={Fmt.Time(from)}&until={Fmt.Time(until)}";

    public static string CssClass(ScheduleShade shade) => shade switch
    {
        ScheduleShade.Requested => "s-requested",
        ScheduleShade.Confirmed => "s-confirmed",
        ScheduleShade.Changed => "s-changed",
        ScheduleShade.Extended => "s-extended",
        ScheduleShade.CheckedIn => "s-checkedin",
        ScheduleShade.InSession => "s-insession",
        ScheduleShade.Suspended => "s-suspended",
        ScheduleShade.Overrunning => "s-overrunning",
        _ => "s-completed",
    };

    /// <summary>The legend's order: the booking's life from request to completion.</summary>
    public static readonly IReadOnlyList<ScheduleShade> Legend = Enum.GetValues<ScheduleShade>();

    /// <summary>A position on a track running from <paramref name="from"/> to <paramref name="until"/>, in percent (clamped).</summary>
    public static double Percent(DateTimeOffset t, DateTimeOffset from, DateTimeOffset until) =>
        Math.Clamp((t - from).TotalMinutes / (until - from).TotalMinutes * 100, 0, 100);

    public static string Css(double percent) => percent.ToString("0.###", CultureInfo.InvariantCulture) + "%";

    /// <summary>"12月11日" / "Dec 11" as the culture writes a month and day.</summary>
    public static string MonthDay(DateOnly day) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh"
            ? $"{day.Month}月{day.Day}日"
            : day.ToString("MMM d", CultureInfo.CurrentUICulture);

    public static string WeekdayKey(DateOnly day) => $"Schedule.Weekday.{day.DayOfWeek}";
}

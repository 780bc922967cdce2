using TradingOps.Core.Floor;

namespace TradingOps.Web.Floor;

/// <summary>How states look on every floor screen: one colour and one Chinese word per state.</summary>
public static class FloorView
{
    public static string Color(RoomState state) => state switch
    {
        RoomState.Free => "#2e7d32",
        RoomState.Upcoming => "#1565c0",
        RoomState.InSession => "#6a1b9a",
        RoomState.Overrunning => "#c62828",
        RoomState.Suspended => "#b45309", // issue 22: white text on it reaches 4.5:1 (#ef6c00 gave 3.08)
        RoomState.Cleaning => "#00838f",
        _ => "#546e7a",
    };

    /// <summary>The Chinese default (the public feed and door plates are Chinese); screens localize via "State.*".</summary>
    public static string StateText(RoomState state) => state switch
    {
        RoomState.Free => "空闲",
        RoomState.Upcoming => "即将开始",
        RoomState.InSession => "进行中",
        RoomState.Overrunning => "超时",
        RoomState.Suspended => "暂停",
        RoomState.Cleaning => "清场中",
        _ => "停用",
    };

    /// <summary>
    /// What a public screen says of a booking whose project is withheld (a room of the evaluation area): its use
    /// and phase only. The resource key ("Withheld.*") for screens; <see cref="WithheldUseText"/> is the Chinese default.
    /// </summary>
    public static string WithheldKey(ShownBooking booking) => booking.Phase switch
    {
        SessionPhase.InSession or SessionPhase.Suspended => "Withheld.InUse",
        SessionPhase.Ended => "Withheld.Ended",
        _ => "Withheld.Booked",
    };

    public static string WithheldUseText(ShownBooking booking) => WithheldKey(booking) switch
    {
        "Withheld.InUse" => "评标使用中",
        "Withheld.Ended" => "评标已结束",
        _ => "评标已预约",
    };

    public static string Duration(TimeSpan? span)
    {
        if (span is not { } s) return "—";
        var sign = s < TimeSpan.Zero ? "-" : "";
        s = s.Duration();
        return s.TotalHours >= 1 ? $"{sign}{(int)s.TotalHours}:{s.Minutes:00}:{s.Seconds:00}" : $"{sign}{s.Minutes}:{s.Seconds:00}";
    }
}

public static class TimelineWindow
{
    /// <summary>Twelve hours around now, on whole hours: four behind, eight ahead.</summary>
    public static (DateTimeOffset From, DateTimeOffset Until) Around(DateTimeOffset now)
    {
        var hour = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        return (hour.AddHours(-4), hour.AddHours(8));
    }
}

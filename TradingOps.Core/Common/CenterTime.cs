namespace TradingOps.Core.Common;

/// <summary>Instants are stored in UTC; the center works and shows times in Asia/Shanghai.</summary>
public static class CenterTime
{
    public const string TimeZoneId = "Asia/Shanghai";

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow()).DateTime);

    /// <summary>The instant at which the given local wall-clock time happens in the center.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>[start, end) of a local calendar day as UTC instants.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) DayBounds(DateOnly date) =>
        (At(date, TimeOnly.MinValue), At(date.AddDays(1), TimeOnly.MinValue));
}

using System.Globalization;
using TradingOps.Core.Common;

namespace TradingOps.Core.Facilities;

/// <summary>
/// 报修单号: "GZ-" + the center-local day it was reported + "-" + a three-digit serial within that day
/// (GZ-20261204-001). One format, one generator: the fault service asks <see cref="Next"/> for the day's next number.
/// </summary>
public readonly record struct FaultNumber(DateOnly Day, int Serial)
{
    public const string Prefix = "GZ";
    public const int MaxSerial = 999;

    public override string ToString() => $"{DayPrefix(Day)}{Serial:D3}";

    /// <summary>"GZ-20261204-": every number of the day starts with it (the service reads the day's numbers by it).</summary>
    public static string DayPrefix(DateOnly day) => $"{Prefix}-{day:yyyyMMdd}-";

    /// <summary>The number after the day's numbers already given (none: serial 1).</summary>
    public static FaultNumber Next(DateOnly day, IEnumerable<string> numbersOfDay)
    {
        var last = numbersOfDay.Select(n => TryParse(n, out var f) && f.Day == day ? f.Serial : 0).DefaultIfEmpty(0).Max();
        if (last >= MaxSerial)
            throw new DomainException("Fault.NumbersExhausted", $"{day:yyyy-MM-dd} 的报修单号已用完");
        return new(day, last + 1);
    }

    /// <summary>The local day a fault reported at <paramref name="at"/> is numbered under.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(CenterTime.ToLocal(at).DateTime);

    public static bool TryParse(string? text, out FaultNumber number)
    {
        number = default;
        if (text is not { Length: 15 } || !text.StartsWith(Prefix + "-", StringComparison.Ordinal) || text[11] != '-') return false;
        if (!DateOnly.TryParseExact(text.AsSpan(3, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return false;
        if (!int.TryParse(text.AsSpan(12, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var serial) || serial < 1) return false;
        number = new(day, serial);
        return true;
    }
}

using System.Globalization;
using TradingOps.Core.Common;

namespace TradingOps.Web;

/// <summary>Every time on screen is Asia/Shanghai, whatever the server's or browser's zone.</summary>
public static class Fmt
{
    public static string Full(DateTimeOffset instant) => CenterTime.ToLocal(instant).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    public static string Minute(DateTimeOffset instant) => CenterTime.ToLocal(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    public static string Minute(DateTimeOffset? instant) => instant is { } i ? Minute(i) : "—";
    public static string Time(DateTimeOffset instant) => CenterTime.ToLocal(instant).ToString("HH:mm", CultureInfo.InvariantCulture);
    public static string Seconds(DateTimeOffset instant) => CenterTime.ToLocal(instant).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Amounts in 万元 (ten-thousand yuan), as trading centers report them.</summary>
    public static string TenThousandYuan(decimal yuan) => (yuan / 10_000m).ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>Large totals in 亿元 (hundred-million yuan).</summary>
    public static string HundredMillionYuan(decimal yuan) => (yuan / 100_000_000m).ToString("#,0.00", CultureInfo.InvariantCulture);
}

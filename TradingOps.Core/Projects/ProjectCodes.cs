using System.Text.RegularExpressions;
using TradingOps.Core.Common;

namespace TradingOps.Core.Projects;

/// <summary>
/// 项目编号: the one format of every project code the system makes, {category}-{yyyyMM}-{nnnn} — the trading
/// category's letters (GC 工程建设, ZC 政府采购, TD 土地矿业权, CQ 国有产权, YP 药品耗材, QT 其他), the month of registration
/// in center time, and the project's number within that category and month from 0001. E.g. GC-202612-0007.
/// A registration accepted at the desk and the demo center's projects both take their codes here.
/// </summary>
public static partial class ProjectCodes
{
    public static string Prefix(TradingCategory category) => category switch
    {
        TradingCategory.Engineering => "GC",
        TradingCategory.GovernmentProcurement => "ZC",
        TradingCategory.LandAndMiningRights => "TD",
        TradingCategory.StateAssets => "CQ",
        TradingCategory.MedicalProcurement => "YP",
        _ => "QT",
    };

    /// <summary>The series a project belongs to: "GC-202612-" (category and month of registration).</summary>
    public static string Series(TradingCategory category, DateTimeOffset registeredAt) =>
        $"{Prefix(category)}-{CenterTime.ToLocal(registeredAt):yyyyMM}-";

    /// <summary>The code of the <paramref name="number"/>th project of its series.</summary>
    public static string Format(TradingCategory category, DateTimeOffset registeredAt, int number) =>
        number is < 1 or > 9999
            ? throw new DomainException("ProjectCode.SeriesFull", $"{Series(category, registeredAt)}：本月该类项目编号已用完")
            : Series(category, registeredAt) + number.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The number of a code within its series ("GC-202612-0007" → 7); null when the code is not in this format.</summary>
    public static int? NumberOf(string code) =>
        Pattern().Match(code ?? "") is { Success: true } m ? int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The next number of each series after the codes already given (codes in other formats are ignored).</summary>
    public static Dictionary<string, int> LastNumbers(IEnumerable<string> codes)
    {
        var last = new Dictionary<string, int>();
        foreach (var code in codes)
            if (NumberOf(code) is { } n)
            {
                var series = code[..^4];
                last[series] = Math.Max(last.GetValueOrDefault(series), n);
            }
        return last;
    }

    /// <summary>Takes the next code of the series from <paramref name="last"/> (the last number used per series) and records it.</summary>
    public static string Next(TradingCategory category, DateTimeOffset registeredAt, Dictionary<string, int> last)
    {
        var series = Series(category, registeredAt);
        var number = last[series] = last.GetValueOrDefault(series) + 1;
        return Format(category, registeredAt, number);
    }

    [GeneratedRegex(@"^(GC|ZC|TD|CQ|YP|QT)-\d{6}-(?<n>\d{4})$")]
    private static partial Regex Pattern();
}

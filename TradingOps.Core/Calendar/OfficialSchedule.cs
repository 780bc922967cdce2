using System.Text.Json;
using System.Text.Json.Serialization;
using TradingOps.Core.Common;

namespace TradingOps.Core.Calendar;

/// <summary>
/// The State Council's yearly holiday schedule in the shipped JSON form
/// (holidays as from/to ranges, adjusted workdays as single dates).
/// </summary>
public sealed record OfficialSchedule(int Year, string Source, IReadOnlyList<CalendarDay> Days)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every schedule shipped inside this assembly (cn-workday-calendar-YYYY.json).</summary>
    public static IReadOnlyList<OfficialSchedule> Shipped()
    {
        var assembly = typeof(OfficialSchedule).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains("cn-workday-calendar-", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order()
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return Parse(stream);
            })
            .ToArray();
    }

    public static OfficialSchedule Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize<ScheduleFile>(json, Json)
                   ?? throw new DomainException("Calendar.Empty", "节假日文件为空");
        var days = new Dictionary<DateOnly, CalendarDay>();
        foreach (var holiday in file.Holidays)
        {
            if (holiday.To < holiday.From)
                throw new DomainException("Calendar.Range", $"{holiday.Name} 的结束日期早于开始日期");
            for (var d = holiday.From; d <= holiday.To; d = d.AddDays(1))
                days[d] = new CalendarDay(d, CalendarDayKind.Holiday, holiday.Name);
        }
        foreach (var workday in file.AdjustedWorkdays)
        {
            if (days.ContainsKey(workday.Date))
                throw new DomainException("Calendar.Conflict", $"{workday.Date:yyyy-MM-dd} 同时被列为节假日和调休上班日");
            days[workday.Date] = new CalendarDay(workday.Date, CalendarDayKind.AdjustedWorkday, $"{workday.For}调休");
        }
        if (days.Keys.Any(d => d.Year != file.Year))
            throw new DomainException("Calendar.Year", $"节假日文件中含有不属于 {file.Year} 年的日期");
        return new OfficialSchedule(file.Year, file.Source, days.Values.OrderBy(d => d.Date).ToArray());
    }

    private sealed record ScheduleFile(
        int Year,
        string Source,
        IReadOnlyList<HolidayRange> Holidays,
        IReadOnlyList<AdjustedWorkday> AdjustedWorkdays);

    private sealed record HolidayRange(string Name, DateOnly From, DateOnly To);

    private sealed record AdjustedWorkday(DateOnly Date, [property: JsonPropertyName("for")] string For);
}

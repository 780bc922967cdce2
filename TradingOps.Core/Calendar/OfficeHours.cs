using System.Globalization;
using TradingOps.Core.Common;

namespace TradingOps.Core.Calendar;

public readonly record struct OfficePeriod(TimeOnly Start, TimeOnly End)
{
    public TimeSpan Length => End - Start;
}

/// <summary>The office periods of a working day, in center local time (default 08:30-12:00, 13:30-17:30).</summary>
public sealed class OfficeHours
{
    public const string DefaultText = "08:30-12:00,13:30-17:30";

    public OfficeHours(IEnumerable<OfficePeriod> periods)
    {
        Periods = periods.OrderBy(p => p.Start).ToArray();
        if (Periods.Count == 0)
            throw new DomainException("OfficeHours.Empty", "办公时间至少需要一个时段");
        for (var i = 0; i < Periods.Count; i++)
        {
            if (Periods[i].End <= Periods[i].Start)
                throw new DomainException("OfficeHours.Inverted", $"办公时段 {Periods[i].Start:HH\\:mm}-{Periods[i].End:HH\\:mm} 的结束时间必须晚于开始时间");
            if (i > 0 && Periods[i].Start < Periods[i - 1].End)
                throw new DomainException("OfficeHours.Overlap", "办公时段不能重叠");
        }
    }

    public IReadOnlyList<OfficePeriod> Periods { get; }

    public TimeSpan PerDay => Periods.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Length);

    public TimeOnly Close => Periods[^1].End;

    public static OfficeHours Default { get; } = Parse(DefaultText);

    /// <summary>Parses "08:30-12:00,13:30-17:30".</summary>
    public static OfficeHours Parse(string text)
    {
        var periods = new List<OfficePeriod>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length != 2
                || !TimeOnly.TryParseExact(bounds[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(bounds[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
                throw new DomainException("OfficeHours.Format", $"办公时间格式应为 08:30-12:00,13:30-17:30，无法识别“{part}”");
            periods.Add(new OfficePeriod(start, end));
        }
        return new OfficeHours(periods);
    }

    public override string ToString() =>
        string.Join(",", Periods.Select(p => $"{p.Start:HH\\:mm}-{p.End:HH\\:mm}"));
}

using TradingOps.Core.Common;
using TradingOps.Core.Queue;

namespace TradingOps.Core.Statistics;

/// <summary>The periods results are given for: a day, a week (Monday to Sunday) or a calendar month.</summary>
public enum PeriodKind { Day, Week, Month }

/// <summary>One period [Start, End] (local center days, both inclusive).</summary>
public readonly record struct Period(PeriodKind Kind, DateOnly Start, DateOnly End)
{
    /// <summary>The period of this kind that contains <paramref name="day"/>.</summary>
    public static Period Containing(PeriodKind kind, DateOnly day) => kind switch
    {
        PeriodKind.Day => new(kind, day, day),
        PeriodKind.Week => new(kind, day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), day.AddDays(-(((int)day.DayOfWeek + 6) % 7) + 6)),
        _ => new(kind, new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1)),
    };

    /// <summary>
    /// The comparison period (上期 / 上期同期), the one rule for every page and workbook that compares: a whole period is
    /// compared with the whole period of the same kind just before it; a period still running (month-to-date,
    /// week-to-date, <see cref="Through"/>) with the SAME DAYS of the period before — its first day up to the same
    /// day-of-month (day-of-week), clipped to that period's length: Dec 1–4 against Nov 1–4, Mar 1–30 against
    /// Feb 1–28. Comparing a few days with a whole month is what made −88.8% out of an ordinary month.
    /// </summary>
    public Period Previous
    {
        get
        {
            var whole = Containing(Kind, Start.AddDays(-1));
            if (IsWhole) return whole;
            var end = whole.Start.AddDays(Days - 1);
            return whole with { End = end < whole.End ? end : whole.End };
        }
    }

    /// <summary>The period runs from its first to its last day (not cut off at today by <see cref="Through"/>).</summary>
    public bool IsWhole => End == Containing(Kind, Start).End;

    /// <summary>
    /// The period as far as <paramref name="today"/>: a period that has begun but not ended stops today (本月至今, 本周至今),
    /// so that it is compared with the same days of the period before (<see cref="Previous"/>); a past or future period
    /// is unchanged.
    /// </summary>
    public Period Through(DateOnly today) => Start <= today && today < End ? this with { End = today } : this;

    /// <summary>"11-01～11-04": the days of the period, for "较上月同期 11-01～11-04".</summary>
    public string DayRange => $"{Start:MM-dd}～{End:MM-dd}";

    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>2026-11-20 / 2026年第47周（11-16 至 11-22）/ 2026年11月.</summary>
    public string Label => Kind switch
    {
        PeriodKind.Day => $"{Start:yyyy-MM-dd}",
        PeriodKind.Month when !IsWhole => $"{Start:yyyy年M月d日}至{End:d日}",
        PeriodKind.Week => $"{Start:yyyy年M月d日}至{End:M月d日}",
        _ => $"{Start:yyyy年M月}",
    };
}

/// <summary>How many ratings of each of the five levels (好差评, national 10.5).</summary>
public readonly record struct LevelCounts(int VerySatisfied, int Satisfied, int Acceptable, int Dissatisfied, int VeryDissatisfied)
{
    public int Total => VerySatisfied + Satisfied + Acceptable + Dissatisfied + VeryDissatisfied;

    /// <summary>非常满意 + 满意 + 基本满意.</summary>
    public int SatisfiedTotal => VerySatisfied + Satisfied + Acceptable;

    /// <summary>不满意 + 非常不满意: the bad ratings that need a follow-up.</summary>
    public int Bad => Dissatisfied + VeryDissatisfied;

    public int this[RatingLevel level] => level switch
    {
        RatingLevel.VerySatisfied => VerySatisfied,
        RatingLevel.Satisfied => Satisfied,
        RatingLevel.Acceptable => Acceptable,
        RatingLevel.Dissatisfied => Dissatisfied,
        _ => VeryDissatisfied,
    };

    public static LevelCounts Of(IEnumerable<RatingLevel> levels)
    {
        int[] n = new int[5];
        foreach (var level in levels) n[(int)level]++;
        return new(n[0], n[1], n[2], n[3], n[4]);
    }

    public static LevelCounts operator +(LevelCounts a, LevelCounts b) => new(a.VerySatisfied + b.VerySatisfied,
        a.Satisfied + b.Satisfied, a.Acceptable + b.Acceptable, a.Dissatisfied + b.Dissatisfied, a.VeryDissatisfied + b.VeryDissatisfied);

    /// <summary>The satisfaction rate as a fraction (0..1), or null when nobody rated: no ratings is no result, not 0%.</summary>
    public decimal? Rate => SatisfactionRules.Rate(this);
}

/// <summary>Where a bad rating's follow-up (差评整改) stands at a given moment.</summary>
public enum FollowUpState { Open, Overdue, Closed }

/// <summary>The satisfaction results' rules, one definition for the job, the pages, the workbooks and the public page.</summary>
public static class SatisfactionRules
{
    /// <summary>Stated on every screen and sheet that shows a rate.</summary>
    public const string Formula = "满意率 = （非常满意 + 满意 + 基本满意）÷ 评价总数 × 100%";

    /// <summary>Shown instead of a rate when there are no ratings.</summary>
    public const string NoRate = "—";

    /// <summary>
    /// 满意率 = (非常满意 + 满意 + 基本满意) ÷ 评价总数, as a fraction; null without ratings. The one definition for the
    /// wall's and live KPIs' satisfied share, the job, the pages, the public disclosure and the workbooks (好差评:
    /// national 10.5, Liaoning 12.2.2, Yunnan 9.3; none of them fixes which levels count, this is the center's rule).
    /// </summary>
    public static decimal? Rate(LevelCounts counts) =>
        counts.Total == 0 ? null : (decimal)counts.SatisfiedTotal / counts.Total;

    /// <summary>"96.3%", or "—" when there are no ratings (never "0%" or "NaN").</summary>
    public static string RateText(decimal? rate) =>
        rate is { } r ? (r * 100m).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : NoRate;

    /// <summary>
    /// 差评 (不满意 or 非常不满意, <see cref="SatisfactionRating.IsBad"/>) for a database query: the bad ratings that need a
    /// follow-up (national 10.5, Yunnan 9.3).
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<SatisfactionRating, bool>> BadRating =
        r => r.Level == RatingLevel.Dissatisfied || r.Level == RatingLevel.VeryDissatisfied;

    /// <summary>Closed once closed; overdue when not contacted by the contact deadline or not closed by the resolve deadline.</summary>
    public static FollowUpState StateOf(RatingFollowUp followUp, DateTimeOffset now) =>
        followUp.IsClosed ? FollowUpState.Closed
        : followUp.ContactOverdue(now) || followUp.ResolveOverdue(now) ? FollowUpState.Overdue
        : FollowUpState.Open;

    public static string StateText(FollowUpState state) => state switch
    {
        FollowUpState.Open => "处理中",
        FollowUpState.Overdue => "已超期",
        _ => "已办结",
    };

    /// <summary>The daily metric name that counts ratings of a level.</summary>
    public static string MetricOf(RatingLevel level) => level switch
    {
        RatingLevel.VerySatisfied => Metrics.RatingsVerySatisfied,
        RatingLevel.Satisfied => Metrics.RatingsSatisfied,
        RatingLevel.Acceptable => Metrics.RatingsAcceptable,
        RatingLevel.Dissatisfied => Metrics.RatingsDissatisfied,
        _ => Metrics.RatingsVeryDissatisfied,
    };

    public static readonly IReadOnlyList<RatingLevel> Levels = Enum.GetValues<RatingLevel>();
}

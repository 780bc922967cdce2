using System.Text;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;

namespace TradingOps.Core.Venue;

/// <summary>What goes into the agency discipline ledger (爽约台账).</summary>
public enum DisciplineKind
{
    NoShow,           // 爽约
    LateCancellation, // 临时取消
    Overrun,          // 超时使用
}

/// <summary>What a rule does once triggered.</summary>
public enum DisciplineConsequence
{
    Warning,          // 提醒
    ApprovalRequired, // 新预约须主管审批
}

/// <summary>The agency's standing: good, warned, or its new bookings need a supervisor's approval until a date.</summary>
public enum StandingLevel { Good, Warned, ApprovalRequired }

/// <summary>"<see cref="Count"/> entries of a kind within <see cref="WithinMonths"/> months → <see cref="Consequence"/> for <see cref="ForMonths"/> months."</summary>
public sealed class DisciplineRule
{
    public bool Enabled { get; set; } = true;
    public int Count { get; set; } = 3;
    public int WithinMonths { get; set; } = 3;
    public DisciplineConsequence Consequence { get; set; } = DisciplineConsequence.Warning;
    public int ForMonths { get; set; } = 3;

    public bool IsValid => Count is >= 1 and <= 100 && WithinMonths is >= 1 and <= 24 && ForMonths is >= 1 and <= 24;
}

/// <summary>
/// The ledger's settings (<c>Venue:Discipline</c>): what counts as a late cancellation and an overrun, and one rule
/// per kind. Presets are the center's own policy (no standard sets them): 3 no-shows in 3 months → new bookings
/// need a supervisor's approval for 3 months; 3 late cancellations in 3 months → the same; 3 overruns in 3 months → a warning.
/// </summary>
public sealed class DisciplineOptions
{
    public const string Section = "Venue:Discipline";

    /// <summary>A cancellation less than this many hours before the booked start is late.</summary>
    public int LateCancellationHours { get; set; } = 24;

    /// <summary>A session ending more than this many minutes after the booked end overran.</summary>
    public int OverrunToleranceMinutes { get; set; } = 15;

    public DisciplineRule NoShow { get; set; } = new() { Count = 3, WithinMonths = 3, Consequence = DisciplineConsequence.ApprovalRequired, ForMonths = 3 };
    public DisciplineRule LateCancellation { get; set; } = new() { Count = 3, WithinMonths = 3, Consequence = DisciplineConsequence.ApprovalRequired, ForMonths = 3 };
    public DisciplineRule Overrun { get; set; } = new() { Count = 3, WithinMonths = 3, Consequence = DisciplineConsequence.Warning, ForMonths = 3 };

    public DisciplineRule RuleFor(DisciplineKind kind) => kind switch
    {
        DisciplineKind.NoShow => NoShow,
        DisciplineKind.LateCancellation => LateCancellation,
        _ => Overrun,
    };

    public bool IsValid => LateCancellationHours is >= 0 and <= 240 && OverrunToleranceMinutes is >= 0 and <= 240
                           && NoShow.IsValid && LateCancellation.IsValid && Overrun.IsValid;

    /// <summary>The longest look-back any rule needs (its window plus how long its consequence lasts), in months.</summary>
    public int LookBackMonths => new[] { NoShow, LateCancellation, Overrun }.Max(r => r.WithinMonths + r.ForMonths);
}

/// <summary>The booking facts the ledger reads (one projection of <see cref="RoomBooking"/>).</summary>
public sealed record BookingFacts(Guid Id, string? Agency, string ProjectCode, string ProjectName, BookingStatus Status,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? ClosedAt, DateTimeOffset? EndedAt, string? StatusReason);

/// <summary>One line of the ledger: a booking and what the agency did wrong, when.</summary>
public sealed record DisciplineEntry(Guid BookingId, string Agency, DisciplineKind Kind, DateTimeOffset At, string ProjectCode,
    string ProjectName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Detail);

/// <summary>The agency's standing and why: the rule that set it and the entries that triggered it.</summary>
public sealed record AgencyStandingResult(string Agency, StandingLevel Level, DateTimeOffset? Until, DisciplineKind? Kind,
    string? Rule, IReadOnlyList<DisciplineEntry> Triggers)
{
    public bool RequiresApproval => Level == StandingLevel.ApprovalRequired;

    public static AgencyStandingResult Good(string agency) => new(agency, StandingLevel.Good, null, null, null, []);

    /// <summary>What the clerk is told when a booking of this agency needs a supervisor.</summary>
    public string ApprovalMessage =>
        $"代理机构“{Agency}”{Rule}，{Until.Format()} 前新预约须经主管审批确认";
}

/// <summary>
/// 代理机构爽约台账: the one home of what counts (no-show, late cancellation, overrun), how agency names are matched,
/// and how the rules turn the entries into a standing.
/// </summary>
public static class AgencyDiscipline
{
    /// <summary>
    /// The agency's name as the ledger groups it: full-width characters folded to half-width (letters, digits,
    /// brackets), every kind of space removed, so "某某招标代理 有限公司（北京）" and "某某招标代理有限公司(北京)" are one agency.
    /// </summary>
    public static string? Normalize(string? agency)
    {
        if (PlainText.IsBlank(agency)) return null;
        var sb = new StringBuilder(agency.Length);
        foreach (var c in agency)
        {
            if (char.IsWhiteSpace(c) || c == '\u3000' || PlainText.IsInvisible(c)) continue;
            sb.Append(c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c);
        }
        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>What the booking puts in the ledger, if anything.</summary>
    public static DisciplineEntry? EntryOf(BookingFacts b, DisciplineOptions o)
    {
        if (Normalize(b.Agency) is not { } agency) return null;
        switch (b.Status)
        {
            case BookingStatus.NoShow:
                return new(b.Id, agency, DisciplineKind.NoShow, b.ClosedAt ?? b.StartsAt, b.ProjectCode, b.ProjectName, b.StartsAt, b.EndsAt,
                    b.StatusReason ?? "未到场");
            case BookingStatus.Cancelled when b.ClosedAt is { } closed && closed > b.StartsAt.AddHours(-o.LateCancellationHours):
                var before = b.StartsAt - closed;
                return new(b.Id, agency, DisciplineKind.LateCancellation, closed, b.ProjectCode, b.ProjectName, b.StartsAt, b.EndsAt,
                    before > TimeSpan.Zero ? $"开始前 {Hours(before)} 取消：{b.StatusReason}" : $"开始后取消：{b.StatusReason}");
            case BookingStatus.Completed when b.EndedAt is { } ended && ended > b.EndsAt.AddMinutes(o.OverrunToleranceMinutes):
                return new(b.Id, agency, DisciplineKind.Overrun, ended, b.ProjectCode, b.ProjectName, b.StartsAt, b.EndsAt,
                    $"超出预约结束时间 {Hours(ended - b.EndsAt)}");
            default:
                return null;
        }
    }

    public static IReadOnlyList<DisciplineEntry> Entries(IEnumerable<BookingFacts> bookings, DisciplineOptions o) =>
        bookings.Select(b => EntryOf(b, o)).OfType<DisciplineEntry>().OrderBy(e => e.At).ToList();

    /// <summary>
    /// The agency's standing at <paramref name="now"/> from its entries: for each kind's rule, the last time the rule
    /// was met (<c>Count</c> entries within <c>WithinMonths</c> months, the later entry at that time), in force for
    /// <c>ForMonths</c> months after. An approval in force beats a warning; of two, the one lasting longer wins.
    /// </summary>
    public static AgencyStandingResult Standing(string agency, IEnumerable<DisciplineEntry> entries, DisciplineOptions o, DateTimeOffset now)
    {
        var name = Normalize(agency) ?? agency;
        AgencyStandingResult best = AgencyStandingResult.Good(name);
        foreach (var kind in Enum.GetValues<DisciplineKind>())
        {
            var rule = o.RuleFor(kind);
            if (!rule.Enabled) continue;
            var list = entries.Where(e => e.Kind == kind && e.At <= now && Normalize(e.Agency) == name).OrderBy(e => e.At).ToList();
            for (var i = list.Count - 1; i >= rule.Count - 1; i--)
            {
                var first = list[i - rule.Count + 1];
                if (first.At <= list[i].At.AddMonths(-rule.WithinMonths)) continue; // not within the window
                var until = list[i].At.AddMonths(rule.ForMonths);
                if (until <= now) break; // earlier triggers end earlier still
                var level = rule.Consequence == DisciplineConsequence.ApprovalRequired ? StandingLevel.ApprovalRequired : StandingLevel.Warned;
                var candidate = new AgencyStandingResult(name, level, until, kind, Describe(kind, rule),
                    list.Where(e => e.At > list[i].At.AddMonths(-rule.WithinMonths) && e.At <= list[i].At).ToList());
                if (level > best.Level || (level == best.Level && until > best.Until)) best = candidate;
                break;
            }
        }
        return best;
    }

    /// <summary>"3 个月内爽约 3 次" (the rule as the screens and messages name it).</summary>
    public static string Describe(DisciplineKind kind, DisciplineRule rule) =>
        $"{rule.WithinMonths} 个月内{KindName(kind)} {rule.Count} 次";

    public static string KindName(DisciplineKind kind) => kind switch
    {
        DisciplineKind.NoShow => "爽约",
        DisciplineKind.LateCancellation => "临时取消",
        _ => "超时使用",
    };

    private static string Hours(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours} 小时 {span.Minutes} 分钟" : $"{Math.Max(1, (int)Math.Round(span.TotalMinutes))} 分钟";

    internal static string Format(this DateTimeOffset? at) => at is { } t ? $"{CenterTime.ToLocal(t):yyyy-MM-dd}" : "";
}

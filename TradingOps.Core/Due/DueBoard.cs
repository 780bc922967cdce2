using TradingOps.Core.Calendar;
using TradingOps.Core.Registrations;

namespace TradingOps.Core.Due;

/// <summary>What the board of everything due lists: each kind is a feature with its own clock.</summary>
public enum DueKind
{
    RatingFollowUp,   // 差评回访整改: contact, then resolve, on working days
    Case,             // 异议/投诉/举报/服务投诉: the center's forwarding clock, then the responsible party's legal clock
    MisconductReport, // 不良行为：向监督部门报告
    IncidentReport,   // 异常事件：向监督部门报告
    VenueRequest,     // 场地预约/变更/取消申请
    Registration,     // 进场登记：待中心办结，或待代理机构补正（一次性告知后 / 容缺材料）
}

/// <summary>How close an item is to its due time.</summary>
public enum DueUrgency { Overdue, DueSoon, OnTime, NoDeadline }

/// <summary>
/// One thing someone owes, as the board shows it. No personal data: <see cref="Title"/> is a project name, a category
/// or a service, never who raised, rated or reported anything. <see cref="Owner"/> is a user name (null: nobody has it
/// yet); <see cref="Awaiting"/> says who must act (中心, 招标人, 监督部门, 代理机构…). <see cref="Since"/> is when the item
/// started waiting (items without a due time are listed oldest first). <see cref="DueSoon"/> is the kind's own
/// "due soon" window where its feature has one; <see cref="WaitingOnCenter"/> marks a registration the center owes
/// (its urgency is the registration desk's own rule). <see cref="Note"/> says why a row has no due time, when it has none.
/// </summary>
public sealed record DueItem(DueKind Kind, Guid Id, string Reference, string Title, string? Owner, string Awaiting,
    DateTimeOffset? DueAt, bool Provisional, string State, string Href, DateTimeOffset Since,
    string? Note = null, TimeSpan? DueSoon = null, bool WaitingOnCenter = false);

/// <summary>Whose items: the signed-in user's, nobody's, a named user's, or everyone's.</summary>
public enum DueOwnerScope { All, Me, Unassigned, User }

/// <summary>
/// A filter of the board: owner and kinds (none: every kind). <see cref="Me"/> holds the names the signed-in user
/// goes by (the user name, and the staff name some features record); <see cref="User"/> the user picked.
/// </summary>
public sealed record DueFilter(DueOwnerScope Owner = DueOwnerScope.All, IReadOnlySet<DueKind>? Kinds = null,
    IReadOnlyCollection<string>? Me = null, string? User = null)
{
    public static DueFilter Everything { get; } = new();
}

/// <summary>
/// The one board of everything due (issue 20, item 3): its ordering, its urgency and its filter. Every screen that
/// lists due items (the board, its counts, the home page) goes through here.
/// </summary>
public static class DueBoard
{
    /// <summary>Shown amber when less working time than this is left and the kind has no window of its own.</summary>
    public static readonly TimeSpan DefaultDueSoon = TimeSpan.FromHours(1);

    /// <summary>
    /// The board's order: overdue first (the most overdue on top), then by time left (the least first), then the items
    /// without a due time (the oldest first). Ties keep a fixed order: kind, then reference.
    /// </summary>
    public static IReadOnlyList<DueItem> Order(IEnumerable<DueItem> items, DateTimeOffset now) =>
        items.OrderBy(i => i.DueAt is null ? 2 : i.DueAt <= now ? 0 : 1)
            .ThenBy(i => i.DueAt ?? DateTimeOffset.MaxValue) // overdue: earliest due = most overdue; upcoming: least time left
            .ThenBy(i => i.DueAt is null ? i.Since : DateTimeOffset.MinValue)
            .ThenBy(i => i.Kind)
            .ThenBy(i => i.Reference, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Overdue once the due time has come; due soon when less working time than the kind's window (else
    /// <paramref name="dueSoon"/>) is left; no deadline without a due time. A registration the center owes is judged by
    /// the registration desk's own rule (<see cref="ServiceTimePolicy.UrgencyAt"/>).
    /// </summary>
    public static DueUrgency Urgency(DueItem item, DateTimeOffset now, WorkdayCalendar calendar, TimeSpan dueSoon)
    {
        if (item.DueAt is not { } due) return DueUrgency.NoDeadline;
        if (item.Kind == DueKind.Registration && item.WaitingOnCenter)
            return ServiceTimePolicy.UrgencyAt(due, now, calendar) switch
            {
                RegistrationUrgency.Overdue => DueUrgency.Overdue,
                RegistrationUrgency.DueSoon => DueUrgency.DueSoon,
                _ => DueUrgency.OnTime,
            };
        if (now >= due) return DueUrgency.Overdue;
        return calendar.WorkingTimeBetween(now, due) < (item.DueSoon ?? dueSoon) ? DueUrgency.DueSoon : DueUrgency.OnTime;
    }

    /// <summary>
    /// Time left on the clock the board shows: working time left until the due time (the calendar's office hours), or,
    /// once overdue, the time elapsed since (negative). Null without a due time.
    /// </summary>
    public static TimeSpan? TimeLeft(DueItem item, DateTimeOffset now, WorkdayCalendar calendar) =>
        item.DueAt is not { } due ? null
        : now >= due ? -(now - due)
        : calendar.WorkingTimeBetween(now, due);

    /// <summary>Items of the filter's owner and kinds.</summary>
    public static IEnumerable<DueItem> Filter(IEnumerable<DueItem> items, DueFilter filter) =>
        items.Where(i => (filter.Kinds is not { Count: > 0 } kinds || kinds.Contains(i.Kind)) && OwnedAsAsked(i, filter));

    /// <summary>How many items of each kind (every kind listed, zero included), for the filter chips.</summary>
    public static IReadOnlyDictionary<DueKind, int> Counts(IEnumerable<DueItem> items)
    {
        var counts = Enum.GetValues<DueKind>().ToDictionary(k => k, _ => 0);
        foreach (var i in items) counts[i.Kind]++;
        return counts;
    }

    private static bool OwnedAsAsked(DueItem item, DueFilter filter) => filter.Owner switch
    {
        DueOwnerScope.Me => item.Owner is { } o && (filter.Me ?? []).Contains(o, StringComparer.OrdinalIgnoreCase),
        DueOwnerScope.Unassigned => item.Owner is null,
        DueOwnerScope.User => item.Owner is { } o && string.Equals(o, filter.User, StringComparison.OrdinalIgnoreCase),
        _ => true,
    };
}
